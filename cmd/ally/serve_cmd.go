package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/allylint/ally"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/server"
)

const serveUsage = `Usage: ally serve [flags]

Serves a web page to paste or upload a document (Markdown, text, HTML, PDF,
Word) and see its findings, with the same rules as ally lint, and the JSON
API behind it (see the README). Nothing is read from this machine's files:
every document comes from the browser. Ctrl-C stops the server.

The server listens on 127.0.0.1 (this machine only) unless --addr says
otherwise; the page has no login, so think twice before exposing it.

Examples:
  ally serve
  ally serve --open
  ally serve --addr 127.0.0.1:9000 --rules our-terms.yaml --disable plain-language
`

// serveOptions are the parsed flags of `ally serve`.
type serveOptions struct {
	addr     string
	open     bool
	maxBytes int64
	rules    ruleOptions
}

func parseServeFlags(args []string, stderr io.Writer) (*serveOptions, error) {
	o := &serveOptions{}
	fs := newFlagSet("serve", serveUsage, stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`; a host other than a loopback address lets other machines in")
	fs.BoolVar(&o.open, "open", false, "open the page in the default browser")
	fs.Int64Var(&o.maxBytes, "max-bytes", server.DefaultMaxBytes, "largest request body, in `bytes` (an upload or pasted text)")
	fs.Var((*repeatFlag)(&o.rules.files), "rules", "add the rules in `FILE` (repeatable); a rule with a built-in id replaces it")
	fs.BoolVar(&o.rules.noDefaults, "no-default-rules", false, "do not use the built-in rules")
	fs.Var((*listFlag)(&o.rules.only), "only", "run only rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	fs.Var((*listFlag)(&o.rules.disable), "disable", "skip rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	o.rules.limits = map[string]int{}
	fs.Var(limitFlag(o.rules.limits), "limit", "set a check's threshold, `RULE=N` (repeatable)")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(rest) > 0:
		return nil, fmt.Errorf("unexpected argument %q: ally serve takes no paths (documents come from the page)", rest[0])
	case o.maxBytes <= 0:
		return nil, fmt.Errorf("--max-bytes must be a positive number of bytes, not %d", o.maxBytes)
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return nil, fmt.Errorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8080", o.addr)
	}
	return o, nil
}

// runServe runs `ally serve` until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, nil)
}

// serve runs the server until ctx is done, then shuts it down gracefully.
// listening, when not nil, is called with the address once the server
// accepts connections (tests pass --addr 127.0.0.1:0 and learn the port).
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, listening func(net.Addr)) int {
	opts, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "ally serve: %v\nRun \"ally help serve\" for usage.\n", err)
		return exitError
	}
	linter, err := loadRules(opts.rules)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		fmt.Fprintf(stderr, "ally serve: %v\n", err)
		return exitError
	}
	addr := ln.Addr().(*net.TCPAddr)
	sopts := server.Options{
		Linter:   linter,
		Tool:     report.Tool{Name: "ally", Version: ally.Version},
		MaxBytes: opts.maxBytes,
	}
	host, _, _ := net.SplitHostPort(opts.addr)
	if loopback(addr) {
		// Answer only to this machine's names, so that a web page whose
		// DNS name is rebound to 127.0.0.1 cannot reach the server.
		sopts.Hosts = []string{"localhost", "127.0.0.1", "::1", host}
	} else {
		where := net.JoinHostPort(host, strconv.Itoa(addr.Port))
		if host == "" {
			where = fmt.Sprintf("every interface (port %d)", addr.Port)
		}
		fmt.Fprintf(stderr, "ally: warning: ally serve is listening on %s which other machines can reach; the page has no login. Use --addr 127.0.0.1:%d to keep it on this machine.\n", where, addr.Port)
	}
	h, err := server.New(sopts)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "ally serve: %v\n", err)
		return exitError
	}
	srv := server.NewHTTPServer(h)
	srv.ErrorLog = log.New(stderr, "ally serve: ", 0)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	url := pageURL(addr)
	fmt.Fprintf(stdout, "ally: serving on %s (Ctrl-C to stop)\n", url)
	if opts.open {
		openBrowser(url, stdout)
	}
	if listening != nil {
		listening(addr)
	}
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "ally serve: %v\n", err)
		return exitError
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "ally serve: stopping: %v\n", err)
		return exitError
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "ally serve: %v\n", err)
		return exitError
	}
	fmt.Fprintln(stderr, "ally: stopped")
	return exitOK
}

// loopback reports whether the server listens only on this machine: on a
// loopback address, not on all interfaces or an address others can reach.
func loopback(addr *net.TCPAddr) bool {
	return addr.IP.IsLoopback()
}

// pageURL is the address to open in a browser; a server listening on all
// interfaces is reached on this machine at 127.0.0.1.
func pageURL(addr *net.TCPAddr) string {
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
}

// browserCommand is the platform's program that opens a URL in the
// default browser, with its arguments.
func browserCommand(goos, url string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	return "xdg-open", []string{url}
}

// openBrowser opens url in the default browser; when there is no way to,
// it says where the page is instead. It never fails the command.
func openBrowser(url string, stdout io.Writer) {
	name, args := browserCommand(runtime.GOOS, url)
	path, err := exec.LookPath(name)
	if err == nil {
		cmd := exec.Command(path, args...)
		if err = cmd.Start(); err == nil {
			go cmd.Wait()
			return
		}
	}
	fmt.Fprintf(stdout, "ally: could not open a browser (%s: %v); open %s yourself\n", name, err, url)
}
