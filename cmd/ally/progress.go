package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws one status line on a terminal's standard error for the
// files that take a while (a long PDF): "reading handbook.pdf: page 37 of
// 120". It stays silent when stderr is not a terminal, and for any file
// that is done within progressDelay, so quick runs print nothing extra.
type progress struct {
	w       io.Writer
	enabled bool
	now     func() time.Time
	delay   time.Duration

	mu    sync.Mutex
	shown bool      // a status line is on screen
	last  time.Time // when it was last drawn
}

// progressDelay is how long a file must take before its progress shows.
const progressDelay = time.Second

// progressEvery limits redrawing, so a fast page loop doesn't flood the
// terminal.
const progressEvery = 100 * time.Millisecond

func newProgress(w io.Writer, terminal bool) *progress {
	return &progress{w: w, enabled: terminal, now: time.Now, delay: progressDelay}
}

// fileProgress follows one file.
type fileProgress struct {
	p       *progress
	path    string
	started time.Time
}

// track starts following a file.
func (p *progress) track(path string) *fileProgress {
	if p == nil || !p.enabled {
		return nil
	}
	return &fileProgress{p: p, path: path, started: p.now()}
}

// update reports that done of total pages are read. It is safe on a nil
// receiver, which is what track returns when progress is off.
func (f *fileProgress) update(done, total int) {
	if f == nil {
		return
	}
	p := f.p
	now := p.now()
	if now.Sub(f.started) < p.delay {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && now.Sub(p.last) < progressEvery && done < total {
		return
	}
	// \r returns to the start of the line and \x1b[K clears what a longer
	// earlier line left behind.
	fmt.Fprintf(p.w, "\r\x1b[Kreading %s: page %d of %d", f.path, done, total)
	p.shown, p.last = true, now
}

// done clears the status line, so findings and errors print on a clean
// line.
func (f *fileProgress) done() {
	if f == nil {
		return
	}
	p := f.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
