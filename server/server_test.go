package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	linterOnce sync.Once
	testLinter *lint.Linter
	linterErr  error
)

// defaultLinter compiles the built-in rules once for all tests.
func defaultLinter(t *testing.T) *lint.Linter {
	t.Helper()
	linterOnce.Do(func() {
		set, err := ally.DefaultSet()
		if err != nil {
			linterErr = err
			return
		}
		testLinter, linterErr = lint.New(set)
	})
	if linterErr != nil {
		t.Fatal(linterErr)
	}
	return testLinter
}

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Linter == nil {
		opts.Linter = defaultLinter(t)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// call sends one request to h and returns the recorded response.
func call(h http.Handler, method, path, contentType string, body []byte, headers ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func postJSON(h http.Handler, path string, v any, headers ...string) *httptest.ResponseRecorder {
	body, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return call(h, http.MethodPost, path, "application/json", body, headers...)
}

// upload builds a multipart/form-data body with a file and other fields.
func upload(t *testing.T, filename string, data []byte, fields ...string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), mw.FormDataContentType()
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type position struct {
	Offset, Line, Column, Page, Paragraph int
	Section                               string
}

type lintResponse struct {
	Tool  struct{ Name, Version string }
	Files []struct {
		Path, Format, Profile, Error string
		Findings                     []struct {
			Rule, Category, Severity, Message, Match string
			Start, End                               *position
			Suggestions                              []string
			Fix                                      *struct {
				Start, End  int
				Replacement string
			}
		}
		Metrics map[string]any
	}
	Summary  struct{ Files, Findings, Error, Warning, Info int }
	Text     string
	Editable *bool
}

// decodeLint checks a /api/lint answer's status and type and decodes it.
func decodeLint(t *testing.T, w *httptest.ResponseRecorder) lintResponse {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	var res lintResponse
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, w.Body)
	}
	if len(res.Files) != 1 {
		t.Fatalf("%d files, want 1", len(res.Files))
	}
	if res.Editable == nil {
		t.Fatal("no \"editable\" field")
	}
	return res
}

// checkOffsets checks that every positioned finding's offsets point at its
// match in the returned text, and returns how many findings have a position.
func checkOffsets(t *testing.T, res lintResponse) int {
	t.Helper()
	n := 0
	for _, f := range res.Files[0].Findings {
		if f.Start == nil {
			continue
		}
		n++
		if f.Start.Offset < 0 || f.End.Offset > len(res.Text) || f.Start.Offset > f.End.Offset {
			t.Errorf("%s: offsets [%d,%d) outside the text (%d bytes)", f.Rule, f.Start.Offset, f.End.Offset, len(res.Text))
			continue
		}
		if got := res.Text[f.Start.Offset:f.End.Offset]; got != f.Match {
			t.Errorf("%s: text[%d:%d] = %q, match %q", f.Rule, f.Start.Offset, f.End.Offset, got, f.Match)
		}
	}
	return n
}

func hasRule(res lintResponse, id string) bool {
	for _, f := range res.Files[0].Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// errorOf checks an error answer's status and JSON shape and returns its
// message.
func errorOf(t *testing.T, w *httptest.ResponseRecorder, status int) string {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("error Content-Type %q", ct)
	}
	var e struct{ Error string }
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error == "" {
		t.Fatalf("error body is not {\"error\": ...}: %v %s", err, w.Body)
	}
	return e.Error
}

func TestLintJSONJobPost(t *testing.T) {
	s := newServer(t, Options{})
	text := string(readTestdata(t, "examples/job-post.md"))
	w := postJSON(s, "/api/lint", map[string]any{"text": text, "filename": "post.md"})
	res := decodeLint(t, w)
	f := res.Files[0]
	if res.Text != text || !*res.Editable {
		t.Errorf("text echoed %v, editable %v", res.Text == text, *res.Editable)
	}
	if f.Path != "post.md" || f.Format != "markdown" || f.Profile != "job-post" {
		t.Errorf("path %q format %q profile %q", f.Path, f.Format, f.Profile)
	}
	if res.Tool.Name != "ally" || res.Tool.Version != ally.Version {
		t.Errorf("tool %+v", res.Tool)
	}
	if n := checkOffsets(t, res); n < 5 {
		t.Errorf("%d positioned findings, want the job post's many", n)
	}
	for _, id := range []string{"gender.chairman", "age.young", "job-post.pay-range"} {
		if !hasRule(res, id) {
			t.Errorf("no %s finding", id)
		}
	}
	if res.Summary.Files != 1 || res.Summary.Findings != len(f.Findings) {
		t.Errorf("summary %+v for %d findings", res.Summary, len(f.Findings))
	}
	if f.Metrics["words"] == nil {
		t.Error("no metrics")
	}
	// The answer is the published JSON contract (plus text and editable).
	schema, err := jsonschema.NewCompiler().Compile("../schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("answer does not match schema/report.schema.json: %v", err)
	}
	// The safe fixes the contract carries apply to the returned text.
	fixed := 0
	for _, fd := range f.Findings {
		if fd.Fix != nil {
			fixed++
			if fd.Fix.Start > fd.Start.Offset || fd.Fix.End != fd.End.Offset {
				t.Errorf("%s: fix [%d,%d) does not cover the match [%d,%d)", fd.Rule, fd.Fix.Start, fd.Fix.End, fd.Start.Offset, fd.End.Offset)
			}
		}
	}
	if fixed != 3 {
		t.Errorf("%d findings with a safe fix, want 3 (in order to, chairman, manpower)", fixed)
	}
}

