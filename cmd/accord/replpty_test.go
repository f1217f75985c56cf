//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// terminal is the master side of a pseudo-terminal with accord running at
// it, and what accord has written there.
type terminal struct {
	t    *testing.T
	ptmx *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // how much of out expect has gone past
}

// read copies what the terminal shows into tm.out until it is closed.
func (tm *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := tm.ptmx.Read(buf)
		tm.mu.Lock()
		tm.out.Write(buf[:n])
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// typeIn writes s as if typed.
func (tm *terminal) typeIn(s string) {
	tm.t.Helper()
	if _, err := tm.ptmx.WriteString(s); err != nil {
		tm.t.Fatal(err)
	}
}

// expect waits until each of want has appeared, in this order, after what
// the last expect saw.
func (tm *terminal) expect(want ...string) {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for _, w := range want {
		for {
			tm.mu.Lock()
			s := tm.out.String()
			tm.mu.Unlock()
			if i := strings.Index(s[tm.seen:], w); i >= 0 {
				tm.seen += i + len(w)
				break
			}
			if time.Now().After(deadline) {
				tm.t.Fatalf("the terminal does not show %q after:\n%q", w, s[tm.seen:])
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// startTerminal starts bin with args at a pseudo-terminal of 40 × 160
// with env added to the environment (ACCORD_HISTORY taken out); it skips the test where there is no
// pseudo-terminal.
func startTerminal(t *testing.T, bin string, env []string, args ...string) (tm *terminal, exited <-chan error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ACCORD_HISTORY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, "TERM=xterm"), env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		ptmx.Close()
	})
	tm = &terminal{t: t, ptmx: ptmx}
	go tm.read()
	return tm, done
}

// wait waits for the process at the terminal to end, and fails the test
// unless it ends well.
func (tm *terminal) wait(exited <-chan error) {
	tm.t.Helper()
	select {
	case err := <-exited:
		if err != nil {
			tm.mu.Lock()
			defer tm.mu.Unlock()
			tm.t.Fatalf("accord: %v\n%q", err, tm.out.String())
		}
	case <-time.After(30 * time.Second):
		tm.t.Fatal("accord did not end")
	}
}

// TestREPLTerminal starts the built accord at a pseudo-terminal and types
// as a user does: a query over two lines, Up and Enter to run it again,
// Ctrl-C to drop a query being typed and to stop one running, Ctrl-D to
// leave; then reads the history file it kept, and recalls its last query
// in a second session.
func TestREPLTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the built accord at a terminal; run without -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := builtStore(t)
	hist := filepath.Join(dir, "config", "history")
	env := []string{"ACCORD_HISTORY=" + hist}
	tm, exited := startTerminal(t, bin, env, "query", "--repl", "--db", db, "--timeout", "60s")

	tm.expect("accord> ")
	tm.typeIn(`g.V("<https://w3id.org/accord/id/city/qingdao>")` + "\r")
	tm.expect("...> ")
	tm.typeIn(`  .Out("<acc:locatedIn>").All()` + "\r")
	tm.expect("中华人民共和国", "(1 row)", "accord> ")

	// Up recalls the query on one line; Enter runs it
	tm.typeIn("\x1b[A")
	tm.expect(`g.V("<https://w3id.org/accord/id/city/qingdao>") .Out("<acc:locatedIn>").All()`)
	tm.typeIn("\r")
	tm.expect("中华人民共和国", "(1 row)", "accord> ")

	// Ctrl-C drops the query being typed
	tm.typeIn("g.V()\r")
	tm.expect("...> ")
	tm.typeIn("\x03")
	tm.expect("^C", "accord> ")

	// and stops the one running
	tm.typeIn("while (true) {};\r")
	time.Sleep(500 * time.Millisecond)
	tm.typeIn("\x03")
	tm.expect("interrupted", "accord> ")
	tm.typeIn(`g.Emit("still here")` + "\r")
	tm.expect("still here", "(1 row)", "accord> ")

	// :help names the keys and the history file
	tm.typeIn(":help\r")
	tm.expect("Keys: Up and Down", "The history is kept in "+hist, "accord> ")

	// Ctrl-D on an empty line leaves
	tm.typeIn("\x04")
	tm.wait(exited)
	if tio, err := unix.IoctlGetTermios(int(tm.ptmx.Fd()), unix.TCGETS); err == nil && tio.Lflag&(unix.ECHO|unix.ICANON) != unix.ECHO|unix.ICANON {
		t.Errorf("the terminal was not given back its mode (lflag %#x)", tio.Lflag)
	}

	b, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	multi := "g.V(\"<https://w3id.org/accord/id/city/qingdao>\")\n  .Out(\"<acc:locatedIn>\").All()"
	want := encodeHistory(multi) + "\n" + oneLine(multi) + "\nwhile (true) {};\ng.Emit(\"still here\")\n"
	if string(b) != want {
		t.Errorf("the history file:\n%s\nwant\n%s", b, want)
	}

	// the next session recalls the last query
	tm, exited = startTerminal(t, bin, env, "query", "--repl", "--db", db)
	tm.expect("accord> ")
	tm.typeIn("\x1b[A")
	tm.expect(`g.Emit("still here")`)
	tm.typeIn("\r")
	tm.expect("still here", "(1 row)", "accord> ")
	tm.typeIn(":q\r")
	tm.wait(exited)

	// by default the history is kept in the user's config folder; an
	// empty ACCORD_HISTORY keeps none
	for _, tt := range []struct {
		env  []string
		file string
	}{
		{[]string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg")}, filepath.Join(dir, "xdg", "accord", "history")},
		{[]string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg2"), "ACCORD_HISTORY="}, ""},
	} {
		tm, exited = startTerminal(t, bin, tt.env, "query", "--repl", "--db", db)
		tm.expect("accord> ")
		tm.typeIn("g.Emit(3)\r")
		tm.expect("(1 row)", "accord> ")
		tm.typeIn(":q\r")
		tm.wait(exited)
		if tt.file != "" {
			if b, err := os.ReadFile(tt.file); string(b) != "g.Emit(3)\n" {
				t.Errorf("%v: the history file holds %q, %v", tt.env, b, err)
			}
		} else if _, err := os.Stat(filepath.Join(dir, "xdg2")); err == nil {
			t.Errorf("%v: a history file was made", tt.env)
		}
	}
}
