package report

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
	"github.com/chromedp/chromedp"
)

// findChromium returns the path of a Chromium or Chrome binary. Without
// one the browser test is skipped, except in CI, where it must run.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found; the HTML report's browser test must run in CI")
	}
	t.Skip("no Chromium found; skipping the HTML report's browser test")
	return ""
}

// lintFixture reads, parses and lints a document as `ally lint` does,
// with the built-in rules and the profile detected from the document.
func lintFixture(t *testing.T, l *lint.Linter, path string) Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	format, _ := parsers.ForPath(path)
	p, err := parsers.New(format, parsers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Parse(parsers.NewFile(path, src))
	if err != nil {
		t.Fatal(err)
	}
	res := Result{Path: path, File: doc.File, Format: string(format), Profile: lint.DetectProfile(doc), Notices: doc.Notices}
	findings, metrics := l.Analyze(doc, res.Profile)
	res.Findings, res.Metrics = findings, &metrics
	return res
}

// expectedBars counts the bars each chart of the report should have,
// straight from the results: one per category; per file, one per page (a
// PDF) or measured section with findings, plus one for findings about the
// whole document; and one per measured section with sentences.
func expectedBars(results []Result) map[string]int {
	want := map[string]int{"categories": len(htmlCategories)}
	for i, r := range results {
		id := fmt.Sprintf("file-%d", i+1)
		where, whole := map[string]bool{}, false
		for _, f := range r.Findings {
			if f.Document {
				whole = true
				continue
			}
			if page := r.File.Position(f.Start).Page; page > 0 {
				where[fmt.Sprint("page ", page)] = true
				continue
			}
			section := -1
			for j, s := range r.Metrics.Sections {
				if s.Start <= f.Start {
					section = j
				}
			}
			where[fmt.Sprint("section ", section)] = true
		}
		if n := len(where); n > 0 || whole {
			if whole {
				n++
			}
			want[id+"-where"] = n
		}
		measured := 0
		for _, s := range r.Metrics.Sections {
			if s.Sentences > 0 {
				measured++
			}
		}
		if measured >= 2 {
			want[id+"-grades"] = measured
		}
	}
	return want
}

func TestHTMLInBrowser(t *testing.T) {
	chromium := findChromium(t)
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(set)
	if err != nil {
		t.Fatal(err)
	}
	results := []Result{
		lintFixture(t, l, "../testdata/documents/handbook.pdf"),
		lintFixture(t, l, "../testdata/examples/job-post.md"),
	}
	total, exclusionary, exclusionaryOrInfo := 0, 0, 0
	for _, r := range results {
		for _, f := range r.Findings {
			total++
			excl := htmlFamily(f.Rule.Category) == "exclusionary"
			if excl {
				exclusionary++
			}
			if excl || f.Severity == rules.SeverityInfo {
				exclusionaryOrInfo++
			}
		}
	}
	if exclusionary == 0 || exclusionary == total || exclusionaryOrInfo == total {
		t.Fatalf("the fixtures must have findings in and out of the filters (%d exclusionary, %d exclusionary or info, of %d)",
			exclusionary, exclusionaryOrInfo, total)
	}
	wantBars := expectedBars(results)
	if wantBars["file-1-where"] < 2 || wantBars["file-2-grades"] < 2 {
		t.Fatalf("the fixtures must fill the per-page and per-section charts: %v", wantBars)
	}

	var buf bytes.Buffer
	p := NewHTML(&buf, Tool{Name: "ally", Version: ally.Version})
	if err := printAll(p, results); err != nil {
		t.Fatal(err)
	}
	outDir, err := os.MkdirTemp("", "ally-html-report-")
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(outDir, "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("window-size", "1280,1000"),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first Run starts the browser; it must not carry the timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	// Collect every console message, exception and browser log entry
	// (a Content-Security-Policy violation is one) until the marker the
	// test logs last.
	const endMarker = "ally-browser-test-end"
	var (
		mu       sync.Mutex
		problems []string
		seenEnd  = make(chan struct{})
	)
	consoleCtx, stopConsole := context.WithCancel(ctx)
	defer stopConsole()
	messages := chromedp.Console(consoleCtx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Text == endMarker {
				close(seenEnd)
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()

	u := url.URL{Scheme: "file", Path: page}
	if err := chromedp.Do(ctx, chromedp.Navigate(u.String()), chromedp.WaitVisible(chromedp.ID("filters"))); err != nil {
		t.Fatalf("open the report: %v", err)
	}

	// The charts have the bars the results call for.
	gotBars, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](`(() => {
		const out = {};
		for (const svg of document.querySelectorAll("svg.chart")) {
			out[svg.dataset.chart] = svg.querySelectorAll("rect.bar").length;
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(gotBars) != fmt.Sprint(wantBars) {
		t.Errorf("bars per chart: got %v, want %v", gotBars, wantBars)
	}

	type tableState struct {
		Rows, Visible, VisibleExcluded int
		Status                         string
		Checked                        bool
	}
	// state counts the rows the reader sees and those among them that the
	// unchecked filters should hide.
	state := func(t *testing.T) tableState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[tableState](`(() => {
			const off = new Set([...document.querySelectorAll("#filters input:not(:checked)")].map(i => i.value));
			const rows = [...document.querySelectorAll("#findings tbody tr")];
			const visible = rows.filter(r => r.getClientRects().length > 0);
			return {
				Rows: rows.length,
				Visible: visible.length,
				VisibleExcluded: visible.filter(r => off.has(r.dataset.category) || off.has(r.dataset.severity)).length,
				Status: document.getElementById("shown").textContent,
				Checked: document.querySelector("input[name=category][value=exclusionary]").checked,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	check := func(step string, want int, checked bool) {
		t.Helper()
		s := state(t)
		wantStatus := fmt.Sprintf("Showing %d of %d findings.", want, total)
		if s.Rows != total || s.Visible != want || s.VisibleExcluded != 0 || s.Status != wantStatus || s.Checked != checked {
			t.Errorf("%s: %+v; want %d of %d rows shown, none filtered out, status %q, exclusionary checked %v",
				step, s, want, total, wantStatus, checked)
		}
	}
	check("on load", total, true)

	// The keyboard: focus the category checkbox and press space.
	excl := chromedp.CSS(`input[name=category][value=exclusionary]`)
	if err := chromedp.Do(ctx, chromedp.Focus(excl), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	check("exclusionary unchecked with the keyboard", total-exclusionary, false)

	// The mouse: uncheck info as well, then check both again.
	info := chromedp.CSS(`input[name=severity][value=info]`)
	if err := chromedp.Do(ctx, chromedp.Click(info)); err != nil {
		t.Fatal(err)
	}
	check("info unchecked too", total-exclusionaryOrInfo, false)
	if err := chromedp.Do(ctx, chromedp.Click(info), chromedp.Focus(excl), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	check("both checked again", total, true)

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	shotPath := filepath.Join(outDir, "report.png")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %s\nscreenshot: %s", page, shotPath)

	// Wait for every message sent before the marker, then look at them.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`console.log("`+endMarker+`")`)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-seenEnd:
	case <-ctx.Done():
		t.Fatal("the console's messages never arrived")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the console has errors or warnings:\n%s", strings.Join(problems, "\n"))
	}
}