func TestLintProfileAndFormat(t *testing.T) {
	s := newServer(t, Options{})
	text := string(readTestdata(t, "examples/job-post.md"))
	cases := []struct {
		name                  string
		req                   map[string]any
		format, profile, path string
	}{
		{"detected", map[string]any{"text": text, "filename": "post.md"}, "markdown", "job-post", "post.md"},
		{"auto given", map[string]any{"text": text, "filename": "post.md", "profile": "auto"}, "markdown", "job-post", "post.md"},
		{"override", map[string]any{"text": text, "filename": "post.md", "profile": "general"}, "markdown", "general", "post.md"},
		{"policy", map[string]any{"text": text, "format": "markdown", "profile": "policy"}, "markdown", "policy", "document.md"},
		{"default text", map[string]any{"text": "Hello, chairman."}, "text", "general", "document.txt"},
		{"format wins", map[string]any{"text": text, "filename": "post.md", "format": "text"}, "text", "", "post.md"},
		{"html by name", map[string]any{"text": "<p>The chairman</p>", "filename": "page.HTM"}, "html", "general", "page.HTM"},
		{"unknown extension is text", map[string]any{"text": "The chairman.", "filename": "notes.rtf"}, "text", "general", "notes.rtf"},
		{"path is cut to the name", map[string]any{"text": "The chairman.", "filename": `C:\Users\me\notes.txt`}, "text", "general", "notes.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := decodeLint(t, postJSON(s, "/api/lint", c.req))
			f := res.Files[0]
			if f.Format != c.format || f.Path != c.path || (c.profile != "" && f.Profile != c.profile) {
				t.Errorf("format %q profile %q path %q, want %q %q %q", f.Format, f.Profile, f.Path, c.format, c.profile, c.path)
			}
			checkOffsets(t, res)
		})
	}
	// Job-post rules run only under the job-post profile.
	general := decodeLint(t, postJSON(s, "/api/lint", map[string]any{"text": text, "filename": "post.md", "profile": "general"}))
	if hasRule(general, "job-post.pay-range") || !hasRule(general, "gender.chairman") {
		t.Error("profile general should drop job-post checks and keep gender.chairman")
	}
}

func TestUploadPDF(t *testing.T) {
	s := newServer(t, Options{})
	pdf := readTestdata(t, "documents/handbook.pdf")
	body, ct := upload(t, "handbook.pdf", pdf, "profile", "policy")
	res := decodeLint(t, call(s, http.MethodPost, "/api/lint", ct, body))
	f := res.Files[0]
	if *res.Editable {
		t.Error("a PDF must not be editable")
	}
	if f.Format != "pdf" || f.Profile != "policy" || f.Path != "handbook.pdf" {
		t.Errorf("format %q profile %q path %q", f.Format, f.Profile, f.Path)
	}
	if res.Text == "" || bytes.Contains(pdf, []byte(res.Text)) || strings.HasPrefix(res.Text, "%PDF") {
		t.Errorf("text is not the extracted text: %.80q", res.Text)
	}
	if n := checkOffsets(t, res); n == 0 {
		t.Fatal("no findings in the handbook")
	}
	for _, fd := range f.Findings {
		if fd.Start != nil && fd.Start.Page < 1 {
			t.Errorf("%s at %+v has no page", fd.Rule, *fd.Start)
		}
		if fd.Fix != nil {
			t.Errorf("%s: a PDF finding carries a fix", fd.Rule)
		}
	}
}

func TestUploadDOCXAndHTML(t *testing.T) {
	s := newServer(t, Options{})
	docx := readTestdata(t, "documents/handbook.docx")
	body, ct := upload(t, "handbook.docx", docx)
	res := decodeLint(t, call(s, http.MethodPost, "/api/lint", ct, body))
	if *res.Editable || res.Files[0].Format != "docx" || strings.HasPrefix(res.Text, "PK") {
		t.Errorf("docx: editable %v format %q text %.40q", *res.Editable, res.Files[0].Format, res.Text)
	}
	if checkOffsets(t, res) == 0 {
		t.Fatal("no findings in the docx")
	}
	for _, fd := range res.Files[0].Findings {
		if fd.Start != nil && fd.Start.Paragraph < 1 {
			t.Errorf("%s has no paragraph", fd.Rule)
		}
	}

	page := readTestdata(t, "documents/job-post.html")
	body, ct = upload(t, "job-post.html", page)
	res = decodeLint(t, call(s, http.MethodPost, "/api/lint", ct, body))
	if !*res.Editable || res.Files[0].Format != "html" || res.Text != string(page) {
		t.Errorf("html: editable %v format %q, text echoed %v", *res.Editable, res.Files[0].Format, res.Text == string(page))
	}
	if checkOffsets(t, res) == 0 {
		t.Fatal("no findings in the HTML page")
	}
	if res.Files[0].Profile != "job-post" {
		t.Errorf("html profile %q, want job-post", res.Files[0].Profile)
	}
}

