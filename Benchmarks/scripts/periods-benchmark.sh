#!/usr/bin/env bash
# The multi-period benchmark of issue 13: on generated models of SIZES suppliers over 10 periods
# (stockpiles, continuous projects, the bench policy), lode solve end to end (read + build + solve,
# peak memory) next to glpsol --dual --flip alone on the program lode exports, and next to the same
# model built in highspy from bulk arrays (Benchmarks/peers/peer_highspy_periods.py). Prints a
# markdown table; a step that fails shows "failed" in its cells (its error in WORK/SIZE/*.err).
#   Benchmarks/scripts/periods-benchmark.sh [SIZES...]            (default: 1000 10000)
#   PERIODS=0 Benchmarks/scripts/periods-benchmark.sh 1000         (one-period models, to test it)
#   KEEP=1 ...                                                    (keep the work folder)
# Run from anywhere; needs python3, glpsol and GNU time (/usr/bin/time). Installs highspy, PyYAML
# and numpy into Benchmarks/peers/.venv from PyPI when that folder is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(1000 10000)
periods=${PERIODS:-10}
swift build -c release --product lode >/dev/null
lode=.build/release/lode
peers=Benchmarks/peers
if [ ! -x "$peers/.venv/bin/python" ]; then
  python3 -m venv "$peers/.venv"
  "$peers/.venv/bin/pip" install -q -r "$peers/requirements.txt"
fi
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "work folder: $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

# timed NAME COMMAND...: runs COMMAND under GNU time into $dir/NAME.time ("seconds peak-KB"), its
# standard error into $dir/NAME.err; a failure leaves "failed" in NAME.time instead of stopping.
timed() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %M" -o "$dir/$name.time" "$@" 2> "$dir/$name.err"; then
    echo "failed" > "$dir/$name.time"
  fi
}

echo "| suppliers x periods | rows x columns (nonzeros) | lode read / formulate / load / solve / report / write s | lode total s | lode peak MB | glpsol --dual --flip s | glpsol peak MB | lode / glpsol time | lode / glpsol memory | highspy peer s | peer peak MB | lode / peer | objectives (lode, glpsol, highspy) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ "$periods" -gt 0 ]; then
    python3 Benchmarks/scripts/generate_models.py --suppliers "$n" --periods "$periods" --out "$dir"
  else
    python3 Benchmarks/scripts/generate_models.py --suppliers "$n" --out "$dir"
  fi
  timed export "$lode" export "$dir/model.yaml" --policy bench --output "$dir/model.lp"
  if [ -s "$dir/model.lp" ]; then
    timed glpsol sh -c 'glpsol --lp "$0" --dual --flip -o "$1" > "$2"' "$dir/model.lp" "$dir/glpsol.txt" "$dir/glpsol.log"
  else
    echo "failed" > "$dir/glpsol.time"
  fi
  timed lode "$lode" solve "$dir/model.yaml" --policy bench --format json --output "$dir/plan.json" --timings
  # The peer prints HiGHS's banner first and its JSON line last.
  timed peer sh -c '"$0" "$1" "$2" --policy bench > "$3"' "$peers/.venv/bin/python" \
    "$peers/peer_highspy_periods.py" "$dir/model.yaml" "$dir/peer.out"
  python3 - "$dir" "$n" "$periods" <<'PY'
import json, os, re, sys
folder, n, periods = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def timing(name):
    fields = open(f"{folder}/{name}.time").read().split()
    return (float(fields[-2]), int(fields[-1]) / 1024) if fields and fields[0] != "failed" else (None, None)

def show(value, digits=2):
    return "failed" if value is None else f"{value:.{digits}f}"

def ratio(a, b):
    return "-" if a is None or b is None else f"{a / max(b, 0.01):.2f}"

lode_s, lode_mb = timing("lode")
glpsol_s, glpsol_mb = timing("glpsol")
peer_s, peer_mb = timing("peer")
plan = json.load(open(f"{folder}/plan.json")) if lode_s is not None and os.path.exists(f"{folder}/plan.json") else None
ours = plan.get("objective") if plan else None
theirs = None
if glpsol_s is not None:
    theirs = next((float(line.split("=")[1].split()[0]) for line in open(f"{folder}/glpsol.txt")
                   if line.startswith("Objective:")), None)
peer = None
if peer_s is not None:
    lines = [line for line in open(f"{folder}/peer.out").read().splitlines() if line.startswith("{")]
    peer = json.loads(lines[-1]) if lines else None
highs = peer.get("objective") if peer else None
phases = "failed"
if plan is not None:
    text = open(f"{folder}/lode.err").read()
    found = re.search(r"timings \(s\): (.*)", text)
    if found:
        phases = " / ".join(part.split()[1] for part in found.group(1).split("  "))
size = "failed"
if plan and "solver" in plan:
    s = plan["solver"]
    size = f"{s['rows']:,} x {s['columns']:,} ({s['nonzeros']:,})"
elif peer:
    size = f"peer: {peer['rows']:,} x {peer['columns']:,} ({peer['nonzeros']:,})"
known = [value for value in (ours, theirs, highs) if value is not None]
agree = len(known) > 1 and all(abs(value - known[0]) <= 1e-6 * max(1.0, abs(known[0])) for value in known)
objectives = ", ".join("failed" if value is None else f"{value:,.2f}" for value in (ours, theirs, highs))
verdict = ("agree" if agree else "DISAGREE") if len(known) > 1 else "nothing to compare"
print(f"| {n:,} x {max(periods, 1)} | {size} | {phases} | {show(lode_s)} | {show(lode_mb, 0)} | {show(glpsol_s)} | "
      f"{show(glpsol_mb, 0)} | {ratio(lode_s, glpsol_s)} | {ratio(lode_mb, glpsol_mb)} | {show(peer_s)} | "
      f"{show(peer_mb, 0)} | {ratio(lode_s, peer_s)} | {objectives}: {verdict} |")
PY
done
