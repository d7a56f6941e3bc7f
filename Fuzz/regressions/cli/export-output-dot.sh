#!/bin/sh
# Found by Fuzz/cli_fuzz.py (minimised; issue 11): export --output=. deletes the working folder and writes
# the LP in its place (exit 0). Runs in a temporary folder: never run it elsewhere.
lode="${LODE:-$PWD/.build/debug/lode}"
model="$PWD/docs/examples/constructs.yaml"
run="$(mktemp -d)" && mkdir "$run/work" && echo keep > "$run/work/keep.txt" && cd "$run/work" || exit 1
"$lode" export "$model" --output=.
echo "exit code $?" >&2
ls -la "$run"; [ -d "$run/work" ] && echo "the folder survived" || echo "the folder was replaced" >&2
