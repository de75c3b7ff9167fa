# hnnplay: the README's commands.
#
#   make serve        build the site, serve it on $(ADDR)
#   make test         vet, core tests (native and wasm), wasm programs, the page's JavaScript, server and browser tests
#   make site         the wasm programs and the fit's SIMD kernels, wasm_exec.js, the lessons, and .br/.gz siblings of every text and wasm file
#   make test-paper   the paper's reference experiments (long)
#   make bench        core benchmarks, native and under wasm
#   make bench-ref    hnnplay fit against the paper's NumPy code, fit time (PAPER=checkout; long)
#   make deps         install Chromium, fonts, brotli, wabt and Node (apt-get, as root) when missing
#   make clean        remove what `make site` built

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

ADDR ?= 127.0.0.1:8080
GO ?= go
# brotli: every 100 kB counts against the 3 MB first-visit budget. Measured on the two wasm files
# (13.0 + 3.7 MB raw; gzip -9: 3.11 + 1.04 MB), CPU seconds for the larger one, on a loaded 2-core box:
#   -q 9 -w 24: 2.56 + 0.88 MB, 2 s;  -q 10 -w 24: 2.29 + 0.81 MB, 14 s;  -q 11 -w 24: 2.22 + 0.78 MB, 32 s.
# The files compress in parallel, so -q 11 costs `make site` about 30 s after a change.
BROTLI_FLAGS ?= -q 11 -w 24
NPROC := $(shell nproc 2>/dev/null || echo 2)

GOROOT := $(shell $(GO) env GOROOT)
# Go's go_js_wasm_exec with the vector kernels (site/kernels.wasm) that core/lstsq imports.
WASM_EXEC := $(CURDIR)/scripts/wasm-exec
WASM_ENV := GOOS=js GOARCH=wasm
WASM_TEST := $(WASM_ENV) $(GO) test -exec="$(WASM_EXEC)"
KERNELS := site/kernels.wasm
# Inlining is off except in the packages whose loops run in every frame or fit: the runtime, math,
# syscall/js, sync, hnnplay's numerics (model, solver, fit, sampler, integrators, systems, Adam), its
# world and drawing, and ebiten's drawing path. The inlining tables and copies of code it spares keep
# the first visit under 3 MB of brotli with no measurable change in fit or frame times
# (BENCHMARKS.md, "Build and transfer sizes").
WASM_INLINED := runtime internal/runtime/... math math/bits syscall/js sync sync/atomic \
	hnnplay/core/hnn/... hnnplay/core/lstsq/... hnnplay/core/fit hnnplay/core/sample hnnplay/core/integrate \
	hnnplay/core/system hnnplay/core/adam hnnplay/core/internal/... hnnplay/wasm/app hnnplay/wasm/world \
	github.com/hajimehoshi/ebiten/v2 github.com/hajimehoshi/ebiten/v2/internal/graphics github.com/hajimehoshi/ebiten/v2/internal/graphicsdriver/opengl/...
WASM_GCFLAGS := -gcflags=all=-l $(foreach p,$(WASM_INLINED),-gcflags=$(p)=)
WASM_BUILD := $(WASM_ENV) $(GO) build -trimpath -ldflags="-s -w" $(WASM_GCFLAGS)

# Everything a wasm program is built from: sources and embedded files of core/ and wasm/ (tests
# excluded), the module files, and the toolchain (its VERSION changes when Go is upgraded).
SOURCES := $(shell find core wasm -type f ! -name '*_test.go' ! -path '*/testdata/*' 2>/dev/null) go.mod go.sum \
	$(wildcard $(GOROOT)/VERSION)
