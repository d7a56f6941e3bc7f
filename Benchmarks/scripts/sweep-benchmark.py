#!/usr/bin/env python3
"""A 100-point sweep of a share cap on generated models: warm (changed in place) against cold
(rebuilt per point), and 1 job against 2, over two ranges of the cap: where it never binds (every
point the same plan: the sweep is all overhead) and where it binds (each point re-optimises).

Warm runs are repeated (--reps, interleaved so that a slow spell of the machine hits every
configuration alike) and reported by their median; cold runs, which take seconds, once. The last
columns measure the machine: two 1-job sweeps run at the same time as two processes, against
one alone. Two cores that slow each other down cap any 2-job speed-up below 2x. The points phase
is what `lode sweep --timings` reports: solving the points (first formulation to last row),
without starting the process and reading the model.

    Benchmarks/scripts/sweep-benchmark.py [--sizes 1000 10000] [--reps 7]
Run from the repository's top folder after `swift build -c release --product lode`.
"""
import argparse, csv, re, statistics, subprocess, sys, tempfile, time
from pathlib import Path

LODE = ".build/release/lode"
RANGES = {"not binding": "0.401:0.50:0.001", "binding": "0.04:0.139:0.001"}


def sweep(model, cap_range, out, jobs, cold=False):
    command = [LODE, "sweep", str(model), "--policy", "bench", "--vary",
               f"policies.bench.rules.single-country-cap.max={cap_range}", "--jobs", str(jobs), "--output", str(out)]
    return command + (["--cold"] if cold else ["--timings"])


def timed(commands):
    """Wall time of running `commands` at the same time (each a process), and the points phase
    that a lone `--timings` run reports (solving the points, after reading the model)."""
    start = time.perf_counter()
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in commands]
    errors = [p.communicate()[1] for p in processes]
    if any(p.returncode != 0 for p in processes):
        sys.exit(f"failed: {commands}: {errors}")
    wall = time.perf_counter() - start
    phase = re.search(r"points ([0-9.]+)", errors[0]) if len(commands) == 1 else None
    return wall, float(phase.group(1)) if phase else None


def rows(path):
    with open(path) as handle:
        return [(r["point"], r["status"], float(r["objective"]) if r["objective"] else None) for r in csv.DictReader(handle)]


def agree(paths):
    reference = rows(paths[0])
    def same(x, y):
        return x[0] == y[0] and x[1] == y[1] and (x[2] is None) == (y[2] is None) and (
            x[2] is None or abs(x[2] - y[2]) <= 1e-6 * max(1, abs(x[2])))
    return all(len(rows(p)) == len(reference) and all(same(x, y) for x, y in zip(reference, rows(p))) for p in paths[1:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    print("| suppliers | cap range | points | cold, 1 job s | warm, 1 job s | warm, 2 jobs s | warm vs cold | 2 jobs vs 1 (warm) "
          "| points phase, 1 job / 2 jobs s | 2 jobs vs 1 (points phase) | machine: 2 processes vs 1 | rows agree |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for size in args.sizes:
            folder = work / str(size)
            subprocess.run([sys.executable, "Benchmarks/scripts/generate_models.py", "--suppliers", str(size), "--out", str(folder)],
                           check=True, stdout=subprocess.DEVNULL)
            model = folder / "model.yaml"
            for label, cap_range in RANGES.items():
                out = lambda name: folder / f"{label.replace(' ', '-')}-{name}.csv"
                cold = timed([sweep(model, cap_range, out("cold"), 1, cold=True)])[0]
                configurations = {
                    "warm1": [sweep(model, cap_range, out("warm1"), 1)],
                    "warm2": [sweep(model, cap_range, out("warm2"), 2)],
                    "alone": [sweep(model, cap_range, out("alone"), 1)],
                    "pair": [sweep(model, cap_range, out("pair-a"), 1), sweep(model, cap_range, out("pair-b"), 1)],
                }
                times = {name: [] for name in configurations}
                phases = {name: [] for name in configurations}
                for _ in range(args.reps):
                    for name, commands in configurations.items():
                        wall, phase = timed(commands)
                        times[name].append(wall)
                        if phase is not None:
                            phases[name].append(phase)
                median = {name: statistics.median(values) for name, values in times.items()}
                phase = {name: statistics.median(values) for name, values in phases.items() if values}
                points = len(rows(out("warm1")))
                ok = agree([out("cold"), out("warm1"), out("warm2")])
                print(f"| {size:,} | {label} ({cap_range.replace(':0.001', '')}) | {points} | {cold:.2f} | {median['warm1']:.2f} "
                      f"| {median['warm2']:.2f} | {cold / median['warm1']:.1f}x | {median['warm1'] / median['warm2']:.2f}x "
                      f"| {phase['warm1']:.2f} / {phase['warm2']:.2f} | {phase['warm1'] / phase['warm2']:.2f}x "
                      f"| {median['pair'] / median['alone']:.2f}x slower | {'yes' if ok else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
