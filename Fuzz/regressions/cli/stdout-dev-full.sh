#!/bin/sh
# Found by Fuzz/cli_fuzz.py (minimised; issue 11): a write error on standard output crashes in Foundation's
# FileHandle.write (FileHandle.swift:709) instead of exiting 1 with a message. Seen with solve, explain,
# compare and stress. Run from the package's top folder.
lode="${LODE:-$PWD/.build/debug/lode}"
"$lode" solve docs/examples/constructs.yaml > /dev/full
echo "exit code $? (a signal is 128+N)" >&2
