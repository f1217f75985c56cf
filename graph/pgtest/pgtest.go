// Package pgtest starts throwaway PostgreSQL servers for tests and
// benchmarks: initdb into a temporary folder, pg_ctl start on 127.0.0.1
// with a free port, one fresh database per store, and the server stopped
// (and its folder removed) when the test ends, so that no server has to be
// set up by hand.
//
// The binaries are looked up under /usr/lib/postgresql/*/bin (Debian's
// postgresql package), then on PATH. As root, initdb and postgres run as
// the postgres user (they refuse to run as root). When the binaries are
// missing, a test is skipped with a message saying how to run it, or fails
// when the CI environment variable is "true". ACCORD_TEST_POSTGRES, when
// set to a server URL (postgres://user@host:port/db?sslmode=disable), is
// used instead of starting a server: each test gets its own database on it.
package pgtest

import (
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"
)

// EnvURL names the environment variable that points the tests at an
// existing server instead of starting one.
const EnvURL = "ACCORD_TEST_POSTGRES"

// Options say how to start a server.
type Options struct {
	// Durable keeps PostgreSQL's default durability (fsync on every commit,
	// full page writes). Tests leave it off for speed; benchmarks that
	// report write throughput turn it on so the figures are a real server's.
	Durable bool
	// Settings are extra postgresql.conf lines ("shared_buffers = 256MB").
	Settings []string
}

// Server is a running PostgreSQL server that accepts the tests' user
// without a password.
type Server struct {
	base *url.URL // the maintenance database, postgres
	ext  bool     // an existing server (EnvURL): drop what we create
	n    atomic.Int64
}

// Start starts a server for tb, stopped when tb ends. See the package
// documentation for what happens when PostgreSQL is not installed.
func Start(tb testing.TB) *Server {
	return StartWith(tb, Options{})
}

// StartWith starts a server with options o, stopped when tb ends.
func StartWith(tb testing.TB, o Options) *Server {
	tb.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		base, err := url.Parse(u)
		if err != nil {
			tb.Fatalf("%s: %v", EnvURL, err)
		}
		return &Server{base: base, ext: true}
	}
	bin, err := Bin()
	if err != nil {
		Unavailable(tb, err)
	}
	s, err := start(tb, bin, o)
	if err != nil {
		tb.Fatalf("starting a throwaway PostgreSQL: %v", err)
	}
	return s
}

