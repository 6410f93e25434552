package server_test

// End-to-end tests of the page served by `ally serve`, in headless
// Chromium: checking a job post, the highlights, the list and the score
// card, applying a suggestion from the keyboard, undo, the diff download,
// safe fixes, a file upload, pasted markup shown as text, keyboard-only use
// and axe-core's WCAG 2.x A/AA rules. Screenshots go to a temporary
// directory (logged); -update-screenshot writes docs/serve.png for the
// README.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the README's screenshot of the page to docs/serve.png")

const jobPost = "We need a rockstar chairman with 15 years of experience. He must be young.\n"

// apiFindings lints text through the API, as the page does, and returns
// the rules of the findings, in order.
func apiFindings(t *testing.T, ts *httptest.Server, text, profile string) []string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text, "filename": "post.md", "profile": profile})
	res, err := http.Post(ts.URL+"/api/lint", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Files []struct {
			Findings []struct {
				Rule string `json:"rule"`
			} `json:"findings"`
		} `json:"files"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || len(out.Files) != 1 {
		t.Fatalf("POST /api/lint: status %d, %v", res.StatusCode, err)
	}
	var ids []string
	for _, f := range out.Files[0].Findings {
		ids = append(ids, f.Rule)
	}
	return ids
}

// artifacts is where the screenshots go: ALLY_E2E_ARTIFACTS when set (CI
// can keep it), else a temporary directory that is kept and logged.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ALLY_E2E_ARTIFACTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "ally-e2e-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves a full-page PNG as name in dir and returns its path.
func (b *browser) screenshot(dir, name string) string {
	b.t.Helper()
	png := get(b, "taking a screenshot", chromedp.FullScreenshot(100))
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
	return p
}

// check pastes text, picks the profile and presses Check, then waits for
// the result.
func (b *browser) check(text, format, profile string) {
	b.t.Helper()
	n := b.checks()
	b.run("pasting the text and pressing Check",
		chromedp.SetValue(chromedp.ID("doc-text"), text),
		chromedp.SetValue(chromedp.ID("doc-format"), format),
		chromedp.SetValue(chromedp.ID("doc-profile"), profile),
		chromedp.Click(chromedp.ID("check-button")),
		// Park the mouse in the page margin, where scrolling brings no
		// finding under it to preview.
		chromedp.MouseEvent(chromedp.MouseMoved, 2, 2),
	)
	b.waitChecks(n)
}

func (b *browser) problemCount() int {
	b.t.Helper()
	s := strings.TrimSpace(b.text("#score-problem-count"))
	n, err := strconv.Atoi(s)
	if err != nil {
		b.t.Fatalf("the score card's problem count is %q", s)
	}
	return n
}

func (b *browser) textareaValue() string {
	b.t.Helper()
	var s string
	s = eval[string](b, `document.getElementById("doc-text").value`)
	return s
}

func (b *browser) popoverOpen() bool {
	b.t.Helper()
	var open bool
	open = eval[bool](b, `!document.getElementById("popover").hidden`)
	return open
}

// TestPageJobPost is the main scenario: check a job post, read the
// findings, apply a suggestion from the keyboard, undo it, download the
// diff and apply the safe fixes.
func TestPageJobPost(t *testing.T) {
	ts := startServer(t)
	b := newBrowser(t, ts)
	dir := artifacts(t)
	want := apiFindings(t, ts, jobPost, "job-post")
	if len(want) < 5 {
		t.Fatalf("the API finds only %v in the job post; the scenario needs its problems", want)
	}

	b.open()
	b.check(jobPost, "markdown", "job-post")
	b.screenshot(dir, "01-checked.png")

	// Highlights, by rule, with the matched text.
	for rule, match := range map[string]string{
		"gender.chairman":                 "chairman",
		"gender-coded.masculine.rockstar": "rockstar",
		"age.young":                       "young",
	} {
		sel := fmt.Sprintf(`#doc-view mark.hl[data-rule=%q]`, rule)
		if got := b.text(sel); got != match {
			t.Errorf("highlight %s: text %q, want %q", sel, got, match)
		}
	}
	if got := b.text("#doc-view"); got != jobPost {
		t.Errorf("the document view shows %q, want the text as pasted %q", got, jobPost)
	}
	var cats []string
	cats = eval[[]string](b, `[...document.querySelectorAll("#doc-view mark.hl")].map(m => m.className)`)
	for _, c := range cats {
		if !regexp.MustCompile(`\bcat-(exclusionary|gender-coded|accessibility|plain-language|job-post)\b`).MatchString(c) {
			t.Errorf("highlight with class %q has no category class", c)
		}
	}

	// The list has every finding, the score card counts them, the live
	// region says so.
	if got := b.count("#findings-list .finding-item"); got != len(want) {
		t.Errorf("the list has %d findings, the API %d (%v)", got, len(want), want)
	}
	n := b.problemCount()
	if n != len(want) {
		t.Errorf("the score card counts %d problems, want %d", n, len(want))
	}
	b.poll("waiting for the live region",
		fmt.Sprintf(`document.getElementById("status").textContent === "%d problems found."`, len(want)), 5*time.Second)
	if got := b.text(`#score-checklist li[data-check="pay-range"]`); got != "✗Pay range: missing" {
		t.Errorf("checklist pay range: %q", got)
	}
	if got := b.text("#gender-counts"); !strings.Contains(got, "1 masculine-coded word, 0 feminine-coded words") {
		t.Errorf("gender coding says %q", got)
	}
	if got := b.text("#gender-verdict"); got != "Slightly masculine-coded" {
		t.Errorf("gender verdict %q", got)
	}
	if got := b.text(`#detected-profile`); !strings.Contains(got, "job post") {
		t.Errorf("profile shown: %q", got)
	}

	// Open the chairman finding from the list with the keyboard; the
	// popover explains it and focus moves to its first suggestion.
	item := `#findings-list .finding-item[data-rule="gender.chairman"]`
	b.run("focusing the chairman finding", chromedp.Focus(chromedp.CSS(item)))
	b.key(kb.Enter)
	if !b.popoverOpen() {
		t.Fatal("Enter on a finding did not open the popover")
	}
	if !b.activeMatches(`#popover button.suggestion[data-suggestion="0"]`) {
		t.Fatalf("focus is on %s, want the first suggestion", b.active())
	}
	if got := b.text("#popover .why"); !strings.HasPrefix(got, "Why: ") || len(got) < 20 {
		t.Errorf("the popover gives no reason from /api/rules: %q", got)
	}
	if got := b.text(`#popover button.suggestion[data-suggestion="0"]`); got != "chair" {
		t.Errorf("first suggestion %q, want chair", got)
	}
	before := b.checks()
	b.key(kb.Enter)
	b.waitChecks(before)
	fixed := strings.Replace(jobPost, "chairman", "chair", 1)
	if got := b.textareaValue(); got != fixed {
		t.Errorf("after the suggestion the text is %q, want %q", got, fixed)
	}
	if got := b.text("#doc-view"); got != fixed {
		t.Errorf("after the suggestion the document view shows %q", got)
	}
	if b.count(`mark.hl[data-rule="gender.chairman"]`) != 0 {
		t.Error("the chairman highlight is still there")
	}
	if got := b.problemCount(); got != n-1 {
		t.Errorf("after the suggestion the score card counts %d problems, want %d", got, n-1)
	}
	if b.popoverOpen() {
		t.Errorf("the popover stayed open after applying a suggestion (focus on %s, popover for %s)", b.active(), b.text("#popover h4"))
	}
	b.screenshot(dir, "02-suggestion-applied.png")

	// Ctrl+Z (focus is not in the text box) undoes it.
	if b.activeMatches("textarea") {
		t.Fatal("focus went back into the text box")
	}
	before = b.checks()
	b.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.waitChecks(before)
	if got := b.textareaValue(); got != jobPost {
		t.Errorf("after undo the text is %q, want %q", got, jobPost)
	}
	if got := b.problemCount(); got != n {
		t.Errorf("after undo the score card counts %d problems, want %d", got, n)
	}
	var undoDisabled bool
	undoDisabled = eval[bool](b, `document.getElementById("undo-button").disabled`)
	if !undoDisabled {
		t.Error("the Undo button is enabled with nothing to undo")
	}

	// Apply it again by clicking the highlight, then download the diff.
	b.run("clicking the highlight", chromedp.Click(chromedp.CSS(`#doc-view mark.hl[data-rule="gender.chairman"]`)))
	before = b.checks()
	b.run("clicking the first suggestion", chromedp.Click(chromedp.CSS(`#popover button.suggestion[data-suggestion="0"]`)))
	b.waitChecks(before)
	if got := b.textareaValue(); got != fixed {
		t.Fatalf("after clicking the suggestion the text is %q", got)
	}

	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior:     cdpbrowser.SetDownloadBehaviorBehaviorAllow,
		DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	b.run("clicking Download diff", chromedp.Click(chromedp.ID("download-diff-button")))
	diff := string(waitFile(t, filepath.Join(downloads, "document.diff")))
	if !regexp.MustCompile(`(?m)^-.*rockstar chairman with`).MatchString(diff) ||
		!regexp.MustCompile(`(?m)^\+.*rockstar chair with`).MatchString(diff) {
		t.Errorf("the downloaded diff does not change chairman to chair:\n%s", diff)
	}
	b.run("clicking Download revised text", chromedp.Click(chromedp.ID("download-text-button")))
	if got := string(waitFile(t, filepath.Join(downloads, "document.md"))); got != fixed {
		t.Errorf("the downloaded text is %q, want %q", got, fixed)
	}

	// The Undo button goes back to the text as pasted.
	before = b.checks()
	b.run("clicking Undo", chromedp.Click(chromedp.ID("undo-button")))
	b.waitChecks(before)
	if got := b.textareaValue(); got != jobPost {
		t.Fatalf("after Undo the text is %q, want %q", got, jobPost)
	}

	// Apply all safe fixes gives what the API's fix gives.
	wantFixed, applied := apiFix(t, ts, jobPost)
	if applied == 0 || wantFixed == jobPost {
		t.Fatalf("the API applies no safe fix to %q", jobPost)
	}
	before = b.checks()
	b.run("clicking Apply all safe fixes", chromedp.Click(chromedp.ID("fix-all-button")))
	b.waitChecks(before)
	if got := b.textareaValue(); got != wantFixed {
		t.Errorf("after Apply all safe fixes the text is %q, want %q", got, wantFixed)
	}
	if got := b.problemCount(); got >= n {
		t.Errorf("after Apply all safe fixes the score card counts %d problems, before %d", got, n)
	}
	b.poll("waiting for the live region", `/safe fix(es)? applied\. \d+ problems? found\.$/.test(document.getElementById("status").textContent)`, 5*time.Second)
	before = b.checks()
	b.run("clicking Undo", chromedp.Click(chromedp.ID("undo-button")))
	b.waitChecks(before)
	if got := b.textareaValue(); got != jobPost {
		t.Errorf("undoing the safe fixes gives %q, want %q", got, jobPost)
	}
	b.screenshot(dir, "03-after-undo.png")
	b.checkNoProblems()
}

