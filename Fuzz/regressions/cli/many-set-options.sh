#!/bin/sh
# Found by Fuzz/cli_fuzz.py (new, not in issue 11; now refused above 1,000 arguments): many --set options took quadratic time before the
# model is even read (debug build: 500 options 0.9 s, 1000 4 s, 2000 18 s; the fuzzer's 5000 ran past 30 s).
# Run from the package's top folder.
lode="${LODE:-$PWD/.build/debug/lode}"
set --
i=0
while [ $i -lt 2000 ]; do set -- "$@" --set settings.time_limit=5; i=$((i + 1)); done
time "$lode" check missing.yaml "$@"
echo "exit code $?" >&2
