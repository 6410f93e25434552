package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/allylint/ally/check"
	"github.com/allylint/ally/fix"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/rules"
)

// apiError is a failed request: the status to answer with and a message
// for the person using the page.
type apiError struct {
	status int
	msg    string
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// document is what a request asks to lint.
type document struct {
	name    string
	format  parsers.Format
	profile string
	src     []byte
}

// docRequest is the JSON body of /api/lint and the document part of
// /api/fix.
type docRequest struct {
	Text     *string `json:"text"`
	Filename string  `json:"filename"`
	Format   string  `json:"format"`
	Profile  string  `json:"profile"`
}

type fixRequest struct {
	docRequest
	Unsafe bool `json:"unsafe"`
}

type diffRequest struct {
	Old      *string `json:"old"`
	New      *string `json:"new"`
	Filename string  `json:"filename"`
}

type fixResponse struct {
	Text    string `json:"text"`
	Diff    string `json:"diff"`
	Applied int    `json:"applied"`
}

type diffResponse struct {
	Diff string `json:"diff"`
}

// handleLint answers POST /api/lint: a JSON body with the text, or a
// multipart upload of a file.
func (s *Server) handleLint(w http.ResponseWriter, r *http.Request) {
	var d document
	var aerr *apiError
	switch mediaType(r) {
	case "application/json":
		var req docRequest
		if aerr = s.decodeJSON(r, &req, "text, filename, format, profile"); aerr == nil {
			d, aerr = req.document()
		}
	case "multipart/form-data":
		d, aerr = s.readUpload(r)
	default:
		aerr = &apiError{http.StatusUnsupportedMediaType, "send the document as application/json ({\"text\": ...}) or as multipart/form-data (a field \"file\")"}
	}
	if aerr != nil {
		s.fail(w, aerr)
		return
	}
	res, aerr := s.analyze(d)
	if aerr != nil {
		s.fail(w, aerr)
		return
	}
	body, err := s.lintResponse(res, !d.format.Binary())
	if err != nil {
		s.fail(w, &apiError{http.StatusInternalServerError, "internal error: " + err.Error()})
		return
	}
	writeJSONBytes(w, http.StatusOK, body)
}

// lintResponse is the JSON contract of `ally lint --format json` for one
// file, with two more top-level fields: "text", the text the findings'
// offsets point into, and "editable", false when that text was extracted
// from a PDF or DOCX and replacing words in it cannot change the original.
// <, > and & in strings are escaped (\u003c, ...), which JSON readers decode
// to the same values.
func (s *Server) lintResponse(res report.Result, editable bool) ([]byte, error) {
	var buf bytes.Buffer
	p := report.NewJSON(&buf, s.tool)
	if err := p.File(res); err != nil {
		return nil, err
	}
	if err := p.Finish(); err != nil {
		return nil, err
	}
	const end = "\n}\n"
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte(end))
	if !ok {
		return nil, errors.New("the JSON report does not end as expected")
	}
	text, err := json.Marshal(string(res.File.Src))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(head) + len(text) + 64)
	out.Write(head)
	fmt.Fprintf(&out, ",\n  \"text\": %s,\n  \"editable\": %t%s", text, editable, end)
	var escaped bytes.Buffer
	escaped.Grow(out.Len())
	json.HTMLEscape(&escaped, out.Bytes())
	return escaped.Bytes(), nil
}

