package server_test

// Shared setup for the browser tests in e2e_test.go: the server on a
// loopback port, headless Chromium driven with chromedp, and helpers to
// wait for the page.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/server"
)

// chromiumPath finds Chromium: /usr/bin/chromium or chromium on PATH. The
// test is skipped when there is none, except in CI (CI=true), where it
// fails: .ci/run installs Chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	candidates := []string{"/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed (no /usr/bin/chromium, no chromium on PATH): the page's browser tests need it in CI")
	}
	t.Skip("Chromium is not installed (no /usr/bin/chromium, no chromium on PATH); skipping the browser tests")
	return ""
}

// startServer serves the page and the API with the built-in rules on a
// free loopback port.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(set)
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Options{Linter: l})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// browser is a headless Chromium tab on the page, with what the page
// logged.
type browser struct {
	t   *testing.T
	ctx context.Context
	url string

	mu       sync.Mutex
	problems []string // uncaught exceptions, console errors, CSP violations
}

// newBrowser starts headless Chromium (with a new profile in a temporary
// directory, and the flags this closed-network machine needs) and opens a
// tab on the server. Everything is shut down when the test ends.
func newBrowser(t *testing.T, ts *httptest.Server) *browser {
	t.Helper()
	exe := chromiumPath(t)
	profile, err := os.MkdirTemp("", "ally-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b := &browser{t: t, ctx: ctx, url: ts.URL + "/"}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	// Collect what the page logs: uncaught exceptions, console errors and
	// the browser's errors and warnings (a CSP violation is one).
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleException, chromedp.ConsoleError, chromedp.ConsoleWarning:
				b.problem("%s (%s%s, line %d)", m.String(), m.Source, m.URL, m.Line+1)
			}
		}
	}()
	return b
}

func (b *browser) problem(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// checkNoProblems fails the test for every exception, console error and
// CSP violation the page produced so far.
func (b *browser) checkNoProblems() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("the page reported: %s", p)
	}
	b.problems = nil
}

// run runs chromedp actions, failing the test with what was being done.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// get runs an action that returns a value, failing the test with what was
// being done.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// poll waits until the JavaScript expression is true.
func (b *browser) poll(what, expr string, timeout time.Duration) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(timeout))); err != nil {
		b.t.Fatalf("%s (waiting for %s): %v", what, expr, err)
	}
}

// open loads the page and waits for its script.
func (b *browser) open() {
	b.t.Helper()
	b.run("opening the page",
		chromedp.Navigate(b.url),
		chromedp.WaitVisible(chromedp.ID("doc-text")),
	)
	b.poll("loading the page", `document.readyState === "complete"`, 10*time.Second)
}

// checks is how many results the page has shown.
func (b *browser) checks() int {
	b.t.Helper()
	return get(b, "reading the number of checks", chromedp.Evaluate[int](`Number(document.body.dataset.checks || 0)`))
}

// waitChecks waits until the page has shown more than n results, and
// returns the new number.
func (b *browser) waitChecks(n int) int {
	b.t.Helper()
	b.poll(fmt.Sprintf("waiting for result %d", n+1),
		fmt.Sprintf(`Number(document.body.dataset.checks || 0) > %d && !document.getElementById("check-button").disabled`, n), 20*time.Second)
	return b.checks()
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	return get(b, "evaluating "+expr, chromedp.Evaluate[T](expr))
}

// text is the textContent of the first element matching sel ("" when
// there is none).
func (b *browser) text(sel string) string {
	b.t.Helper()
	return eval[string](b, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))
}

// count is how many elements match sel.
func (b *browser) count(sel string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// active describes the focused element: its id, or tag, class and
// data-index.
func (b *browser) active() string {
	b.t.Helper()
	return eval[string](b, `(() => { const a = document.activeElement; if (!a) return ""; if (a.id) return "#" + a.id;
		return a.tagName.toLowerCase() + "." + String(a.className).split(" ").join(".") + (a.dataset.index !== undefined ? "[" + a.dataset.index + "]" : ""); })()`)
}

// activeMatches reports whether the focused element matches sel.
func (b *browser) activeMatches(sel string) bool {
	b.t.Helper()
	return eval[bool](b, fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel))
}

// key presses a key (kb.Enter, kb.Tab, kb.Escape, ...) or types text.
func (b *browser) key(keys string, opts ...chromedp.KeyOption) {
	b.t.Helper()
	b.run(fmt.Sprintf("pressing %q", keys), chromedp.KeyEvent(keys, opts...))
}

// tabTo presses Tab until the focused element matches sel, failing after
// max presses; it returns the number of presses.
func (b *browser) tabTo(sel string, max int) int {
	b.t.Helper()
	var seen []string
	for i := 1; i <= max; i++ {
		b.key(kb.Tab)
		if b.activeMatches(sel) {
			return i
		}
		seen = append(seen, b.active())
	}
	b.t.Fatalf("%d Tab presses did not reach %s; focus went to %s", max, sel, strings.Join(seen, ", "))
	return 0
}