func TestBadRequests(t *testing.T) {
	s := newServer(t, Options{})
	scanned := readTestdata(t, "documents/scanned.pdf")
	encrypted := readTestdata(t, "documents/encrypted.pdf")
	cases := []struct {
		name        string
		method, ct  string
		body        []byte
		status      int
		wantMessage string
	}{
		{"bad JSON", "POST", "application/json", []byte(`{"text": "x"`), 400, "not valid JSON"},
		{"syntax error", "POST", "application/json", []byte(`{"text": x}`), 400, "not valid JSON"},
		{"unknown field", "POST", "application/json", []byte(`{"txt": "x"}`), 400, `unknown field "txt"`},
		{"wrong type", "POST", "application/json", []byte(`{"text": 3}`), 400, `"text" must be a string`},
		{"not an object", "POST", "application/json", []byte(`["text"]`), 400, "must be a JSON object"},
		{"empty body", "POST", "application/json", []byte(``), 400, "empty"},
		{"two values", "POST", "application/json", []byte(`{"text": "a"} {"text": "b"}`), 400, "more than one JSON value"},
		{"missing text", "POST", "application/json", []byte(`{"filename": "a.md"}`), 400, `missing "text"`},
		{"bad profile", "POST", "application/json", []byte(`{"text": "a", "profile": "resume"}`), 400, "unknown profile"},
		{"bad format", "POST", "application/json", []byte(`{"text": "a", "format": "pdf"}`), 400, "unknown format"},
		{"pdf as text", "POST", "application/json", []byte(`{"text": "a", "filename": "a.pdf"}`), 400, "multipart/form-data"},
		{"control in name", "POST", "application/json", []byte(`{"text": "a", "filename": "a\nb.md"}`), 400, "control characters"},
		{"NUL in text", "POST", "application/json", []byte(`{"text": "a\u0000b"}`), 422, "binary"},
		{"wrong content type", "POST", "text/plain", []byte(`The chairman`), 415, "application/json"},
		{"fix needs JSON", "POST", "text/plain", []byte(`{}`), 415, "application/json"},
		{"GET lint", "GET", "", nil, 405, "use POST"},
		{"PUT fix", "PUT", "application/json", []byte(`{}`), 405, "use POST"},
		{"POST rules", "POST", "application/json", []byte(`{}`), 405, "use GET"},
		{"unknown api", "GET", "", nil, 404, "no such endpoint"},
	}
	paths := map[string]string{"GET lint": "/api/lint", "PUT fix": "/api/fix", "fix needs JSON": "/api/fix", "POST rules": "/api/rules", "unknown api": "/api/nope"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := paths[c.name]
			if path == "" {
				path = "/api/lint"
			}
			w := call(s, c.method, path, c.ct, c.body)
			if msg := errorOf(t, w, c.status); !strings.Contains(msg, c.wantMessage) {
				t.Errorf("error %q, want it to say %q", msg, c.wantMessage)
			}
			if c.status == 405 {
				want := "POST"
				if path == "/api/rules" {
					want = "GET, HEAD"
				}
				if got := w.Header().Get("Allow"); got != want {
					t.Errorf("Allow %q, want %q", got, want)
				}
			}
		})
	}

	uploads := []struct {
		name, filename string
		data           []byte
		fields         []string
		status         int
		wantMessage    string
	}{
		{"unknown extension", "resume.exe", []byte("MZ"), nil, 415, `".exe"`},
		{"no extension", "README", []byte("hi"), nil, 415, ".md, .markdown, .txt"},
		{"scanned PDF", "scanned.pdf", scanned, nil, 422, "no extractable text"},
		{"encrypted PDF", "encrypted.pdf", encrypted, nil, 422, "encrypted PDF"},
		{"damaged docx", "broken.docx", []byte("not a zip at all"), nil, 422, "broken.docx"},
		{"not UTF-8", "latin1.txt", []byte("caf\xe9 chairman"), nil, 422, "not UTF-8"},
		{"bad profile", "a.md", []byte("x"), []string{"profile", "cv"}, 400, "unknown profile"},
		{"unknown field", "a.md", []byte("x"), []string{"format", "text"}, 400, `unknown form field "format"`},
		{"no file", "", nil, []string{"profile", "auto"}, 400, "no file"},
	}
	for _, c := range uploads {
		t.Run("upload "+c.name, func(t *testing.T) {
			body, ct := upload(t, c.filename, c.data, c.fields...)
			msg := errorOf(t, call(s, http.MethodPost, "/api/lint", ct, body), c.status)
			if !strings.Contains(msg, c.wantMessage) {
				t.Errorf("error %q, want it to say %q", msg, c.wantMessage)
			}
		})
	}
	t.Run("field file without a file name", func(t *testing.T) {
		body, ct := upload(t, "", nil, "file", "The chairman")
		if msg := errorOf(t, call(s, http.MethodPost, "/api/lint", ct, body), 400); !strings.Contains(msg, "file name") {
			t.Errorf("error %q", msg)
		}
	})
	t.Run("two files", func(t *testing.T) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for _, n := range []string{"a.md", "b.md"} {
			fw, _ := mw.CreateFormFile("file", n)
			fw.Write([]byte("text"))
		}
		mw.Close()
		if msg := errorOf(t, call(s, http.MethodPost, "/api/lint", mw.FormDataContentType(), b.Bytes()), 400); !strings.Contains(msg, "more than one file") {
			t.Errorf("error %q", msg)
		}
	})
}