// handleFix answers POST /api/fix: the document with its fixes applied.
func (s *Server) handleFix(w http.ResponseWriter, r *http.Request) {
	if mediaType(r) != "application/json" {
		s.fail(w, &apiError{http.StatusUnsupportedMediaType, "send application/json: {\"text\": ..., \"unsafe\": false}"})
		return
	}
	var req fixRequest
	if aerr := s.decodeJSON(r, &req, "text, filename, format, profile, unsafe"); aerr != nil {
		s.fail(w, aerr)
		return
	}
	d, aerr := req.document()
	if aerr != nil {
		s.fail(w, aerr)
		return
	}
	res, aerr := s.analyze(d)
	if aerr != nil {
		s.fail(w, aerr)
		return
	}
	var edits []lint.Edit
	for _, e := range lint.Fixes(res.Findings, req.Unsafe) {
		if string(d.src[e.Start:e.End]) != e.Text {
			edits = append(edits, e)
		}
	}
	fixed, err := fix.Apply(d.src, edits)
	if err != nil {
		s.fail(w, &apiError{http.StatusInternalServerError, "internal error: " + err.Error()})
		return
	}
	var diff strings.Builder
	if err := fix.Diff(&diff, d.name, d.src, fixed); err != nil {
		s.fail(w, &apiError{http.StatusInternalServerError, "internal error: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, fixResponse{Text: string(fixed), Diff: diff.String(), Applied: len(edits)})
}

// handleDiff answers POST /api/diff: a unified diff between two texts, for
// the page to offer the changes a person made as a download.
func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request) {
	if mediaType(r) != "application/json" {
		s.fail(w, &apiError{http.StatusUnsupportedMediaType, "send application/json: {\"old\": ..., \"new\": ..., \"filename\": ...}"})
		return
	}
	var req diffRequest
	if aerr := s.decodeJSON(r, &req, "old, new, filename"); aerr != nil {
		s.fail(w, aerr)
		return
	}
	if req.Old == nil || req.New == nil {
		s.fail(w, badRequest(`"old" and "new" are both required: the text before and after the changes`))
		return
	}
	name := "document.md"
	if req.Filename != "" {
		var aerr *apiError
		if name, aerr = cleanName(req.Filename); aerr != nil {
			s.fail(w, aerr)
			return
		}
	}
	var diff strings.Builder
	if err := fix.Diff(&diff, name, []byte(*req.Old), []byte(*req.New)); err != nil {
		s.fail(w, &apiError{http.StatusInternalServerError, "internal error: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, diffResponse{Diff: diff.String()})
}

func (s *Server) fail(w http.ResponseWriter, e *apiError) {
	if e.status == http.StatusRequestEntityTooLarge {
		s.tooLarge(w)
		return
	}
	writeError(w, e.status, e.msg)
}

// mediaType is the request's Content-Type without parameters, lower case.
func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// decodeJSON reads the body as exactly one JSON object into v, refusing
// fields v does not have; known lists them for the error message.
func (s *Server) decodeJSON(r *http.Request, v any, known string) *apiError {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			return nil
		} else if err == nil {
			return badRequest("the body holds more than one JSON value: send one object")
		}
	}
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return &apiError{status: http.StatusRequestEntityTooLarge}
	case errors.Is(err, io.EOF):
		return badRequest("the body is empty: send a JSON object such as {\"text\": \"...\"}")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("the body is not valid JSON: it ends too early")
	case errors.As(err, &syntax):
		return badRequest("the body is not valid JSON: %v (at byte %d)", syntax, syntax.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return badRequest("the body must be a JSON object, not %s", typ.Value)
		}
		return badRequest("%q must be %s, not %s", typ.Field, kindName(typ.Type.Kind().String()), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return badRequest("%s; the known fields are %s", strings.TrimPrefix(err.Error(), "json: "), known)
	}
	return badRequest("the body is not valid JSON: %v", err)
}

func kindName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	}
	return "a " + kind
}

// document checks a JSON request's fields and returns what to lint.
func (req docRequest) document() (document, *apiError) {
	if req.Text == nil {
		return document{}, badRequest(`missing "text": the document to lint`)
	}
	d := document{src: []byte(*req.Text), format: parsers.FormatText}
	if req.Filename != "" {
		var aerr *apiError
		if d.name, aerr = cleanName(req.Filename); aerr != nil {
			return document{}, aerr
		}
		if f, ok := parsers.ForPath(d.name); ok {
			if f.Binary() {
				return document{}, badRequest("a PDF or Word file cannot be sent as text: upload it as multipart/form-data in a field named \"file\"")
			}
			d.format = f
		}
	}
	switch req.Format {
	case "":
	case string(parsers.FormatMarkdown), string(parsers.FormatText), string(parsers.FormatHTML):
		d.format = parsers.Format(req.Format)
	default:
		return document{}, badRequest("unknown format %.40q: use markdown, text or html", req.Format)
	}
	var aerr *apiError
	if d.profile, aerr = checkProfile(req.Profile); aerr != nil {
		return document{}, aerr
	}
	if d.name == "" {
		d.name = defaultName(d.format)
	}
	return d, nil
}

func checkProfile(p string) (string, *apiError) {
	switch p {
	case "":
		return "auto", nil
	case "auto", rules.ProfileJobPost, rules.ProfilePolicy, rules.ProfileGeneral:
		return p, nil
	}
	return "", badRequest("unknown profile %.40q: use auto, job-post, policy or general", p)
}

// defaultName names a document sent without a file name.
func defaultName(f parsers.Format) string {
	switch f {
	case parsers.FormatMarkdown:
		return "document.md"
	case parsers.FormatHTML:
		return "document.html"
	}
	return "document.txt"
}

// cleanName keeps the last element of a file name a browser or a person
// sent ("C:\Users\me\post.md" → "post.md") and refuses names that could
// break the lines of a report or a diff.
func cleanName(name string) (string, *apiError) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	switch {
	case name == "" || name == "." || name == "..":
		return "", badRequest("the file name has no name in it")
	case len(name) > 255:
		return "", badRequest("the file name is longer than 255 bytes")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return "", badRequest("the file name holds control characters or is not UTF-8")
	}
	return name, nil
}

