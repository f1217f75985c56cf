#!/bin/bash
# same.sh COMMIT: checks that the working tree extracts exactly what COMMIT
# extracts: N-Quads, JSON lines and --explain, byte for byte, on every
# text of the repository (the bundled dataset, the English fixtures, the
# example and test documents), on generated documents (three seeds, short
# and long), and on variants of the bundled text: CRLF, GB18030, UTF-16LE,
# hard-wrapped at 38 runes, full-width digits, and its body repeated to
# 1 MiB. A speed-up of the extractor must pass it before it is measured
# (bench/ab.sh); a change of what is extracted will not, by design.
# Prints the files that differ and exits 1 when any does.
set -euo pipefail
commit=$1
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/a" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git -C "$root" worktree add -q --detach "$tmp/a" "$commit"
(cd "$tmp/a" && go build -o "$tmp/a.bin" ./cmd/accord)
(cd "$root" && go build -o "$tmp/b.bin" ./cmd/accord)

in=$tmp/in
mkdir -p "$in"
# every text of the repository (not fuzz corpora)
(cd "$root" && git ls-files 'datasets/*.txt' 'datasets/*.text' 'docs/examples/*.txt' 'extractors/*/testdata/*.txt' |
	grep -v '/fuzz/' | while read -r f; do cp "$f" "$in/$(echo "$f" | tr '/' '_')"; done)
# generated declarations
for seed in 3 11 29; do
	"$tmp/a.bin" gen-corpus --docs 20 --seed "$seed" --out "$tmp/g$seed" >/dev/null
	for f in "$tmp/g$seed"/*; do cp "$f" "$in/g$seed-$(basename "$f")"; done
done
"$tmp/a.bin" gen-corpus --docs 3 --seed 5 --paragraphs 400 --out "$tmp/glong" >/dev/null
for f in "$tmp/glong"/*; do cp "$f" "$in/glong-$(basename "$f")"; done
# variants of the bundled text
q=$root/datasets/qingdao-2018/qingdao-2018.zh.txt
sed 's/$/\r/' "$q" >"$in/v-crlf.zh.txt"
iconv -f UTF-8 -t GB18030 "$q" >"$in/v-gb18030.zh.txt"
iconv -f UTF-8 -t UTF-16LE "$q" >"$in/v-utf16le.zh.txt"
fold -w 114 "$q" >"$in/v-wrapped.zh.txt" # 38 runes of 3 bytes
sed 'y/0123456789/０１２３４５６７８９/' "$q" >"$in/v-fullwidth.zh.txt"
head -n -4 "$q" >"$tmp/body"
: >"$in/v-1mib.zh.txt"
while [ "$(stat -c %s "$in/v-1mib.zh.txt")" -lt 1048576 ]; do cat "$tmp/body" >>"$in/v-1mib.zh.txt"; done

bad=0
for f in "$in"/*; do
	n=$(basename "$f")
	for mode in nquads jsonl explain; do
		args=(--format nquads)
		case $mode in
		jsonl) args=(--format jsonl) ;;
		explain) args=(--explain) ;;
		esac
		# --explain on a 1 MiB text is long and says nothing new
		if [ "$mode" = explain ] && [ "$(stat -c %s "$f")" -gt 200000 ]; then continue; fi
		"$tmp/a.bin" extract "${args[@]}" "$f" >"$tmp/a.out" 2>"$tmp/a.err" || true
		"$tmp/b.bin" extract "${args[@]}" "$f" >"$tmp/b.out" 2>"$tmp/b.err" || true
		if ! cmp -s "$tmp/a.out" "$tmp/b.out" || ! cmp -s "$tmp/a.err" "$tmp/b.err"; then
			echo "differs: $n ($mode)"
			diff "$tmp/a.out" "$tmp/b.out" | head -5 || true
			bad=1
		fi
	done
done
echo "$(ls "$in" | wc -l) texts compared"
exit $bad