// apiFix applies the safe fixes through the API.
func apiFix(t *testing.T, ts *httptest.Server, text string) (string, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"text": text, "filename": "document.md", "profile": "job-post", "unsafe": false})
	res, err := http.Post(ts.URL+"/api/fix", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Text    string `json:"text"`
		Applied int    `json:"applied"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/fix: status %d, %v", res.StatusCode, err)
	}
	return out.Text, out.Applied
}

// waitFile waits for a downloaded file to be complete and returns it.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			if _, err := os.Stat(path + ".crdownload"); os.IsNotExist(err) {
				return data
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("no download %s (the directory has %v)", filepath.Base(path), names)
	return nil
}

// TestPageShowsMarkupAsText pastes markup that would run script if it
// were put into the page as HTML: it must be shown literally.
func TestPageShowsMarkupAsText(t *testing.T) {
	ts := startServer(t)
	b := newBrowser(t, ts)
	b.open()
	var title string
	title = eval[string](b, `document.title`)
	const attack = "Our chairman says hi.\n<img src=x onerror=\"document.title='pwned'\">\n<script>document.title='pwned'</script>\n" +
		"<svg onload=\"document.title='pwned'\"></svg> Click here.\n"
	for _, format := range []string{"markdown", "html", "text"} {
		b.check(attack, format, "general")
		time.Sleep(200 * time.Millisecond) // give an injected onerror time to fire
		var got string
		got = eval[string](b, `document.title`)
		if got != title {
			t.Errorf("%s: the title changed to %q", format, got)
		}
		if shown := b.text("#doc-view"); shown != attack {
			t.Errorf("%s: the document view shows %q, want the text literally", format, shown)
		}
		if n := b.count("#doc-view img, #doc-view script, #doc-view svg, #popover img, #findings-list img"); n != 0 {
			t.Errorf("%s: the pasted markup made %d elements", format, n)
		}
		if b.count(`#doc-view mark.hl[data-rule="gender.chairman"]`) != 1 {
			t.Errorf("%s: the text around the markup was not checked", format)
		}
	}
	b.checkNoProblems()
}