WASM := site/hnnplay.wasm site/worker.wasm $(KERNELS)
JS := site/wasm_exec.js $(filter-out site/wasm_exec.js,$(wildcard site/*.js site/*.mjs))
STATIC := $(wildcard site/*.html site/*.css site/*.svg)
# The guided tour, which the page loads when it is first opened (wasm/lessons).
LESSONS := site/lessons.json
COMPRESSED := $(foreach f,$(WASM) $(JS) $(STATIC) $(LESSONS),$(f).br $(f).gz)

.PHONY: all serve site site-files test vet test-core test-wasm test-js test-root test-paper bench bench-ref fuzz deps deps-site clean

all: site

serve: site
	$(GO) run . -addr $(ADDR)

# The files are built by a parallel sub-make: compressing the large wasm file dominates.
site: deps-site
	@$(MAKE) --no-print-directory -j$(NPROC) site-files

site-files: $(WASM) $(JS) $(LESSONS) $(COMPRESSED)

site/hnnplay.wasm: $(SOURCES)
	$(WASM_BUILD) -o $@ ./wasm/app

site/worker.wasm: $(SOURCES)
	$(WASM_BUILD) -o $@ ./wasm/worker

$(LESSONS): $(SOURCES)
	$(GO) run ./wasm/lessons > $@.$$$$.tmp && mv $@.$$$$.tmp $@

# The fit's SIMD kernels, which worker.wasm imports (core/lstsq/kernel_wasm.go).
$(KERNELS): core/lstsq/kernel_wasm.wat
	wat2wasm $< -o $@.$$$$.tmp && mv $@.$$$$.tmp $@

# wasm_exec.js must come from the toolchain that built the .wasm files.
site/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	cp $< $@

# Written to a temporary name (unique per process, in case two makes run at once) and renamed, so
# no reader ever sees a truncated sibling.
site/%.br: site/%
	brotli $(BROTLI_FLAGS) -f -c $< > $@.$$$$.tmp && mv $@.$$$$.tmp $@

site/%.gz: site/%
	gzip -9 -n -c $< > $@.$$$$.tmp && mv $@.$$$$.tmp $@

test: deps vet test-core test-wasm test-js test-root

vet:
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet ./core/... $(if $(wildcard wasm),./wasm/...)

test-core: deps-site $(KERNELS)
	$(GO) test ./core/...
	$(WASM_TEST) ./core/...

# The wasm programs' packages: their pure Go tests natively and under Node (the build itself is
# `make site`, part of test-root).
test-wasm: deps-site $(KERNELS)
	$(if $(wildcard wasm),$(GO) test ./wasm/...)
	$(if $(wildcard wasm),$(WASM_TEST) ./wasm/...)

# The page's JavaScript modules that hold logic (link, fields, chart, race, keys, self-test…), with
# Node's runner.
test-js:
	node --test site/_test/

test-root: deps site
	$(GO) test -count=1 -v -timeout 30m .

test-paper:
	$(GO) test -tags paper -run '^TestPaper' -timeout 60m ./core/...

# Every Go fuzz test for FUZZTIME each (`make test` runs only their seed corpora). A finding is
# written under its package's testdata/fuzz/ and, committed, stays a regression seed.
FUZZTIME ?= 15s
fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' core wasm *.go); do \
	  dir=./$$(dirname $$f); \
	  for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "== $$dir $$name ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$dir; \
	  done; \
	done

bench: deps-site $(KERNELS)
	@echo "== native ($$($(GO) env GOARCH))"
	$(GO) test -run '^$$' -bench . -benchmem ./core/...
	@echo "== wasm (Node $$(node --version))"
	$(WASM_TEST) -run '^$$' -bench . -benchmem ./core/...

# The paper's own NumPy code against `hnnplay fit`, fit time only, 2 threads each, medians over
# REPEATS interleaved runs (scripts/bench-ref.sh says more). PAPER is a checkout of
# github.com/AlphaGergedan/Sampling-HNNs with its swimnetworks submodule. Long at the default
# sizes (minutes per paper run, GBs of memory): run it on an idle machine.
#   make bench-ref PAPER=../Sampling-HNNs [REPEATS=3] [SAMPLERS='elm aswim'] [SIZES='pendulum:10000:1000 ...']
bench-ref:
	$(call install-missing,/usr/bin/python3 -c 'import numpy; import scipy',python3-numpy python3-scipy)
	PAPER="$(PAPER)" REPEATS="$(REPEATS)" SAMPLERS="$(SAMPLERS)" GO="$(GO)" bash scripts/bench-ref.sh $(SIZES)

# install-missing CHECKS PACKAGES: CHECKS is a shell condition that holds when everything is
# present; otherwise apt-get installs PACKAGES, as root or through password-less sudo.
define install-missing
	@if ! { $(1); } >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	  else echo "make: missing $(2); install them with apt-get (needs root) and run make again" >&2; exit 1; fi; \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "make: missing $(2) and no apt-get here; install them by hand and run make again" >&2; exit 1; fi; \
	  echo "make: installing $(2)"; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(2) >/dev/null; \
	fi
endef

deps-site:
	$(call install-missing,command -v brotli && command -v gzip && command -v wat2wasm,brotli gzip wabt)

deps: deps-site
	$(call install-missing,command -v chromium && test -d /usr/share/fonts/truetype/liberation,chromium fonts-liberation)
	$(call install-missing,command -v node,nodejs)

clean:
	rm -f site/*.wasm site/*.br site/*.gz site/*.tmp site/wasm_exec.js $(LESSONS)
