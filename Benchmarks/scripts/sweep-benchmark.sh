#!/usr/bin/env bash
# A 100-point sweep of a share cap on generated models: warm (changed in place) against cold
# (rebuilt per point), and 1 job against 2.
#   Benchmarks/scripts/sweep-benchmark.sh [SIZES...]      (default: 1000 10000)
# Run from the repository's top folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(1000 10000)
swift build -c release --product lode >/dev/null
lode=.build/release/lode
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vary="policies.bench.rules.single-country-cap.max=0.401:0.50:0.001"   # 100 points
echo "| suppliers | points | cold, 1 job s | cold, 2 jobs s | warm, 1 job s | warm, 2 jobs s | warm vs cold (1 job) | 2 jobs vs 1, cold | 2 jobs vs 1, warm | rows agree |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  python3 Benchmarks/scripts/generate_models.py --suppliers "$n" --out "$dir"
  run() { /usr/bin/time -f "%e" -o "$dir/$1.time" "$lode" sweep "$dir/model.yaml" --policy bench --vary "$vary" "${@:2}" --output "$dir/$1.csv"; cat "$dir/$1.time"; }
  cold=$(run cold --jobs 1 --cold)
  cold2=$(run cold2 --jobs 2 --cold)
  warm1=$(run warm1 --jobs 1)
  warm2=$(run warm2 --jobs 2)
  points=$(($(wc -l < "$dir/warm1.csv") - 1))
  agree=$(python3 - "$dir" <<'PY'
import csv, sys
folder = sys.argv[1]
def rows(name):
    return [(r["point"], r["status"], float(r["objective"]) if r["objective"] else None) for r in csv.DictReader(open(f"{folder}/{name}.csv"))]
runs = [rows(name) for name in ("cold", "cold2", "warm1", "warm2")]
reference = runs[0]
def same(x, y):
    return x[0] == y[0] and x[1] == y[1] and (x[2] is None) == (y[2] is None) and (x[2] is None or abs(x[2] - y[2]) <= 1e-6 * max(1, abs(x[2])))
ok = all(len(run) == len(reference) and all(same(x, y) for x, y in zip(reference, run)) for run in runs)
print("yes" if ok else "NO")
PY
)
  python3 -c "print(f'| {int($n):,} | $points | {$cold:.2f} | {$cold2:.2f} | {$warm1:.2f} | {$warm2:.2f} | {$cold/$warm1:.1f}x | {$cold/$cold2:.2f}x | {$warm1/$warm2:.2f}x | $agree |')"
done