func TestTooLarge(t *testing.T) {
	const limit = 1000
	s := newServer(t, Options{MaxBytes: limit})
	big := strings.Repeat("The chairman spoke. ", 100) // 2000 bytes
	small := decodeLint(t, postJSON(s, "/api/lint", map[string]any{"text": big[:limit/2]}))
	if len(small.Files[0].Findings) == 0 {
		t.Error("a text under the limit is linted")
	}
	body, _ := json.Marshal(map[string]any{"text": big})
	fileBody, fileCT := upload(t, "big.md", []byte(big))
	for _, c := range []struct {
		name, path, ct string
		body           []byte
		chunked        bool
	}{
		{"json with length", "/api/lint", "application/json", body, false},
		{"json chunked", "/api/lint", "application/json", body, true},
		{"upload with length", "/api/lint", fileCT, fileBody, false},
		{"upload chunked", "/api/lint", fileCT, fileBody, true},
		{"fix chunked", "/api/fix", "application/json", body, true},
		{"diff chunked", "/api/diff", "application/json", []byte(`{"old": "` + big + `", "new": ""}`), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, c.path, bytes.NewReader(c.body))
			req.Header.Set("Content-Type", c.ct)
			if c.chunked {
				req.ContentLength = -1 // unknown: only MaxBytesReader can stop it
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			msg := errorOf(t, w, http.StatusRequestEntityTooLarge)
			if !strings.Contains(msg, "1000 bytes") {
				t.Errorf("error %q does not name the limit", msg)
			}
		})
	}
	if got := formatBytes(DefaultMaxBytes); got != "20 MiB (20971520 bytes)" {
		t.Errorf("formatBytes(20 MiB) = %q", got)
	}
}

// TestTooLargeOverHTTP sends an oversized body to a real server with a
// client, as a browser would.
func TestTooLargeOverHTTP(t *testing.T) {
	ts := httptest.NewServer(newServer(t, Options{MaxBytes: 4096}))
	defer ts.Close()
	body, ct := upload(t, "big.txt", bytes.Repeat([]byte("chairman "), 1000))
	resp, err := http.Post(ts.URL+"/api/lint", ct, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(data), "4 KiB") {
		t.Errorf("status %d body %s", resp.StatusCode, data)
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	s := newServer(t, Options{Hosts: []string{"example.com"}})
	body, ct := upload(t, "scanned.pdf", readTestdata(t, "documents/scanned.pdf"))
	reqs := []struct {
		name, method, path, ct string
		body                   []byte
		headers                []string
	}{
		{"page", "GET", "/", "", nil, nil},
		{"css", "GET", "/app.css", "", nil, nil},
		{"static alias", "GET", "/static/index.html", "", nil, nil},
		{"HEAD page", "HEAD", "/", "", nil, nil},
		{"not found", "GET", "/nope.html", "", nil, nil},
		{"healthz", "GET", "/healthz", "", nil, nil},
		{"rules", "GET", "/api/rules", "", nil, nil},
		{"lint", "POST", "/api/lint", "application/json", []byte(`{"text": "The chairman"}`), nil},
		{"bad JSON", "POST", "/api/lint", "application/json", []byte(`{`), nil},
		{"405", "DELETE", "/api/lint", "", nil, nil},
		{"405 static", "POST", "/", "text/plain", nil, nil},
		{"422", "POST", "/api/lint", ct, body, nil},
		{"403 cross-site", "POST", "/api/lint", "application/json", []byte(`{"text": "x"}`), []string{"Sec-Fetch-Site", "cross-site"}},
		{"403 host", "GET", "/", "", nil, []string{"Host", "evil.example"}},
	}
	for _, r := range reqs {
		t.Run(r.name, func(t *testing.T) {
			w := call(s, r.method, r.path, r.ct, r.body, r.headers...)
			h := w.Header()
			for k, v := range map[string]string{
				"Content-Security-Policy":    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
				"X-Content-Type-Options":     "nosniff",
				"Referrer-Policy":            "no-referrer",
				"Cross-Origin-Opener-Policy": "same-origin",
			} {
				if got := h.Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q", r.name, k, got, v)
				}
			}
			if h.Get("Content-Type") == "" {
				t.Errorf("%s: no Content-Type", r.name)
			}
		})
	}
}

