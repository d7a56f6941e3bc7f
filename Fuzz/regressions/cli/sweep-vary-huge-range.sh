#!/bin/sh
# Found by Fuzz/cli_fuzz.py (minimised): a --vary range of 1e308 values crashes converting the count of
# values to Int ("Double value cannot be converted to Int"), instead of the "more than 1,000,000 values"
# error. The same bug as issue 11's "--vary step of 1e-300". Run from the package's top folder.
lode="${LODE:-$PWD/.build/debug/lode}"
"$lode" sweep models/cobalt/model.yaml --vary commodities.cobalt.demand=1000:1e308:1
echo "exit code $? (a signal is 128+N)" >&2
