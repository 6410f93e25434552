// Package server is the HTTP server behind `ally serve`: a web page to paste
// or upload a document, and a JSON API that lints it with the same rules as
// `ally lint`. It never reads files of the machine it runs on: every byte it
// lints comes from the request.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/report"
)

// DefaultMaxBytes is the default limit on a request's body: 20 MiB, enough
// for a long handbook as a PDF.
const DefaultMaxBytes = 20 << 20

// DefaultBusyWait is how long a request waits for a free slot when as many
// documents as allowed are being linted, before it is turned away with 503.
const DefaultBusyWait = 5 * time.Second

// The http.Server timeouts NewHTTPServer sets.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 60 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
)

// ContentSecurityPolicy is sent with every response: the page may load
// only its own scripts, styles and images, talk only to this server, and
// may not be framed.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Options configure a Server.
type Options struct {
	// Linter holds the rules, built by the caller as `ally lint` builds
	// them (built-in rules, --rules files, --only, --disable). Required.
	Linter *lint.Linter
	// Tool names the program in the JSON report; the zero value means
	// ally and its version.
	Tool report.Tool
	// MaxBytes limits a request's body; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxConcurrent is how many requests may lint (or diff) at once; 0
	// means twice GOMAXPROCS.
	MaxConcurrent int
	// BusyWait is how long a request waits for a free slot before the
	// server answers 503; 0 means DefaultBusyWait.
	BusyWait time.Duration
	// Hosts, when not empty, are the only host names (without port) the
	// Host header may carry; a server bound to loopback lists its own
	// names, so a web page that rebinds its DNS name to 127.0.0.1 cannot
	// reach it.
	Hosts []string
}

// Server answers the page and the API. It is an http.Handler; run it with
// NewHTTPServer, which sets the timeouts.
type Server struct {
	linter    *lint.Linter
	tool      report.Tool
	maxBytes  int64
	busyWait  time.Duration
	hosts     map[string]bool
	slots     chan struct{}
	static    map[string]staticFile
	rulesJSON []byte
	// holding, when set, runs while a request holds a linting slot; tests
	// block in it to fill the server deterministically.
	holding func()
}

// New returns a Server for the options.
func New(opts Options) (*Server, error) {
	if opts.Linter == nil {
		return nil, errors.New("server: no rules (Options.Linter is nil)")
	}
	s := &Server{
		linter:   opts.Linter,
		tool:     opts.Tool,
		maxBytes: opts.MaxBytes,
		busyWait: opts.BusyWait,
	}
	if s.tool == (report.Tool{}) {
		s.tool = report.Tool{Name: "ally", Version: ally.Version}
	}
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxBytes
	}
	if s.busyWait <= 0 {
		s.busyWait = DefaultBusyWait
	}
	n := opts.MaxConcurrent
	if n <= 0 {
		n = 2 * runtime.GOMAXPROCS(0)
	}
	s.slots = make(chan struct{}, n)
	if len(opts.Hosts) > 0 {
		s.hosts = map[string]bool{}
		for _, h := range opts.Hosts {
			s.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
		}
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.rulesJSON, err = rulesJSON(opts.Linter); err != nil {
		return nil, err
	}
	return s, nil
}

// NewHTTPServer returns an http.Server for the handler with timeouts that
// keep slow or stalled clients from holding connections forever.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// setSecurityHeaders sets the headers every response carries, errors and
// static files included.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if s.hosts != nil && !s.hosts[hostName(r.Host)] {
		writeError(w, http.StatusForbidden, "unexpected Host header: this server answers only at "+s.hostList())
		return
	}
	switch r.URL.Path {
	case "/api/lint":
		s.post(w, r, s.handleLint)
	case "/api/fix":
		s.post(w, r, s.handleFix)
	case "/api/diff":
		s.post(w, r, s.handleDiff)
	case "/api/rules":
		get(w, r, func(w http.ResponseWriter, r *http.Request) { writeJSONBytes(w, http.StatusOK, s.rulesJSON) })
	case "/healthz":
		get(w, r, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write([]byte("ok"))
		})
	default:
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeError(w, http.StatusNotFound, "no such endpoint; see the API in the README under \"ally serve\"")
			return
		}
		get(w, r, s.serveStatic)
	}
}

// hostName is the lower-case host of a Host header, without port or
// brackets.
func hostName(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return strings.ToLower(strings.Trim(host, "[]"))
}

func (s *Server) hostList() string {
	return strings.Join(slices.Sorted(maps.Keys(s.hosts)), ", ")
}

// get lets only GET and HEAD through to h.
func get(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use GET")
		return
	}
	h(w, r)
}

// post lets through to h only POST requests from this server's own page:
// a page on another site must not be able to use a server running on the
// user's machine. It also holds one linting slot for the request.
func (s *Server) post(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use POST")
		return
	}
	if msg := crossSite(r); msg != "" {
		writeError(w, http.StatusForbidden, msg)
		return
	}
	if r.ContentLength > s.maxBytes {
		s.tooLarge(w)
		return
	}
	if !s.acquire(r.Context()) {
		secs := int((s.busyWait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(max(1, secs)))
		writeError(w, http.StatusServiceUnavailable, "the server is busy linting other documents; try again in a few seconds")
		return
	}
	defer func() { <-s.slots }()
	if s.holding != nil {
		s.holding()
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBytes)
	h(w, r)
}

// crossSite returns why a POST is refused as coming from another site, or
// "" when it comes from this server's own page (or from a tool such as
// curl, which sends neither header).
func crossSite(r *http.Request) string {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return "cross-site request refused: only the page served by ally serve itself may use the API"
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
			return "cross-origin request refused: the Origin is not this server"
		}
	}
	return ""
}

// acquire takes a linting slot, waiting up to busyWait for one.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.busyWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func (s *Server) tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than the limit of %s; ally serve --max-bytes raises it", formatBytes(s.maxBytes)))
}

// formatBytes says a size the way people read it: "20 MiB", "512 KiB",
// "1000 bytes".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB (%d bytes)", n>>20, n)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB (%d bytes)", n>>10, n)
	}
	return fmt.Sprintf("%d bytes", n)
}

// writeError answers with {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}

// writeJSON answers with v as JSON. encoding/json escapes <, > and & in
// strings, so nothing a request sent can read as markup.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"error":"internal error: the response could not be encoded"}`)
	}
	writeJSONBytes(w, status, append(data, '\n'))
}

func writeJSONBytes(w http.ResponseWriter, status int, data []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}
