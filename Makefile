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

# Short runs of the native fuzz tests (scanners, dates, rule loading).
fuzz:
	$(GO) test ./extractors/text -run '^$$' -fuzz FuzzDecode -fuzztime 30s
	$(GO) test ./extractors/zh -run '^$$' -fuzz FuzzExtract -fuzztime 60s
	$(GO) test ./schema -run '^$$' -fuzz FuzzLoad -fuzztime 30s

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./extractors/... ./graph/...

clean:
	rm -rf bin accord.db