// uploadFormats lists the extensions an upload may have, for messages.
const uploadFormats = ".md, .markdown, .txt, .html, .htm, .pdf or .docx"

// readUpload reads a multipart/form-data body: a field "file" with the
// document, and optionally a field "profile".
func (s *Server) readUpload(r *http.Request) (document, *apiError) {
	mr, err := r.MultipartReader()
	if err != nil {
		return document{}, badRequest("the body is not valid multipart/form-data: %v", err)
	}
	var d document
	var gotFile, gotProfile bool
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return document{}, s.readError(err, "the body is not valid multipart/form-data")
		}
		switch part.FormName() {
		case "file":
			if gotFile {
				return document{}, badRequest("more than one file: upload one document at a time")
			}
			gotFile = true
			if part.FileName() == "" {
				return document{}, badRequest("the field \"file\" must be a file upload with a file name")
			}
			name, aerr := cleanName(part.FileName())
			if aerr != nil {
				return document{}, aerr
			}
			format, ok := parsers.ForPath(name)
			if !ok {
				return document{}, &apiError{http.StatusUnsupportedMediaType, fmt.Sprintf("ally cannot read %.40q files: upload a %s file", extension(name), uploadFormats)}
			}
			d.name, d.format = name, format
			if d.src, err = io.ReadAll(part); err != nil {
				return document{}, s.readError(err, "the upload was cut short")
			}
		case "profile":
			if gotProfile {
				return document{}, badRequest("more than one profile")
			}
			gotProfile = true
			v, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return document{}, s.readError(err, "the upload was cut short")
			}
			d.profile = string(v)
		default:
			return document{}, badRequest("unknown form field %.40q: send \"file\" and optionally \"profile\"", part.FormName())
		}
	}
	if !gotFile {
		return document{}, badRequest("no file: send the document in a form field named \"file\"")
	}
	var aerr *apiError
	if d.profile, aerr = checkProfile(d.profile); aerr != nil {
		return document{}, aerr
	}
	if !d.format.Binary() && !utf8.Valid(d.src) {
		return document{}, &apiError{http.StatusUnprocessableEntity, fmt.Sprintf("%s is not UTF-8 text: save it as UTF-8 and upload it again", d.name)}
	}
	return d, nil
}

func extension(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return name
}

// readError turns an error reading the body into the answer: 413 when the
// body is over the limit, 400 otherwise.
func (s *Server) readError(err error, what string) *apiError {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &apiError{status: http.StatusRequestEntityTooLarge}
	}
	return badRequest("%s: %v", what, err)
}

// analyze parses and lints a document as `ally lint` does. A document
// that cannot be read (a scanned or encrypted PDF, a damaged DOCX) is a
// 422 with the parser's message.
func (s *Server) analyze(d document) (report.Result, *apiError) {
	res := check.Document(s.linter, d.name, d.format, d.src, d.profile, nil)
	switch {
	case errors.Is(res.Err, check.ErrInternal):
		// A panic in a parser is a bug; it must not take the server down.
		return report.Result{}, &apiError{http.StatusInternalServerError, res.Err.Error()}
	case res.Err != nil:
		return res, &apiError{http.StatusUnprocessableEntity, res.Err.Error()}
	case !utf8.Valid(res.File.Src):
		return res, &apiError{http.StatusUnprocessableEntity, d.name + ": the extracted text is not valid UTF-8"}
	}
	return res, nil
}

// ruleJSON is one rule as GET /api/rules lists it.
type ruleJSON struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Why      string   `json:"why"`
	Suggest  []string `json:"suggest"`
	Fix      string   `json:"fix"`
	Source   string   `json:"source"`
	Profiles []string `json:"profiles"`
}

// rulesJSON is the body of GET /api/rules, made once.
func rulesJSON(l *lint.Linter) ([]byte, error) {
	var out struct {
		Rules []ruleJSON `json:"rules"`
	}
	out.Rules = []ruleJSON{}
	for _, r := range l.Rules() {
		fx := rules.FixUnsafe
		if r.FixSafe {
			fx = rules.FixSafe
		}
		out.Rules = append(out.Rules, ruleJSON{
			ID: r.ID, Category: r.Category, Severity: r.Severity.String(),
			Message: r.Message, Why: r.Why, Suggest: append([]string{}, r.Suggest...),
			Fix: fx, Source: r.Source, Profiles: append([]string{}, r.Profiles...),
		})
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
