# accord — the two set-up commands are `make demo` (build the bundled
# dataset into ./accord.db and query it) and `make test` (every test).

GO ?= go
export PATH := $(PATH):/usr/local/go/bin

.PHONY: all build demo test vet fuzz bench clean

all: build

build:
	$(GO) build -o bin/accord ./cmd/accord

# The main job: extract datasets/ into the embedded bbolt store accord.db,
# print the build summary, then ask which instruments the SCO member states
# reaffirm, with their names.
demo: build
	rm -rf accord.db
	./bin/accord build datasets/
	./bin/accord query -f docs/examples/reaffirmed-instruments.js

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Every test, with the race detector, then the regression gate: every gold
# file under datasets/ against datasets/scores.json (an F1 that falls by more
# than 0.005 fails; `accord eval --datasets datasets --record` updates it).
test: vet
	$(GO) test -race -count=1 ./...
	$(GO) run ./cmd/accord eval --datasets datasets

# The native fuzz tests (decoder, sentence splitter, dates, instrument
# titles, the whole extractor, rule files, gold files), FUZZTIME each; their
# seed corpora live under testdata/fuzz/. FUZZTIME is a duration (60s) or
# an execution count (100000x). CI uses a count: a duration can end with a
# spurious "context deadline exceeded" when a starved worker misses the
# deadline (https://go.dev/issue/75804); a count has no deadline to miss.
FUZZTIME ?= 60s
# How long the fuzzer may shrink each new input (a count too; Go's default
# is 60 s an input, which stalls the run whenever new coverage is found).
FUZZMINIMIZE ?= 1000x
FUZZ_TARGETS = extractors/text:FuzzDecode extractors/text:FuzzStructure \
	extractors/zh:FuzzExtract extractors/zh:FuzzDates extractors/zh:FuzzTitles extractors/en:FuzzExtract \
	extractors/extract:FuzzExtractAuto schema:FuzzLoad extractors/eval:FuzzParseGold extractors/zh:FuzzResolutionItems \
	extractors:FuzzRomanNumeral
# The oracle fuzz tests: each checks a fast path (a scanner, a shortcut, a
# guard before a regexp, accord's own automaton) against the slower code
# it stands for, ORACLETIME each.
ORACLETIME ?= $(FUZZTIME)
FUZZ_ORACLES = internal/acm:FuzzAppend extractors:FuzzNewDocument extractors/text:FuzzDecodeOracle extractors:FuzzSortByOffset extractors/text:FuzzSentences extractors:FuzzSortMentions extractors/text:FuzzScanHelpers \
	extractors/text:FuzzLineGuards extractors/zh:FuzzMultiDict extractors/zh:FuzzWordsAt \
	extractors/zh:FuzzFindDates extractors/zh:FuzzClauseEnd extractors/zh:FuzzRuneAt extractors/zh:FuzzMergeRuns \
	extractors/zh:FuzzSentenceHits extractors/zh:FuzzSortHits extractors/zh:FuzzOutside extractors/zh:FuzzResolveGaz \
	extractors/zh:FuzzSentCursor extractors/zh:FuzzByLength extractors/zh:FuzzMentionRange extractors/zh:FuzzNegatedClause \
	extractors/zh:FuzzSentMentions extractors/zh:FuzzDateStarts extractors/zh:FuzzMatchDate extractors/zh:FuzzStartingNear \
	extractors/zh:FuzzInPairs \
	extractors:FuzzOrdinalIn extractors:FuzzTwoScripts extractors:FuzzOffsetIndex \
	schema:FuzzPlainName schema:FuzzEscapeSegment schema:FuzzStatementModes graph:FuzzScanEncoding
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) || exit 1; \
	done
	@for t in $(FUZZ_ORACLES); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "fuzz $$pkg $$fn ($(ORACLETIME))"; \
	  $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn$$" -fuzztime $(ORACLETIME) -fuzzminimizetime $(FUZZMINIMIZE) || exit 1; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./bench/... ./extractors/... ./graph/...

clean:
	rm -rf bin accord.db
