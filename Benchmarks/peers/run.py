"""Lode against PuLP (GLPK, CBC), Pyomo (GLPK) and highspy on the same generated models, in one
run, with one table at the end. Started by run.sh (which prepares the virtual environment).

    python run.py [--sizes 40 1000 10000 50000] [--time-limit 600] [--sweep-points 50]
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
LODE = os.path.join(ROOT, ".build", "release", "lode")
PEERS = ["pulp-glpk", "pulp-cbc", "pyomo-glpk", "highspy"]


def timed(command, limit):
    """Runs a command under GNU time and a wall-clock limit: (seconds, peak MB, stdout, timed out)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        start = time.perf_counter()
        # A session of its own, so that a timeout ends the solver processes (glpsol, cbc) too.
        process = subprocess.Popen(["/usr/bin/time", "-f", "%e %M", "-o", stats.name] + command, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, cwd=HERE, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return limit, None, "", True
        elapsed = time.perf_counter() - start
        done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        fields = open(stats.name).read().split()
        peak = int(fields[-1]) / 1024 if fields else None
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-2000:])
        return elapsed, peak, done.stdout, False


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 1000, 10000, 50000])
    parser.add_argument("--time-limit", type=float, default=600)
    parser.add_argument("--sweep-points", type=int, default=50)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="lode-peers-")
    rows = []
    disagreements = []
    for size in args.sizes:
        folder = os.path.join(work, str(size))
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/scripts/generate_models.py"), "--suppliers", str(size), "--out", folder], check=True)
        model = os.path.join(folder, "model.yaml")
        plan = os.path.join(folder, "plan.json")
        seconds, peak, _, late = timed([LODE, "solve", model, "--policy", "bench", "--format", "json", "--output", plan,
                                        "--time-limit", str(args.time_limit)], args.time_limit + 30)
        lode = json.load(open(plan))["objective"] if not late and os.path.exists(plan) else None
        row = {"size": size, "lode": (seconds, peak, lode, late)}
        for peer in PEERS:
            seconds, peak, out, late = timed([sys.executable, "peer.py", peer, "solve", model, "bench", str(args.time_limit)], args.time_limit + 30)
            result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
            objective = result.get("objective")
            row[peer] = (seconds, peak, objective, late)
            if not late and objective is not None and lode is not None and not close(objective, lode):
                disagreements.append(f"{size} suppliers: {peer} {objective} vs lode {lode} ({result.get('status')})")
        rows.append(row)
        print(f"done {size}", file=sys.stderr, flush=True)

    # The sweep: one share cap over 50 points of the 1,000-supplier model.
    folder = os.path.join(work, "sweep")
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/scripts/generate_models.py"), "--suppliers", "1000", "--out", folder], check=True)
    model = os.path.join(folder, "model.yaml")
    step = 0.1 / args.sweep_points
    spec = f"{0.4 + step:.6f}:0.5:{step:.6f}"
    sweep = {}
    lode_objectives = None
    for label, jobs in (("lode, 1 job", "1"), ("lode, 2 jobs", "2")):
        out_csv = os.path.join(folder, f"sweep-{jobs}.csv")
        seconds, peak, _, late = timed([LODE, "sweep", model, "--policy", "bench", "--jobs", jobs,
                                        "--vary", f"policies.bench.rules.single-country-cap.max={spec}", "--output", out_csv], args.time_limit * 2)
        import csv
        objectives = [float(r["objective"]) if r["objective"] else None for r in csv.DictReader(open(out_csv))] if not late else None
        lode_objectives = lode_objectives or objectives
        sweep[label] = (seconds, peak, len(objectives or []), late)
    for peer in PEERS:
        seconds, peak, out, late = timed([sys.executable, "peer.py", peer, "sweep", model, "bench", "single-country-cap", spec], args.time_limit * 2)
        objectives = json.loads(out.strip().splitlines()[-1])["objectives"] if out.strip() else None
        sweep[peer] = (seconds, peak, len(objectives or []), late)
        if objectives and lode_objectives:
            for k, (a, b) in enumerate(zip(objectives, lode_objectives)):
                if (a is None) != (b is None) or (a is not None and not close(a, b)):
                    disagreements.append(f"sweep point {k}: {peer} {a} vs lode {b}")

    def cell(entry):
        seconds, peak, _, late = entry
        return f"> {seconds:.0f} s (limit)" if late else f"{seconds:.2f} s / {peak:.0f} MB"

    def ratio(peer_entry, lode_entry):
        if lode_entry[3]:
            return "-"
        if peer_entry[3]:
            return f"> {peer_entry[0] / lode_entry[0]:.1f}x"
        return f"{peer_entry[0] / lode_entry[0]:.1f}x"

    print("| suppliers | lode | " + " | ".join(PEERS) + " | " + " | ".join(f"{p} / lode" for p in PEERS) + " |")
    print("|---" * (2 + 2 * len(PEERS)) + "|")
    for row in rows:
        print(f"| {row['size']:,} | {cell(row['lode'])} | " + " | ".join(cell(row[p]) for p in PEERS) + " | "
              + " | ".join(ratio(row[p], row["lode"]) for p in PEERS) + " |")
    print()
    print(f"| {args.sweep_points}-point sweep, 1,000 suppliers | time / peak memory | points | vs lode (1 job) |")
    print("|---|---|---|---|")
    for label, entry in sweep.items():
        print(f"| {label} | {cell(entry)} | {entry[2]} | {ratio(entry, sweep['lode, 1 job'])} |")
    print()
    print("objectives agree (relative 1e-6) on every run: " + ("yes" if not disagreements else "NO"))
    for line in disagreements:
        print(f"- {line}")


if __name__ == "__main__":
    main()