// TestPageKeyboardOnly uses nothing but the keyboard: Tab to the text box,
// type, Tab to Check, Enter, Tab to the first finding, Enter opens it,
// Escape closes it and focus returns.
func TestPageKeyboardOnly(t *testing.T) {
	ts := startServer(t)
	b := newBrowser(t, ts)
	b.open()

	b.tabTo("#doc-text", 5)
	b.key("The chairman must be a digital native.")
	if got := b.textareaValue(); got != "The chairman must be a digital native." {
		t.Fatalf("typed text: %q", got)
	}
	b.tabTo("#check-button", 10)
	before := b.checks()
	b.key(kb.Enter)
	b.waitChecks(before)
	b.poll("waiting for the live region", `/problems? found\.$/.test(document.getElementById("status").textContent)`, 5*time.Second)
	status := b.text("#status")
	if !regexp.MustCompile(`^\d+ problems? found\.$`).MatchString(status) {
		t.Errorf("live region: %q", status)
	}

	// The first finding in tab order is the first highlight in the text.
	b.tabTo("#doc-view mark.hl", 12)
	var first string
	first = eval[string](b, `document.activeElement.dataset.rule`)
	if first != "gender.chairman" {
		t.Errorf("the first highlight is %q, want gender.chairman", first)
	}
	var idx string
	idx = eval[string](b, `document.activeElement.dataset.index`)
	b.key(kb.Enter)
	if !b.popoverOpen() {
		t.Fatal("Enter on the highlight did not open the popover")
	}
	if !b.activeMatches("#popover button") {
		t.Fatalf("focus is on %s, not in the popover", b.active())
	}
	var expanded string
	expanded = eval[string](b, fmt.Sprintf(`document.querySelector('#doc-view mark.hl[data-index="%s"]').getAttribute("aria-expanded")`, idx))
	if expanded != "true" {
		t.Errorf("the open highlight has aria-expanded=%q", expanded)
	}
	b.key(kb.Escape)
	if b.popoverOpen() {
		t.Fatal("Escape did not close the popover")
	}
	if !b.activeMatches(fmt.Sprintf(`#doc-view mark.hl[data-index="%s"]`, idx)) {
		t.Fatalf("after Escape focus is on %s, want the highlight it was opened from", b.active())
	}

	// Space opens it too; Tab from the last suggestion reaches Close.
	b.key(" ")
	if !b.popoverOpen() {
		t.Fatal("Space on the highlight did not open the popover")
	}
	b.tabTo("#popover-close", 5)
	b.key(kb.Enter)
	if b.popoverOpen() || !b.activeMatches(fmt.Sprintf(`#doc-view mark.hl[data-index="%s"]`, idx)) {
		t.Errorf("Close did not close the popover and return focus (focus on %s)", b.active())
	}

	// Every control has a visible focus outline.
	var noOutline []string
	noOutline = eval[[]string](b, `[...document.querySelectorAll("button:not([disabled]), select, textarea, input, mark.hl[tabindex='0']")].filter(el => {
		el.focus();
		if (document.activeElement !== el) return false;
		const s = getComputedStyle(el);
		return !(s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2);
	}).map(el => el.id || el.className)`)
	if len(noOutline) > 0 {
		t.Errorf("no visible focus outline on %v", noOutline)
	}
	b.checkNoProblems()
}

