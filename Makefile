# Lode's two everyday commands: `make run` solves a shipped model, `make test` runs the tests.
# Both install GLPK (libglpk-dev, glpk-utils) first when it is missing and they run as root.

SWIFT ?= swift
MODEL ?= models/battery-materials/model.yaml
POLICY ?= friend-shoring

.PHONY: deps build test run release clean format lint fuzz-build fuzz fuzz-ci fuzz-cli fuzz-corpus

deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing GLPK (libglpk-dev, glpk-utils)..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
		else \
			echo "GLPK is missing: run 'sudo apt-get install -y libglpk-dev glpk-utils', then try again." >&2; exit 1; \
		fi; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

release: deps
	$(SWIFT) build -c release --product lode

run: release
	.build/release/lode solve $(MODEL) --policy $(POLICY)

clean:
	rm -rf .build .build-fuzz

# Fuzzing (Fuzz/README.md). `make fuzz FUZZ_TIME=1200` runs libFuzzer on the model reader for 20
# minutes; `make fuzz-ci` is CI's bounded run (60 s, fails on a crash, a hang or a memory blow-up);
# `make fuzz-cli FUZZ_CLI_TIME=300` runs the command-line fuzzer. FUZZ_SANITIZE=fuzzer,address adds
# AddressSanitizer (slower; mostly for the C of libyaml).
FUZZ_TIME ?= 600
FUZZ_CLI_TIME ?= 300
FUZZ_SANITIZE ?= fuzzer
FUZZ_ARGS ?=
FUZZ_BIN = .build-fuzz/release/LodeFuzz
FUZZ_RUN = -dict=Fuzz/lode.dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix=.build-fuzz/artifacts/

fuzz-build: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product LodeFuzz \
		-Xswiftc -sanitize=$(FUZZ_SANITIZE) -Xswiftc -parse-as-library -Xswiftc -DLODE_FUZZ \
		-Xcc -fsanitize=$(subst fuzzer,fuzzer-no-link,$(FUZZ_SANITIZE))
	@mkdir -p .build-fuzz/corpus .build-fuzz/artifacts

fuzz: fuzz-build
	$(FUZZ_BIN) $(FUZZ_RUN) -max_total_time=$(FUZZ_TIME) $(FUZZ_ARGS) .build-fuzz/corpus Fuzz/corpus

fuzz-ci: fuzz-build
	$(FUZZ_BIN) $(FUZZ_RUN) -max_total_time=60 .build-fuzz/corpus Fuzz/corpus

fuzz-cli: build
	python3 Fuzz/cli_fuzz.py --duration $(FUZZ_CLI_TIME)

fuzz-corpus:
	python3 Fuzz/make_corpus.py

# Formatting (.swift-format: 4 spaces, 120 columns). `make format` rewrites the sources in place;
# `make lint` fails on any source the formatter would change (CI runs it).
SOURCES = $(shell git ls-files 'Sources/*.swift' 'Tests/*.swift') Package.swift

format:
	@$(SWIFT) format format -i --configuration .swift-format $(SOURCES) && echo "format: done"

lint:
	@$(SWIFT) format lint --strict --configuration .swift-format $(SOURCES) && echo "lint: every source is formatted"