func TestCrossSiteRefused(t *testing.T) {
	s := newServer(t, Options{})
	body := map[string]any{"text": "The chairman"}
	refused := [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"},
		{"Origin", "https://evil.example"},
		{"Origin", "http://example.com:8080"}, // another port is another origin
		{"Origin", "null"},
		{"Origin", "http://evil.example", "Sec-Fetch-Site", "same-origin"},
	}
	for _, path := range []string{"/api/lint", "/api/fix"} {
		for _, hs := range refused {
			msg := errorOf(t, postJSON(s, path, body, hs...), http.StatusForbidden)
			if !strings.Contains(msg, "refused") {
				t.Errorf("%s %v: error %q", path, hs, msg)
			}
		}
	}
	files, ct := upload(t, "a.md", []byte("The chairman"))
	errorOf(t, call(s, http.MethodPost, "/api/lint", ct, files, "Origin", "https://evil.example"), http.StatusForbidden)
	errorOf(t, postJSON(s, "/api/diff", map[string]any{"old": "a", "new": "b"}, "Sec-Fetch-Site", "cross-site"), http.StatusForbidden)
	// The page itself, and tools that send neither header, are served.
	for _, hs := range [][]string{
		nil,
		{"Sec-Fetch-Site", "same-origin", "Origin", "http://example.com"},
		{"Sec-Fetch-Site", "none"},
		{"Origin", "http://EXAMPLE.com"},
	} {
		decodeLint(t, postJSON(s, "/api/lint", body, hs...))
	}
}

func TestHostAllowlist(t *testing.T) {
	s := newServer(t, Options{Hosts: []string{"localhost", "127.0.0.1", "::1"}})
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"} {
		if w := call(s, "GET", "/healthz", "", nil, "Host", host); w.Code != 200 {
			t.Errorf("Host %s: status %d", host, w.Code)
		}
	}
	for _, host := range []string{"evil.example:8080", "attacker.localhost.evil:8080", "192.168.1.2:8080"} {
		msg := errorOf(t, call(s, "GET", "/", "", nil, "Host", host), http.StatusForbidden)
		if !strings.Contains(msg, "127.0.0.1, ::1, localhost") {
			t.Errorf("Host %s: %q", host, msg)
		}
	}
	// No allowlist: any host.
	if w := call(newServer(t, Options{}), "GET", "/healthz", "", nil, "Host", "evil.example"); w.Code != 200 {
		t.Errorf("without Hosts: status %d", w.Code)
	}
}

type fixAnswer struct {
	Text    string
	Diff    string
	Applied int
}

