package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// web holds the page: index.html and its assets, served at their names
// (and under /static/ as well).
//
//go:embed web
var web embed.FS

// staticFile is one file of the page, read once.
type staticFile struct {
	name        string
	data        []byte
	contentType string
	etag        string
}

// contentTypes are the types of the files a page is made of, so they do
// not depend on the machine's MIME tables.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".webp":  "image/webp",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
}

// loadStatic reads every file under web/ into a table by URL path.
func loadStatic() (map[string]staticFile, error) {
	files := map[string]staticFile{}
	err := fs.WalkDir(web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := web.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "web/")
		ext := strings.ToLower(path.Ext(rel))
		ct := contentTypes[ext]
		if ct == "" {
			ct = mime.TypeByExtension(ext)
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		sum := sha256.Sum256(data)
		f := staticFile{name: rel, data: data, contentType: ct, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		files["/"+rel] = f
		files["/static/"+rel] = f
		if rel == "index.html" {
			files["/"] = f
		}
		return nil
	})
	return files, err
}

// serveStatic serves a file of the page; anything else is 404.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static[r.URL.Path]
	if !ok {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("404 page not found\n"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.data))
}
