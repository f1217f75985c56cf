#!/bin/bash
# ab.sh COMMIT [ROUNDS] [PATTERN]: runs the extraction benchmarks of COMMIT
# (A, checked out in a temporary worktree) and of the working tree (B) in
# turn, ROUNDS times (default 3), and prints each run's cpu-MB/s. Running
# the two binaries in turn is how BENCHMARKS.md compares commits on a
# machine whose speed drifts from one hour to the next.
set -euo pipefail
commit=$1 rounds=${2:-3} pattern=${3:-ZH/extract}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/a" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git -C "$root" worktree add -q --detach "$tmp/a" "$commit"
(cd "$tmp/a" && go test -c -o "$tmp/a.test" ./bench/)
(cd "$root" && go test -c -o "$tmp/b.test" ./bench/)
for _ in $(seq "$rounds"); do
	for x in a b; do
		(cd "$root/bench" && "$tmp/$x.test" -test.run '^$' -test.bench "$pattern" -test.benchtime 3x -test.cpu 1 |
			awk -v x="$x" '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($i == "cpu-MB/s") print toupper(x), $1, $(i-1) }')
	done
done