func decodeFix(t *testing.T, w *httptest.ResponseRecorder) fixAnswer {
	t.Helper()
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d type %q: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	var a fixAnswer
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFix(t *testing.T) {
	s := newServer(t, Options{})
	text := string(readTestdata(t, "examples/job-post.md"))
	safe := decodeFix(t, postJSON(s, "/api/fix", map[string]any{"text": text, "filename": "post.md"}))
	if safe.Applied != 3 {
		t.Errorf("applied %d safe fixes, want 3", safe.Applied)
	}
	for _, want := range []string{"stand-ups to plan", "Act as chair of", "staffing plan", "rockstar"} {
		if !strings.Contains(safe.Text, want) {
			t.Errorf("safe fixes: text lacks %q", want)
		}
	}
	if !strings.HasPrefix(safe.Diff, "--- a/post.md\n+++ b/post.md\n@@ ") {
		t.Errorf("diff header: %.60q", safe.Diff)
	}
	if got := applyDiff(t, text, safe.Diff); got != safe.Text {
		t.Errorf("the diff does not turn the text into the fixed text:\n%s", safe.Diff)
	}

	unsafe := decodeFix(t, postJSON(s, "/api/fix", map[string]any{"text": text, "format": "markdown", "unsafe": true}))
	if unsafe.Applied <= safe.Applied || strings.Contains(unsafe.Text, "rockstar") {
		t.Errorf("unsafe: applied %d (safe %d), rockstar left: %v", unsafe.Applied, safe.Applied, strings.Contains(unsafe.Text, "rockstar"))
	}
	if !strings.HasPrefix(unsafe.Diff, "--- a/document.md\n") {
		t.Errorf("default diff name: %.40q", unsafe.Diff)
	}
	if got := applyDiff(t, text, unsafe.Diff); got != unsafe.Text {
		t.Error("the unsafe diff does not apply")
	}

	again := decodeFix(t, postJSON(s, "/api/fix", map[string]any{"text": safe.Text, "filename": "post.md"}))
	if again.Applied != 0 || again.Diff != "" || again.Text != safe.Text {
		t.Errorf("fixing twice: applied %d, diff %q", again.Applied, again.Diff)
	}
	if msg := errorOf(t, postJSON(s, "/api/fix", map[string]any{"text": "x", "unsafe": "yes"}), 400); !strings.Contains(msg, `"unsafe" must be true or false`) {
		t.Errorf("error %q", msg)
	}
	errorOf(t, postJSON(s, "/api/fix", map[string]any{"text": "x", "extra": 1}), 400)
}

func TestDiff(t *testing.T) {
	s := newServer(t, Options{})
	old := "# Team\n\nOur chairman opens the meeting.\nSee below.\n"
	new := "# Team\n\nOur chair opens the meeting.\nSee below.\n"
	w := postJSON(s, "/api/diff", map[string]any{"old": old, "new": new, "filename": "team.md"})
	var a struct{ Diff string }
	if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &a) != nil {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if !strings.HasPrefix(a.Diff, "--- a/team.md\n+++ b/team.md\n") || applyDiff(t, old, a.Diff) != new {
		t.Errorf("diff:\n%s", a.Diff)
	}
	w = postJSON(s, "/api/diff", map[string]any{"old": old, "new": old})
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"diff":""}` {
		t.Errorf("no change: %d %s", w.Code, w.Body)
	}
	w = postJSON(s, "/api/diff", map[string]any{"old": old, "new": new + "x"})
	if json.Unmarshal(w.Body.Bytes(), &a); !strings.HasPrefix(a.Diff, "--- a/document.md\n") || !strings.Contains(a.Diff, "\\ No newline at end of file") {
		t.Errorf("default name: %s", a.Diff)
	}
	errorOf(t, postJSON(s, "/api/diff", map[string]any{"old": old}), 400)
	errorOf(t, postJSON(s, "/api/diff", map[string]any{"old": old, "new": new, "text": ""}), 400)
}

// applyDiff applies a unified diff (as fix.Diff writes it) to text,
// checking every context and removed line.
func applyDiff(t *testing.T, text, diff string) string {
	t.Helper()
	if diff == "" {
		return text
	}
	old := strings.SplitAfter(text, "\n")
	if old[len(old)-1] == "" {
		old = old[:len(old)-1]
	}
	var out []string
	at := 0 // next line of old to copy
	lines := strings.SplitAfter(diff, "\n")
	for i := 2; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@ "):
			var start, n int
			if _, err := fmt.Sscanf(l, "@@ -%d,%d", &start, &n); err != nil {
				t.Fatalf("bad hunk header %q", l)
			}
			if n == 0 {
				start++
			}
			for ; at < start-1; at++ {
				out = append(out, old[at])
			}
		case strings.HasPrefix(l, `\ No newline at end of file`):
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
		case l[0] == ' ' || l[0] == '-':
			if at >= len(old) || strings.TrimSuffix(old[at], "\n") != strings.TrimSuffix(l[1:], "\n") {
				t.Fatalf("diff line %q does not match the text at line %d", l, at+1)
			}
			if l[0] == ' ' {
				out = append(out, old[at])
			}
			at++
		case l[0] == '+':
			out = append(out, l[1:])
		default:
			t.Fatalf("unexpected diff line %q", l)
		}
	}
	out = append(out, old[at:]...)
	return strings.Join(out, "")
}

func TestRules(t *testing.T) {
	l := defaultLinter(t)
	s := newServer(t, Options{})
	w := call(s, "GET", "/api/rules", "", nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d type %q", w.Code, w.Header().Get("Content-Type"))
	}
	var got struct {
		Rules []struct {
			ID, Category, Severity, Message, Why, Fix, Source string
			Suggest                                           []string
			Profiles                                          []string
		}
	}
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != len(l.Rules()) || len(got.Rules) < 700 {
		t.Fatalf("%d rules, want %d", len(got.Rules), len(l.Rules()))
	}
	byID := map[string]int{}
	for i, r := range got.Rules {
		byID[r.ID] = i
		if r.Suggest == nil || (r.Fix != "safe" && r.Fix != "unsafe") || r.Message == "" || r.Severity == "" {
			t.Errorf("rule %s: %+v", r.ID, r)
		}
	}
	chair := got.Rules[byID["gender.chairman"]]
	if chair.Fix != "safe" || chair.Category != "exclusionary.gender" || len(chair.Suggest) == 0 || chair.Suggest[0] != "chair" || chair.Why == "" {
		t.Errorf("gender.chairman: %+v", chair)
	}
	if young := got.Rules[byID["age.young"]]; young.Fix != "unsafe" {
		t.Errorf("age.young: fix %q", young.Fix)
	}
	// The raw JSON has arrays, never null, for suggest.
	if strings.Contains(w.Body.String(), `"suggest":null`) {
		t.Error("suggest is null somewhere")
	}
}

// TestXSSVectors sends markup in documents and file names: every answer is
// JSON, with the markup escaped as JSON string data, never HTML.
func TestXSSVectors(t *testing.T) {
	s := newServer(t, Options{})
	const img = `<img src=x onerror=alert(1)>`
	text := "# Hiring\n\nOur chairman says " + img + " and <script>alert(2)</script> & more.\n"
	names := []struct{ sent, path string }{
		{`"><script>alert(1)</script>.md`, "script>.md"}, // cut at the last slash
		{`"><img src=x onerror=alert(1)>.md`, `"><img src=x onerror=alert(1)>.md`},
	}
	noMarkup := func(t *testing.T, w *httptest.ResponseRecorder) {
		t.Helper()
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		if raw := w.Body.String(); strings.ContainsAny(raw, "<>") {
			t.Errorf("raw answer holds < or >: %.200s", raw)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Error("no nosniff")
		}
	}
	for _, n := range names {
		t.Run(n.sent, func(t *testing.T) {
			w := postJSON(s, "/api/lint", map[string]any{"text": text, "filename": n.sent})
			noMarkup(t, w)
			res := decodeLint(t, w)
			if res.Text != text || res.Files[0].Path != n.path {
				t.Errorf("decoded text or path changed: path %q", res.Files[0].Path)
			}
			if !hasRule(res, "gender.chairman") {
				t.Error("no chairman finding")
			}
			checkOffsets(t, res)

			body, ct := upload(t, n.sent, []byte(text))
			w = call(s, http.MethodPost, "/api/lint", ct, body)
			noMarkup(t, w)
			if res := decodeLint(t, w); res.Files[0].Path != n.path || res.Text != text {
				t.Errorf("upload: path %q", res.Files[0].Path)
			}

			w = postJSON(s, "/api/fix", map[string]any{"text": text, "filename": n.sent})
			noMarkup(t, w)
			if a := decodeFix(t, w); !strings.Contains(a.Text, img) || !strings.Contains(a.Diff, "Our chair says") {
				t.Errorf("fix: %+v", a)
			}
			w = postJSON(s, "/api/diff", map[string]any{"old": text, "new": text + img, "filename": n.sent})
			noMarkup(t, w)
		})
	}
	// Error messages that quote the request escape it too.
	for _, w := range []*httptest.ResponseRecorder{
		postJSON(s, "/api/lint", map[string]any{"text": "x", "format": "<script>alert(1)</script>"}),
		postJSON(s, "/api/lint", map[string]any{"text": "x", "profile": "<img src=x onerror=alert(1)>"}),
		call(s, http.MethodPost, "/api/lint", "application/json", []byte(`{"<script>": 1}`)),
	} {
		errorOf(t, w, 400)
		noMarkup(t, w)
	}
	body, ct := upload(t, "x.<img src=x onerror=alert(1)>", []byte("hi"))
	w := call(s, http.MethodPost, "/api/lint", ct, body)
	errorOf(t, w, http.StatusUnsupportedMediaType)
	noMarkup(t, w)
	// An HTML document's findings quote its markup as data.
	w = postJSON(s, "/api/lint", map[string]any{"text": `<p>The <b onclick="alert(1)">chair</b>man</p>`, "format": "html"})
	noMarkup(t, w)
	if res := decodeLint(t, w); !hasRule(res, "gender.chairman") {
		t.Error("no finding across markup")
	}
}

