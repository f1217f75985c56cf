#!/usr/bin/env bash
# Times Cayley's own bulk loader (`cayley load`) and `accord build` on the
# same benchmark corpus, on bolt and on PostgreSQL, for BENCHMARKS.md.
#
#   bench/cayley-load.sh [DOCS] [RUNS] [BACKENDS]
#
# (default 100 documents, 3 runs, BACKENDS "bolt postgres"; "bolt" alone
# skips PostgreSQL)
#
# 1. builds Cayley's `cayley` binary from the module cache, at the version
#    go.mod requires, with Cayley's own go.mod (into /tmp/cayley-bin);
# 2. writes DOCS variants of the bundled document (bench/gendocs) as .txt
#    files and their quads as N-Quads (full IRIs), so that both tools load
#    the same quads;
# 3. RUNS times each: `cayley load` into a fresh bolt store, `accord build`
#    into a fresh bolt store (extraction included), and the same two into
#    fresh databases on a throwaway PostgreSQL started here (as the
#    postgres user when run as root; default durability, the settings of
#    graph/bench_test.go), stopped at the end;
# 4. prints each time, and the median quads/s of each.
#
# Cayley's binary registers bolt (boltdb), not bbolt; accord uses bbolt
# (the maintained fork, the same file format). The in-process comparison
# on bbolt itself is BenchmarkLoad/bolt/cayley-batch in graph/bench_test.go.
set -euo pipefail
DOCS="${1:-100}"
RUNS="${2:-3}"
BACKENDS="${3:-bolt postgres}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$PATH:/usr/local/go/bin"
WORK="$(mktemp -d /tmp/accord-cayley-load.XXXXXX)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
PGDATA=""
cleanup() {
	if [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# 1. Cayley, at the version accord's go.mod requires.
CAYLEY_VERSION="$(cd "$ROOT" && go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)"
CAYLEY=/tmp/cayley-bin/cayley-$CAYLEY_VERSION
if [ ! -x "$CAYLEY" ]; then
	SRC="$(cd "$ROOT" && go env GOMODCACHE)/github.com/cayleygraph/cayley@$CAYLEY_VERSION"
	[ -d "$SRC" ] || (cd "$ROOT" && go mod download github.com/cayleygraph/cayley)
	rm -rf "$WORK/cayley-src" && cp -r "$SRC" "$WORK/cayley-src" && chmod -R u+w "$WORK/cayley-src"
	echo "building cayley $CAYLEY_VERSION (a minute or two)..." >&2
	(cd "$WORK/cayley-src" && GOFLAGS=-mod=mod go build -o "$CAYLEY" ./cmd/cayley)
fi
ACCORD="$WORK/accord"
(cd "$ROOT" && go build -o "$ACCORD" ./cmd/accord)

# 2. The corpus.
(cd "$ROOT" && go run ./bench/gendocs -n "$DOCS" -txt "$WORK/txt" -nq "$WORK/docs.nq")
QUADS=$(wc -l <"$WORK/docs.nq")

now() { date +%s.%N; }
rate() { awk -v q="$QUADS" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", q / (b - a) }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A RESULTS

run() { # name command...
	local name="$1"
	shift
	local t0 t1
	t0=$(now)
	"$@" >"$WORK/out.log" 2>&1 || {
		cat "$WORK/out.log" >&2
		exit 1
	}
	t1=$(now)
	local r
	r=$(rate "$t0" "$t1")
	echo "$name: $QUADS quads in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')s = $r quads/s" >&2
	RESULTS[$name]+="$r "
}

# 3a. bolt. The two alternate, so that a change of the machine's load
# falls on both.
for i in $(seq "$RUNS"); do
	[[ " $BACKENDS " == *" bolt "* ]] || break
	"$CAYLEY" init --db bolt --dbpath "$WORK/cayley-$i.db" >/dev/null 2>&1
	run "bolt/cayley-load" "$CAYLEY" load --db bolt --dbpath "$WORK/cayley-$i.db" -i "$WORK/docs.nq"
	run "bolt/accord-build" "$ACCORD" build -q --db "$WORK/accord-$i.db" "$WORK/txt"
	rm -rf "$WORK/cayley-$i.db" "$WORK/accord-$i.db"
done

# 3b. PostgreSQL.
if [[ " $BACKENDS " != *" postgres "* ]]; then
	:
elif [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]; then
	PGDATA="$WORK/pg"
	mkdir -p "$PGDATA"
	chmod 0711 "$WORK"
	[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
	as_pg "$PGBIN/initdb" -D "$PGDATA" -U accord -A trust -E UTF8 --no-locale >/dev/null
	PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	as_pg tee -a "$PGDATA/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
shared_buffers = 1GB
max_wal_size = 4GB
checkpoint_timeout = 30min
EOF
	as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start >/dev/null
	URL="postgres://accord@127.0.0.1:$PORT"
	for i in $(seq "$RUNS"); do
		"$PGBIN/psql" -q "$URL/postgres" -c "CREATE DATABASE cayley$i" -c "CREATE DATABASE accord$i"
		"$CAYLEY" init --db postgres --dbpath "$URL/cayley$i?sslmode=disable" >/dev/null 2>&1
		run "postgres/cayley-load" "$CAYLEY" load --db postgres --dbpath "$URL/cayley$i?sslmode=disable" -i "$WORK/docs.nq"
		run "postgres/accord-build" "$ACCORD" build -q --db "$URL/accord$i?sslmode=disable" "$WORK/txt"
	done
else
	echo "no PostgreSQL under /usr/lib/postgresql: apt-get install -y postgresql for the PostgreSQL runs" >&2
fi

# 4. Medians.
echo "corpus: $DOCS documents, $QUADS quads; $RUNS runs; median quads/s:"
for k in $(printf '%s\n' "${!RESULTS[@]}" | sort); do
	printf '  %-24s %s\n' "$k" "$(echo "${RESULTS[$k]}" | tr ' ' '\n' | grep . | median)"
done
