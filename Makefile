# Lode's two everyday commands: `make run` solves a shipped model, `make test` runs the tests.
# Both install GLPK (libglpk-dev, glpk-utils) first when it is missing and they run as root.

SWIFT ?= swift
MODEL ?= models/battery-materials/model.yaml
POLICY ?= friend-shoring

.PHONY: deps build test run release clean

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
	rm -rf .build
