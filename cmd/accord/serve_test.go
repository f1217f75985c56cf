package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServe starts a real `accord serve` on a free loopback port, asks the
// page and Cayley's API, and stops it with SIGINT.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real server; run without -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "accord.db")
	if out, code := runBin(t, bin, "build", "--quiet", "--db", db, dataset); code != 0 {
		t.Fatalf("build: %s", out)
	}
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no address in %q", line)
	}
	base := "http://" + m[1]
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "accord") {
		t.Errorf("page: %d", code)
	}
	q := `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<acc:reaffirms>").All()`
	resp, err := http.Post(base+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(q))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.Count(string(b), `"id"`) != 3 {
		t.Errorf("query: %d %s", resp.StatusCode, b)
	}
	if code, _ := get("/api/v2/query?lang=nope&qu=x"); code/100 != 4 {
		t.Errorf("unknown language: %d, want 4xx", code)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGINT", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("serve did not stop within 10 s of SIGINT")
	}
}
