package main

import (
	"bytes"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	var clock time.Time
	tick := func(d time.Duration) { clock = clock.Add(d) }
	newAt := func(terminal bool) (*progress, *bytes.Buffer) {
		var buf bytes.Buffer
		p := newProgress(&buf, terminal)
		p.now = func() time.Time { return clock }
		return p, &buf
	}

	t.Run("quick file prints nothing", func(t *testing.T) {
		p, buf := newAt(true)
		f := p.track("a.pdf")
		f.update(1, 2)
		tick(500 * time.Millisecond)
		f.update(2, 2)
		f.done()
		if buf.Len() != 0 {
			t.Errorf("printed %q", buf.String())
		}
	})
	t.Run("slow file shows pages, then clears", func(t *testing.T) {
		p, buf := newAt(true)
		f := p.track("big.pdf")
		tick(1100 * time.Millisecond)
		f.update(3, 100)
		tick(10 * time.Millisecond)
		f.update(4, 100) // too soon to redraw
		tick(200 * time.Millisecond)
		f.update(100, 100)
		f.done()
		want := "\r\x1b[Kreading big.pdf: page 3 of 100" + "\r\x1b[Kreading big.pdf: page 100 of 100" + "\r\x1b[K"
		if buf.String() != want {
			t.Errorf("printed %q\nwant    %q", buf.String(), want)
		}
	})
	t.Run("not a terminal", func(t *testing.T) {
		p, buf := newAt(false)
		f := p.track("big.pdf")
		tick(time.Hour)
		f.update(1, 1)
		f.done()
		if buf.Len() != 0 {
			t.Errorf("printed %q", buf.String())
		}
	})
}