// TestPageUpload opens a Word file through the file picker: the extracted
// text is checked, marked as not the original, and suggestions change the
// copy.
func TestPageUpload(t *testing.T) {
	ts := startServer(t)
	b := newBrowser(t, ts)
	b.open()
	docx, err := filepath.Abs("../testdata/documents/handbook.docx")
	if err != nil {
		t.Fatal(err)
	}
	before := b.checks()
	b.run("choosing a file", chromedp.SetUploadFiles(chromedp.ID("doc-file"), []string{docx}))
	b.waitChecks(before)
	var hidden bool
	hidden = eval[bool](b, `document.getElementById("readonly-note").hidden`)
	if hidden {
		t.Error("no note that the original DOCX is not changed")
	}
	if got := b.textareaValue(); len(got) < 100 {
		t.Errorf("the extracted text is %q", got)
	}
	if b.count("#findings-list .finding-item") == 0 || b.count("#doc-view mark.hl") == 0 {
		t.Fatal("the handbook has no findings on the page")
	}
	var ok bool
	ok = eval[bool](b, `(() => { const m = [...document.querySelectorAll("#doc-view mark.hl[data-index]")];
		const text = document.getElementById("doc-view").textContent;
		return m.length > 0 && text === document.getElementById("doc-text").value; })()`)
	if !ok {
		t.Error("the document view does not show the extracted text")
	}
	// Every highlight covers its finding's match: the byte offsets were
	// turned into string indices correctly (the handbook has curly quotes
	// and dashes).
	var bad []string
	bad = eval[[]string](b, `[...document.querySelectorAll("#findings-list .finding-item[data-index]")].map(li => {
		const m = document.querySelector('#doc-view mark.hl[data-index="' + li.dataset.index + '"]:not(.continued)');
		const match = (li.querySelector(".match") || {}).textContent || "";
		return m && match && !match.startsWith(m.textContent) ? match + " / " + m.textContent : "";
	}).filter(Boolean)`)
	if len(bad) > 0 {
		t.Errorf("highlights that do not match their finding: %v", bad)
	}
	b.checkNoProblems()
}

