#!/usr/bin/env bash
# lode solve end to end (read + formulate + load + solve + report + write) and its peak memory,
# next to glpsol on the LP that lode exports for the same policy, on generated models.
#   Benchmarks/scripts/solve-vs-glpsol.sh [SIZES...]      (default: 40 1000 10000 50000)
# Run from the repository's top folder; needs python3, glpsol and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(40 1000 10000 50000)
swift build -c release --product lode >/dev/null
lode=.build/release/lode
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| suppliers | rows x columns (nonzeros) | lode read / formulate / load / solve / report / write s | lode total s | lode peak MB | glpsol total s | glpsol peak MB | lode / glpsol | glpsol --dual --flip total s | lode / that | objectives agree |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  python3 Benchmarks/scripts/generate_models.py --suppliers "$n" --out "$dir"
  /usr/bin/time -f "%e %M" -o "$dir/lode.time" "$lode" solve "$dir/model.yaml" --policy bench --format json \
    --output "$dir/plan.json" --timings 2> "$dir/lode.err"
  "$lode" export "$dir/model.yaml" --policy bench --output "$dir/model.lp"
  /usr/bin/time -f "%e %M" -o "$dir/glpsol.time" glpsol --lp "$dir/model.lp" -o "$dir/glpsol.txt" > /dev/null
  /usr/bin/time -f "%e %M" -o "$dir/dual.time" glpsol --lp "$dir/model.lp" --dual --flip -o "$dir/dual.txt" > /dev/null
  read -r lode_s lode_kb < "$dir/lode.time"
  read -r glpsol_s glpsol_kb < "$dir/glpsol.time"
  read -r dual_s dual_kb < "$dir/dual.time"
  phases=$(grep -o 'read.*' "$dir/lode.err" | awk '{print $2" / "$4" / "$6" / "$8" / "$10" / "$12}')
  python3 - "$dir" "$n" "$lode_s" "$lode_kb" "$glpsol_s" "$glpsol_kb" "$phases" "$dual_s" <<'PY'
import json, sys
folder, n, lode_s, lode_kb, glpsol_s, glpsol_kb, phases, dual_s = sys.argv[1:]
plan = json.load(open(f"{folder}/plan.json"))
def objective(name):
    return next(float(line.split("=")[1].split()[0]) for line in open(f"{folder}/{name}") if line.startswith("Objective:"))
theirs = objective("glpsol.txt")
dual = objective("dual.txt")
ours = plan["objective"]
agree = abs(ours - theirs) <= 1e-6 * abs(theirs) and abs(ours - dual) <= 1e-6 * abs(dual)
s = plan["solver"]
print(f"| {int(n):,} | {s['rows']:,} x {s['columns']:,} ({s['nonzeros']:,}) | {phases} | {float(lode_s):.2f} | {int(lode_kb)/1024:.0f} | "
      f"{float(glpsol_s):.2f} | {int(glpsol_kb)/1024:.0f} | {float(lode_s)/float(glpsol_s):.2f} | {float(dual_s):.2f} | {float(lode_s)/max(float(dual_s), 0.01):.2f} | {'yes' if agree else f'NO: {ours} vs {theirs}'} |")
PY
done