// holdFirstSlot makes the first request that gets a linting slot block
// inside the server until free is called; entered is closed when it got
// there, and calls counts the requests that held a slot.
func holdFirstSlot(t *testing.T, s *Server) (entered chan struct{}, free func(), calls *atomic.Int32) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	free = func() { once.Do(func() { close(release) }) }
	t.Cleanup(free) // a failing test must not leave a request blocked
	calls = new(atomic.Int32)
	s.holding = func() {
		if calls.Add(1) == 1 {
			close(entered)
			<-release
		}
	}
	return entered, free, calls
}

// TestBusy fills the only linting slot with a request that blocks inside
// the server, then checks that another request is turned away with 503
// and Retry-After, and that the slot is free again afterwards.
func TestBusy(t *testing.T) {
	s := newServer(t, Options{MaxConcurrent: 1, BusyWait: 20 * time.Millisecond})
	entered, free, calls := holdFirstSlot(t, s)
	first := make(chan *httptest.ResponseRecorder, 1)
	go func() { first <- postJSON(s, "/api/lint", map[string]any{"text": "The chairman"}) }()
	<-entered
	for _, path := range []string{"/api/lint", "/api/fix", "/api/diff"} {
		w := postJSON(s, path, map[string]any{"text": "The chairman"})
		if msg := errorOf(t, w, http.StatusServiceUnavailable); !strings.Contains(msg, "busy") {
			t.Errorf("%s: %q", path, msg)
		}
		if ra := w.Header().Get("Retry-After"); ra != "1" {
			t.Errorf("%s: Retry-After %q", path, ra)
		}
	}
	// GET endpoints do not need a slot.
	if w := call(s, "GET", "/api/rules", "", nil); w.Code != 200 {
		t.Errorf("rules while busy: %d", w.Code)
	}
	free()
	decodeLint(t, <-first)
	decodeLint(t, postJSON(s, "/api/lint", map[string]any{"text": "The chairman"}))
	if n := calls.Load(); n != 2 {
		t.Errorf("%d requests held a slot, want 2 (the refused ones never did)", n)
	}
}