// TestPageAccessibility runs axe-core's WCAG 2.0, 2.1 and 2.2 A and AA
// rules on the page: empty, with results, with a finding open, and on a
// narrow window, which must not scroll sideways. It also saves the
// README's screenshot.
func TestPageAccessibility(t *testing.T) {
	ts := startServer(t)
	b := newBrowser(t, ts)
	dir := artifacts(t)
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	b.open()
	b.axe(axe, "empty page")

	before := b.checks()
	b.run("loading the example job post",
		chromedp.Click(chromedp.ID("sample-button")),
		chromedp.Click(chromedp.ID("check-button")))
	b.waitChecks(before)
	if b.count("#doc-view mark.hl") < 5 {
		t.Fatalf("the example job post has only %d highlights", b.count("#doc-view mark.hl"))
	}
	b.axe(axe, "results")
	shot := b.screenshot(dir, "serve.png")
	if *updateScreenshot {
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("../docs", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../docs/serve.png", data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote docs/serve.png")
	}

	b.run("opening a finding", chromedp.Click(chromedp.CSS(`#findings-list .finding-item[data-rule="gender.chairman"]`)))
	if !b.popoverOpen() {
		t.Fatal("clicking a finding did not open the popover")
	}
	b.axe(axe, "popover open")
	b.screenshot(dir, "popover.png")
	b.key(kb.Escape)

	// Reflow: at 320 CSS pixels nothing scrolls sideways.
	b.run("narrowing the window", chromedp.EmulateViewport(320, 800))
	var wide bool
	wide = eval[bool](b, `document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`)
	if wide {
		var w int
		w = eval[int](b, `document.documentElement.scrollWidth`)
		t.Errorf("at 320px the page is %dpx wide and scrolls sideways", w)
	}
	b.axe(axe, "narrow window")
	b.screenshot(dir, "narrow.png")
	b.checkNoProblems()
}

// axe injects axe-core (through DevTools, which the page's CSP does not
// govern) and fails the test for each WCAG A/AA violation.
func (b *browser) axe(script []byte, state string) {
	b.t.Helper()
	loaded := get(b, "injecting axe-core", chromedp.Evaluate[bool](string(script)+"\n;typeof axe === 'object'"))
	if !loaded {
		b.t.Fatal("axe-core did not load")
	}
	type violation struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	}
	type axeResult struct {
		Violations []violation `json:"violations"`
		Passes     int         `json:"passes"`
	}
	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, resultTypes: ["violations"]})
		.then(r => ({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))})), passes: r.passes.length}))`
	result := get(b, "running axe-core", chromedp.Evaluate[axeResult](run, chromedp.EvalAwaitPromise))
	for _, v := range result.Violations {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, fmt.Sprint(n.Target)+": "+strings.ReplaceAll(n.Summary, "\n", " "))
		}
		b.t.Errorf("axe (%s): %s [%s] %s\n\t%s", state, v.ID, v.Impact, v.Help, strings.Join(targets, "\n\t"))
	}
	b.t.Logf("axe (%s): %d violations, %d rules passed", state, len(result.Violations), result.Passes)
}
