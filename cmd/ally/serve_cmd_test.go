package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutines
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeFlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "localhost"}, `--addr "localhost": want HOST:PORT`},
		{[]string{"--max-bytes", "0"}, "--max-bytes must be a positive number"},
		{[]string{"--max-bytes", "20MB"}, `invalid value "20MB" for flag -max-bytes`},
		{[]string{"post.md"}, `unexpected argument "post.md"`},
		{[]string{"--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"--only", "no-such-rule"}, "no-such-rule"},
		{[]string{"--rules", "testdata/does-not-exist.yaml"}, "does-not-exist.yaml"},
		{[]string{"--addr", "127.0.0.1:notaport"}, "unknown port"},
	} {
		var stdout, stderr bytes.Buffer
		code := serve(context.Background(), c.args, &stdout, &stderr, nil)
		if code != exitError || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr.String(), c.want)
		}
		if strings.Contains(stdout.String(), "serving on") {
			t.Errorf("%v: served anyway", c.args)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := serve(context.Background(), []string{"--help"}, &stdout, &stderr, nil); code != exitOK || !strings.Contains(stderr.String(), "Usage: ally serve") || !strings.Contains(stderr.String(), "-max-bytes") {
		t.Errorf("--help: exit %d, %q", code, stderr.String())
	}
}

// startServe runs serve in the background and returns the address it
// listens on, its output, and a function that stops it and returns its
// exit code.
func startServe(t *testing.T, args ...string) (net.Addr, *syncBuffer, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	addrs := make(chan net.Addr, 1)
	done := make(chan int, 1)
	go func() { done <- serve(ctx, args, stdout, stderr, func(a net.Addr) { addrs <- a }) }()
	var addr net.Addr
	select {
	case addr = <-addrs:
	case code := <-done:
		cancel()
		t.Fatalf("serve exited with %d: %s", code, stderr)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	stopped := false
	stop := func() int {
		if stopped {
			return -1
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
		return -1
	}
	t.Cleanup(func() { stop() })
	return addr, stdout, stderr, stop
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServeStartStop(t *testing.T) {
	addr, stdout, stderr, stop := startServe(t, "--addr", "127.0.0.1:0", "--disable", "plain-language")
	url := "http://" + addr.String()
	if want := "ally: serving on " + url + " (Ctrl-C to stop)\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("loopback must not warn: %q", stderr.String())
	}
	if code, body := httpGet(t, url+"/healthz"); code != 200 || body != "ok" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	// The rules are the command line's: --disable plain-language.
	code, body := httpGet(t, url+"/api/rules")
	if code != 200 || !strings.Contains(body, `"gender.chairman"`) || strings.Contains(body, `"plain-language.`) {
		t.Errorf("/api/rules: %d, chairman %v, plain-language %v", code, strings.Contains(body, "gender.chairman"), strings.Contains(body, `"plain-language.`))
	}
	// Bound to loopback, the server answers only to this machine's names.
	req, _ := http.NewRequest("GET", url+"/healthz", nil)
	req.Host = "rebound.example:8080"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host: %d, want 403", resp.StatusCode)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d after stop: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "ally: stopped") {
		t.Errorf("stderr %q", stderr.String())
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("the server still answers after it stopped")
	}
}

func TestServeWarnsWhenReachable(t *testing.T) {
	addr, stdout, stderr, stop := startServe(t, "--addr", "0.0.0.0:0")
	port := addr.(*net.TCPAddr).Port
	if !strings.Contains(stderr.String(), "ally serve is listening on 0.0.0.0:") || !strings.Contains(stderr.String(), "which other machines can reach; the page has no login") {
		t.Errorf("no warning: %q", stderr.String())
	}
	// The URL to open is on this machine.
	if !strings.Contains(stdout.String(), "serving on http://127.0.0.1:") {
		t.Errorf("stdout %q", stdout.String())
	}
	if code, _ := httpGet(t, "http://127.0.0.1:"+strconv.Itoa(port)+"/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}
}

func TestLoopbackCheck(t *testing.T) {
	for _, c := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.0.0.2", true},
		{"::1", true},
		{"0.0.0.0", false},
		{"::", false},
		{"192.168.1.10", false},
		{"10.0.0.1", false},
	} {
		if got := loopback(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 8080}); got != c.want {
			t.Errorf("loopback(%s) = %v", c.ip, got)
		}
	}
	if got := pageURL(&net.TCPAddr{IP: net.ParseIP("::1"), Port: 80}); got != "http://[::1]:80" {
		t.Errorf("pageURL(::1) = %q", got)
	}
}

func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	if code := serve(context.Background(), []string{"--addr", ln.Addr().String()}, &stdout, &stderr, nil); code != exitError || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestServeOpenWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no xdg-open, open or rundll32
	_, stdout, _, stop := startServe(t, "--addr", "127.0.0.1:0", "--open")
	if !strings.Contains(stdout.String(), "could not open a browser") || !strings.Contains(stdout.String(), "open http://127.0.0.1:") {
		t.Errorf("stdout %q", stdout.String())
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}
}

func TestBrowserCommand(t *testing.T) {
	for goos, want := range map[string]string{
		"linux":   "xdg-open http://127.0.0.1:8080",
		"freebsd": "xdg-open http://127.0.0.1:8080",
		"darwin":  "open http://127.0.0.1:8080",
		"windows": "rundll32 url.dll,FileProtocolHandler http://127.0.0.1:8080",
	} {
		name, args := browserCommand(goos, "http://127.0.0.1:8080")
		if got := strings.Join(append([]string{name}, args...), " "); got != want {
			t.Errorf("%s: %q, want %q", goos, got, want)
		}
	}
}