// TestBusyWaits checks that a request waits for a slot rather than failing
// at once: it is sent while the slot is held and must succeed once the
// slot is released.
func TestBusyWaits(t *testing.T) {
	s := newServer(t, Options{MaxConcurrent: 1, BusyWait: time.Minute})
	entered, free, _ := holdFirstSlot(t, s)
	results := make(chan *httptest.ResponseRecorder, 2)
	go func() { results <- postJSON(s, "/api/lint", map[string]any{"text": "The chairman"}) }()
	<-entered
	go func() { results <- postJSON(s, "/api/lint", map[string]any{"text": "The chairman"}) }()
	// The second request is waiting (or about to): it cannot have a slot.
	select {
	case w := <-results:
		t.Fatalf("a request finished while the only slot was held: %d %s", w.Code, w.Body)
	case <-time.After(50 * time.Millisecond):
	}
	free()
	for range 2 {
		decodeLint(t, <-results)
	}
}

func TestStaticFiles(t *testing.T) {
	s := newServer(t, Options{})
	index, err := web.ReadFile("web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	w := call(s, "GET", "/", "", nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" || !bytes.Equal(w.Body.Bytes(), index) {
		t.Errorf("GET /: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	want := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
	n := 0
	err = fs.WalkDir(web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, _ := web.ReadFile(p)
		rel := strings.TrimPrefix(p, "web/")
		for _, url := range []string{"/" + rel, "/static/" + rel} {
			w := call(s, "GET", url, "", nil)
			if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), data) {
				t.Errorf("GET %s: %d", url, w.Code)
			}
			ct := w.Header().Get("Content-Type")
			if c, ok := want[filepath.Ext(rel)]; (ok && ct != c) || ct == "" {
				t.Errorf("GET %s: Content-Type %q", url, ct)
			}
			// Conditional requests are answered from the ETag.
			if etag := w.Header().Get("ETag"); etag == "" {
				t.Errorf("GET %s: no ETag", url)
			} else if w := call(s, "GET", url, "", nil, "If-None-Match", etag); w.Code != http.StatusNotModified {
				t.Errorf("GET %s with its ETag: %d", url, w.Code)
			}
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walking web/: %v (%d files)", err, n)
	}
	for _, p := range []string{"/web/index.html", "/../go.mod", "/server.go", "/static/", "/index.html/"} {
		if w := call(s, "GET", p, "", nil); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
	w = call(s, "POST", "/app.js", "application/json", []byte(`{}`))
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /app.js: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
	w = call(s, "HEAD", "/", "", nil)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != strconv.Itoa(len(index)) {
		t.Errorf("HEAD /: %d, %d bytes, length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	w = call(s, "GET", "/healthz", "", nil)
	if w.Code != 200 || w.Body.String() != "ok" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("healthz: %d %q", w.Code, w.Body)
	}
}

func TestNewHTTPServer(t *testing.T) {
	srv := NewHTTPServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout != 10*time.Second || srv.ReadTimeout != 60*time.Second || srv.WriteTimeout != 60*time.Second || srv.IdleTimeout != 120*time.Second {
		t.Errorf("timeouts: %v %v %v %v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
	if _, err := New(Options{}); err == nil {
		t.Error("New without a linter should fail")
	}
}

// TestPanicIsContained lints with a Linter that was not built by lint.New
// (it has no compiled rules, so Analyze panics): the request fails with 500
// and the server goes on answering.
func TestPanicIsContained(t *testing.T) {
	s := newServer(t, Options{})
	s.linter = &lint.Linter{} // no compiled rules: Analyze dereferences nil
	w := postJSON(s, "/api/lint", map[string]any{"text": "The chairman."})
	if msg := errorOf(t, w, http.StatusInternalServerError); !strings.Contains(msg, "internal error") {
		t.Errorf("error %q", msg)
	}
	s.linter = defaultLinter(t)
	decodeLint(t, postJSON(s, "/api/lint", map[string]any{"text": "The chairman."}))
}