// Unavailable skips tb (or fails it under CI=true) because PostgreSQL
// cannot be run, saying how to run the test.
func Unavailable(tb testing.TB, why error) {
	tb.Helper()
	msg := fmt.Sprintf("PostgreSQL is needed: %v; install it (apt-get install -y postgresql) or set %s=postgres://USER@HOST:PORT/postgres?sslmode=disable", why, EnvURL)
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// Bin returns the folder holding initdb, pg_ctl and postgres: the newest
// /usr/lib/postgresql/N/bin, else the folder of initdb on PATH.
func Bin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no initdb under /usr/lib/postgresql/*/bin nor on PATH")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// superuser is the role initdb makes; the tests connect as it.
const superuser = "accord"

func start(tb testing.TB, bin string, o Options) (*Server, error) {
	dir := tb.TempDir()
	data := filepath.Join(dir, "data")
	run, err := newRunner(dir)
	if err != nil {
		return nil, err
	}
	if err := os.Mkdir(data, 0o700); err != nil {
		return nil, err
	}
	if err := run.own(data); err != nil {
		return nil, err
	}
	if out, err := run.cmd(filepath.Join(bin, "initdb"), "-D", data, "-U", superuser, "-A", "trust",
		"-E", "UTF8", "--no-locale", "--no-sync").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	conf := []string{
		"listen_addresses = '127.0.0.1'",
		"unix_socket_directories = ''",
		"max_connections = 50",
		"shared_buffers = 128MB",
		"log_min_messages = warning",
	}
	if !o.Durable {
		conf = append(conf, "fsync = off", "synchronous_commit = off", "full_page_writes = off")
	}
	conf = append(conf, o.Settings...)
	var lastErr error
	for try := 0; try < 5; try++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		lines := append(append([]string(nil), conf...), fmt.Sprintf("port = %d", port))
		if err := run.write(filepath.Join(data, "postgresql.auto.conf"), strings.Join(lines, "\n")+"\n"); err != nil {
			return nil, err
		}
		logf := filepath.Join(data, "server.log")
		out, err := run.cmd(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", logf, "-w", "-t", "60", "start").CombinedOutput()
		if err != nil {
			log, _ := os.ReadFile(logf)
			lastErr = fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
			if strings.Contains(string(log), "in use") {
				continue
			}
			return nil, lastErr
		}
		tb.Cleanup(func() {
			if out, err := run.cmd(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").CombinedOutput(); err != nil {
				tb.Errorf("pg_ctl stop: %v\n%s", err, out)
			}
		})
		base := &url.URL{Scheme: "postgres", User: url.User(superuser), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
			Path: "/postgres", RawQuery: "sslmode=disable"}
		return &Server{base: base}, nil
	}
	return nil, lastErr
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}

// runner runs the server's commands as a user that may run them.
type runner struct {
	as       string // user to run as ("" for the current one)
	uid, gid int
}

// newRunner chooses the user: the current one, or postgres when root, in
// which case the folders above dir are opened for it to reach dir.
func newRunner(dir string) (runner, error) {
	if os.Geteuid() != 0 {
		return runner{}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return runner{}, fmt.Errorf("running as root needs the postgres user (made by the postgresql package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	// t.TempDir() is /tmp/TestName123/001, both 0700: let postgres through.
	for d := dir; d != "/" && d != "." && strings.HasPrefix(d, os.TempDir()) && d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o711); err != nil {
			return runner{}, err
		}
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return runner{}, fmt.Errorf("running as root needs runuser: %w", err)
	}
	return runner{as: "postgres", uid: uid, gid: gid}, nil
}

func (r runner) cmd(name string, args ...string) *exec.Cmd {
	if r.as == "" {
		return exec.Command(name, args...)
	}
	return exec.Command("runuser", append([]string{"-u", r.as, "--", name}, args...)...)
}

func (r runner) own(path string) error {
	if r.as == "" {
		return nil
	}
	return os.Chown(path, r.uid, r.gid)
}

func (r runner) write(path, content string) error {
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		return err
	}
	return r.own(path)
}

// URL returns the URL of database name on the server.
func (s *Server) URL(name string) string {
	u := *s.base
	u.Path = "/" + name
	return u.String()
}

// URLAs returns the URL of database name for the role user.
func (s *Server) URLAs(user, name string) string {
	u := *s.base
	u.User = url.User(user)
	u.Path = "/" + name
	return u.String()
}

// NewRole creates a role that may log in without a password but is no
// superuser, and an empty database it owns, and returns the URL of that
// database as that role; on an existing server (EnvURL) both are dropped
// when tb ends.
func (s *Server) NewRole(tb testing.TB) string {
	tb.Helper()
	n := s.n.Add(1)
	role, db := fmt.Sprintf("accord_role_%d", n), fmt.Sprintf("t%d_owned", n)
	for _, stmt := range []string{
		"CREATE ROLE " + role + " LOGIN NOSUPERUSER",
		"CREATE DATABASE " + db + " OWNER " + role,
	} {
		if err := s.exec(stmt); err != nil {
			tb.Fatalf("%s: %v", stmt, err)
		}
	}
	if s.ext {
		tb.Cleanup(func() {
			if err := s.exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"); err != nil {
				tb.Errorf("dropping database %s: %v", db, err)
			}
			if err := s.exec("DROP ROLE IF EXISTS " + role); err != nil {
				tb.Errorf("dropping role %s: %v", role, err)
			}
		})
	}
	return s.URLAs(role, db)
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// NewDatabase creates an empty database named after tb and returns its
// URL; on an existing server (EnvURL) it is dropped when tb ends.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := unsafeChars.ReplaceAllString(strings.ToLower(tb.Name()), "_")
	if len(name) > 40 {
		name = name[len(name)-40:]
	}
	name = fmt.Sprintf("t%d_%s", s.n.Add(1), strings.Trim(name, "_"))
	if err := s.exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		tb.Fatalf("creating database %s: %v", name, err)
	}
	if s.ext {
		tb.Cleanup(func() {
			if err := s.exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)"); err != nil {
				tb.Errorf("dropping database %s: %v", name, err)
			}
		})
	}
	return s.URL(name)
}

var connMu sync.Mutex

// exec runs one statement on the maintenance database.
func (s *Server) exec(stmt string) error {
	connMu.Lock()
	defer connMu.Unlock()
	db, err := sql.Open("postgres", s.base.String())
	if err != nil {
		return err
	}
	var last error
	for try := 0; try < 50; try++ {
		if _, last = db.Exec(stmt); last == nil {
			break
		}
		// The server may still be starting, or template1 busy with
		// another CREATE DATABASE.
		var pe *pq.Error
		if errors.As(last, &pe) && pe.Code != "55006" && pe.Code != "57P03" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.Join(last, db.Close())
}
