#!/usr/bin/env python3
"""A process-level fuzzer over lode's command line: runs the built binary with mutated command lines
and flags every crash (a signal, or an exit code other than 0-5), hang, or Swift "Fatal error".

    python3 Fuzz/cli_fuzz.py [--lode .build/debug/lode] [--duration 300] [--timeout 30] [--seed N]

Every command and option is exercised with good values and with random and boundary values (NaN,
1e308, 5e-324, -1, 0, empty, huge lists, unknown names, paths that are folders, a file behind
/dev/full, standard output on /dev/full). Each finding is saved once per signature under --out
(default .build-fuzz/cli-findings/) as a reproducer: `NAME.sh` (a shell script that recreates
the run's folder and runs the command line) and `NAME.txt` (the command line, the exit and the
first lines of standard error). The exit code is 1 when something was found, else 0.

Safety: every run happens in a fresh folder of its own, on copies of the models; every output
path given to lode lies inside that folder (today `export --output FOLDER` deletes the folder,
and an output path on a device would replace the device), and each run is limited to 2 GB of
memory and killed, with its children, at the timeout.
"""
import argparse
import os
import pathlib
import random
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OK_EXITS = {0, 1, 2, 3, 4, 5}

# Models the runs use (copied into the session folder): small ones, so that a run is quick.
MODELS = ["docs/examples/constructs.yaml", "docs/examples/routes-and-min-orders.yaml",
          "models/cobalt/model.yaml", "models/rare-earths/model.yaml"]
POLICIES = ["baseline", "share-cap", "hhi", "count-min", "survive-each", "diversified", "crma-65",
            "friend-shoring", "impossible", "strict-esg", "resilient"]
SET_PATHS = ["commodities.cobalt.demand", "suppliers.cod-kamoto.cost", "suppliers.cod-kamoto.capacity",
             "policies.share-cap.rules.cn-cap.max", "policies.hhi.rules.hhi-cap.max", "settings.hhi_segments",
             "settings.time_limit", "policies.weights.weights.carbon", "policies.diversified.rules.#2.max",
             "routes.a>b.cost", "nope.nope", "", ".", "commodities..demand", "policies.baseline.rules.#1.max"]
NUMBERS = ["0", "1", "-1", "2", "10", "0.5", "1e308", "1e309", "-1e308", "5e-324", "1e-300", "NaN", "nan",
           "inf", "-inf", "Infinity", "1e16", "9.3e18", "9223372036854775807", "9223372036854775808",
           "18446744073709551616", "2147483648", "-0", "0x32", "0x1p-1", "1_000", "1e1_0", "", " ", "1,5",
           "abc", "+3", ".5", "5.", "1e", "١٢", "100000000", "1000000"]
NAMES = ["", " ", ",", ",,", "nope", "baseline,nope", "all", "each-country", "each-country,nope", "CHN", "é",
         "\u202e", "-p", "--help", "a" * 5000, ",".join(["x"] * 10000), "\t", "\x01", "$HOME", "../x"]
FORMATS = ["table", "json", "csv", "jsonl", "lp", "mps", "", "JSON", "html", "nope"]
OUTPUT_NAMES = ["out.txt", "", ".", "folder", "folder/", "missing/out.txt", "file/out.txt", "full",
                "out.txt", "a" * 300, "./out.lp", "folder/out.html"]

# Each command's options: option -> a function giving a value (or None for a flag).
COMMON = {"--set": "set"}
COMMANDS = {
    "check": {},
    "solve": {"--policy": "policy", "-p": "policy", "--format": "format", "-f": "format", "--output": "output",
              "-o": "output", "--time-limit": "number", "--timings": None},
    "compare": {"--policies": "policies", "--jobs": "number", "--format": "format", "--output": "output"},
    "explain": {"--policy": "policy", "--format": "format", "--output": "output"},
    "stress": {"--policy": "policy", "--scenarios": "scenarios", "--format": "format", "--output": "output"},
    "frontier": {"--policy": "policy", "--versus": "versus", "--points": "number", "--format": "format",
                 "--output": "output"},
    "sweep": {"--policy": "policy", "--vary": "vary", "--samples": "number", "--seed": "number",
              "--jobs": "number", "--shard": "shard", "--format": "format", "--output": "output",
              "--cold": None, "--timings": None},
    "report": {"--policies": "policies", "--sweep": "table", "--frontier": "table", "--jobs": "number",
               "--output": "output"},
    "export": {"--policy": "policy", "--format": "format", "--output": "output"},
}


class Generator:
    def __init__(self, rng, session):
        self.rng = rng
        self.session = session

    def chance(self, p):
        return self.rng.random() < p

    def number(self):
        if self.chance(0.5):
            return self.rng.choice(["1", "2", "3", "10", "0.5", "60"])
        return self.rng.choice(NUMBERS)

    def good(self, kind, command):
        """A value the command accepts (or at least parses), so that runs get past the parser."""
        r = self.rng
        if kind == "format":
            return r.choice({"sweep": ["csv", "jsonl"], "export": ["lp", "mps"]}.get(command, ["table", "json", "csv"]))
        if kind == "number":
            return r.choice(["1", "2", "3", "5"])
        if kind == "set":
            return r.choice(["commodities.cobalt.demand=900", "suppliers.cod-kamoto.cost=30000",
                             "settings.hhi_segments=40", "settings.time_limit=5",
                             "policies.share-cap.rules.cn-cap.max=0.3"])
        if kind == "vary":
            return r.choice(["commodities.cobalt.demand=900:1100:100", "commodities.cobalt.demand=900,1000",
                             "suppliers.cod-kamoto.cost=20000:30000:5000", "settings.hhi_segments=10,20"])
        if kind == "shard":
            return r.choice(["0/2", "1/2", "0/1"])
        if kind == "versus":
            return r.choice(["carbon", "hhi", "share:CHN"])
        return self.value(kind)

    def value(self, kind, command=None):
        r = self.rng
        if command is not None and self.chance(0.8):
            return self.good(kind, command)
        if kind == "policy":
            return r.choice(POLICIES) if self.chance(0.7) else r.choice(NAMES)
        if kind == "policies":
            if self.chance(0.5):
                return ",".join(r.sample(POLICIES, r.randint(1, 3)))
            return r.choice(NAMES + [",".join(POLICIES * 200)])
        if kind == "format":
            return r.choice(FORMATS)
        if kind == "output":
            return r.choice(OUTPUT_NAMES)
        if kind == "number":
            return self.number()
        if kind == "scenarios":
            return r.choice(["all", "each-country", "cn-export-ban", "cn-export-ban,congo-unrest"] + NAMES)
        if kind == "versus":
            return r.choice(["carbon", "hhi", "share:CHN", "share:", "share:NOPE", "cost", "share:CHN:x"] + NAMES)
        if kind == "shard":
            return r.choice(["0/2", "1/2", "2/2", "-1/2", "0/0", "1/0", "0/1e308", "x/y", "1", "/", ""]
                            + [f"{self.number()}/{self.number()}"])
        if kind == "set":
            path = r.choice(SET_PATHS) if self.chance(0.8) else r.choice(NAMES)
            return r.choice([f"{path}={self.number()}", path, f"={self.number()}", f"{path}=={self.number()}"])
        if kind == "vary":
            path = r.choice(SET_PATHS) if self.chance(0.8) else r.choice(NAMES)
            shape = r.randrange(5)
            if shape == 0:
                return f"{path}={self.number()}:{self.number()}:{self.number()}"
            if shape == 1:
                return f"{path}=" + ",".join(self.number() for _ in range(r.randint(1, 4)))
            if shape == 2:
                return f"{path}=" + ",".join(["1"] * r.choice([1000, 50000]))
            if shape == 3:
                return f"{path}=1000:{r.choice(['1e308', '2000', '1000'])}:{r.choice(['1e-300', '5e-324', '1'])}"
            return r.choice([path, f"{path}=", f"{path}=1:2", f"{path}=1:2:3:4", f"{path}=::"])
        if kind == "table":
            return r.choice(["sweep.csv", "sweep.jsonl", "frontier.csv", "frontier.json", "folder", "",
                             "garbage.csv", "empty.csv", "missing.csv", "full"])
        raise ValueError(kind)

    def command_line(self):
        r = self.rng
        if self.chance(0.03):
            return r.choice([[], ["--version"], ["--help"], ["nope"], ["help", "sweep"], ["-x"]])
        command = r.choice(list(COMMANDS))
        args = [command]
        model = r.choice(self.session["models"]) if self.chance(0.9) else r.choice(
            ["folder", "", "missing.yaml", "/dev/null", "garbage.csv", "empty.csv", self.session["bad_model"]])
        options = dict(COMMANDS[command], **COMMON)
        chosen = [o for o in options if self.chance(0.3)]
        for needed, option in (("sweep", "--vary"), ("export", "--output"), ("report", "--output")):
            if command == needed and option not in chosen and self.chance(0.9):
                chosen.append(option)
        parts = []
        for option in chosen:
            kind = options[option]
            for _ in range(r.choice([1, 1, 1, 2, 3]) if option in ("--set", "--vary") else 1):
                if kind is None:
                    parts.append([option])
                elif self.chance(0.5):
                    parts.append([f"{option}={self.value(kind, command)}"])
                else:
                    parts.append([option, self.value(kind, command)])
        if self.chance(0.03):
            parts.append([r.choice(["--nope", "-z", "--", "--policy", "--set", "extra-argument"])])
        r.shuffle(parts)
        position = r.randint(0, len(parts))
        parts.insert(position, [model] if not self.chance(0.03) else [])
        for part in parts:
            args += part
        if self.chance(0.02):  # a huge command line
            args += ["--set", "settings.time_limit=5"] * 5000
        return args


def make_session(folder):
    """Copies the models and writes the auxiliary files every run folder starts from."""
    models = []
    for relative in MODELS:
        source = ROOT / relative
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        for csv in source.parent.glob("*.csv"):
            shutil.copy(csv, target.parent / csv.name)
        models.append(relative)
    shutil.copy(ROOT / "models" / "countries.csv", folder / "models" / "countries.csv")
    (folder / "bad.yaml").write_text("name: bad\ncommodities:\n  - { id: m, demand: -1 }\npolicies: {}\n")
    (folder / "garbage.csv").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.csv").write_text("")
    return {"models": models, "bad_model": "bad.yaml"}


def prepare_run(session_folder, run_folder, lode):
    """A fresh copy of the session folder plus the paths outputs may hit."""
    shutil.copytree(session_folder, run_folder, symlinks=True)
    (run_folder / "folder").mkdir()
    (run_folder / "folder" / "keep.txt").write_text("must survive\n")
    (run_folder / "file").write_text("a file, not a folder\n")
    (run_folder / "out.txt").write_text("an old output\n")
    os.symlink("/dev/full", run_folder / "full")


def limit_child():
    os.setsid()
    two_gb = 2 * 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (two_gb, two_gb))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_once(lode, args, run_folder, stdout_full, timeout):
    out = open("/dev/full", "wb") if stdout_full else subprocess.PIPE
    started = time.monotonic()
    try:
        process = subprocess.Popen([lode] + args, cwd=run_folder, stdout=out, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, preexec_fn=limit_child)
    except OSError as error:  # E2BIG: a command line the system refuses; nothing ran
        if stdout_full:
            out.close()
        return 0, f"not run: {error}", False, 0.0
    try:
        _, stderr = process.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        hung = True
    if stdout_full:
        out.close()
    return process.returncode, stderr.decode("utf-8", "replace"), hung, time.monotonic() - started


def classify(code, stderr, hung):
    """A finding's kind and signature, or None."""
    fatal = next((line for line in stderr.splitlines() if "Fatal error" in line), None)
    if hung:
        return "hang", "hang"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        where = fatal.split(": Fatal error")[0] if fatal else ""
        return "crash", f"signal {name} {where}"
    if fatal:
        return "crash", "fatal " + fatal.split(": Fatal error")[0]
    if code not in OK_EXITS:
        return "exit", f"exit {code}"
    return None


def save(out_folder, name, args, stdout_full, code, stderr, kind, signature, elapsed):
    script = ["#!/bin/sh", "# Reproduces a finding of Fuzz/cli_fuzz.py: run from the package's top folder.",
              "# It builds the run's folder in a temporary directory and runs the command line there.",
              "set -u", 'lode="${LODE:-$PWD/.build/debug/lode}"', 'root="$PWD"', 'run="$(mktemp -d)"',
              'cd "$run"']
    for model in MODELS:
        script.append(f'mkdir -p "$(dirname {model})" && cp "$root/{model}" "$root/$(dirname {model})"/*.csv '
                      f'"$(dirname {model})/" 2>/dev/null')
    script += ['cp "$root/models/countries.csv" models/',
               "printf 'name: bad\\ncommodities:\\n  - { id: m, demand: -1 }\\npolicies: {}\\n' > bad.yaml",
               "python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)' > garbage.csv",
               ": > empty.csv", "mkdir folder && echo 'must survive' > folder/keep.txt",
               "echo 'a file, not a folder' > file", "echo 'an old output' > out.txt", "ln -s /dev/full full",
               'printf "run in %s\\n" "$run" >&2',
               '"$lode" ' + " ".join(shlex.quote(a) for a in args) + (" > /dev/full" if stdout_full else ""),
               'echo "exit code $?" >&2']
    (out_folder / f"{name}.sh").write_text("\n".join(script) + "\n")
    os.chmod(out_folder / f"{name}.sh", 0o755)
    shown = " ".join(shlex.quote(a) for a in args)
    (out_folder / f"{name}.txt").write_text(
        f"kind: {kind}\nsignature: {signature}\nexit: {code}\nseconds: {elapsed:.1f}\n"
        f"stdout: {'/dev/full' if stdout_full else 'a pipe'}\ncommand: lode {shown[:2000]}\n"
        f"stderr (first lines):\n" + "\n".join(stderr.splitlines()[:12]) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lode", default=None, help="the binary (default: .build/release/lode, else debug)")
    parser.add_argument("--duration", type=float, default=300, help="seconds to run (default 300)")
    parser.add_argument("--runs", type=int, default=0, help="stop after this many runs (default: no limit)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a run counts as a hang")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", default=str(ROOT / ".build-fuzz" / "cli-findings"))
    args = parser.parse_args()
    lode = args.lode or next((str(p) for p in [ROOT / ".build/release/lode", ROOT / ".build/debug/lode"]
                              if p.exists()), None)
    if not lode or not os.path.exists(lode):
        sys.exit("no lode binary: run `swift build` first, or give --lode")
    lode = os.path.abspath(lode)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    out_folder = pathlib.Path(args.out)
    out_folder.mkdir(parents=True, exist_ok=True)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="lode-cli-fuzz-"))
    session_folder = scratch / "session"
    session_folder.mkdir()
    session = make_session(session_folder)
    generator = Generator(rng, session)
    # Auxiliary tables for report --sweep/--frontier, made by the binary itself.
    subprocess.run([lode, "sweep", session["models"][0], "--vary", "commodities.cobalt.demand=900,1000", "-o",
                    str(session_folder / "sweep.csv")], capture_output=True, timeout=120)
    subprocess.run([lode, "sweep", session["models"][0], "--vary", "commodities.cobalt.demand=900,1000", "-f",
                    "jsonl", "-o", str(session_folder / "sweep.jsonl")], capture_output=True, timeout=120)
    subprocess.run([lode, "frontier", session["models"][0], "--versus", "carbon", "--points", "3", "-f", "csv",
                    "-o", str(session_folder / "frontier.csv")], capture_output=True, timeout=120)
    subprocess.run([lode, "frontier", session["models"][0], "--versus", "carbon", "--points", "3", "-f", "json",
                    "-o", str(session_folder / "frontier.json")], capture_output=True, timeout=120)
    print(f"lode CLI fuzzer: seed {seed}, binary {lode}, findings in {out_folder}", flush=True)
    signatures = {}
    runs = 0
    exits = {}
    deadline = time.monotonic() + args.duration
    try:
        while time.monotonic() < deadline and (args.runs == 0 or runs < args.runs):
            command = generator.command_line()
            stdout_full = generator.chance(0.08)
            run_folder = scratch / f"run-{runs}"
            prepare_run(session_folder, run_folder, lode)
            code, stderr, hung, elapsed = run_once(lode, command, run_folder, stdout_full, args.timeout)
            runs += 1
            exits[code] = exits.get(code, 0) + 1
            finding = classify(code, stderr, hung)
            if not (run_folder / "folder" / "keep.txt").exists():
                finding = ("data-loss", "a folder given as output was deleted or changed")
            shutil.rmtree(run_folder, ignore_errors=True)
            if finding:
                kind, signature = finding
                key = (kind, signature, command[0] if command else "")
                signatures[key] = signatures.get(key, 0) + 1
                if signatures[key] == 1:
                    name = f"{kind}-{len(signatures):03}"
                    save(out_folder, name, command, stdout_full, code, stderr, kind, signature, elapsed)
                    print(f"[{runs}] NEW {kind}: {signature} ({name}): lode {shlex.join(command)[:300]}",
                          flush=True)
            if runs % 100 == 0:
                print(f"[{runs}] runs, {len(signatures)} distinct findings, exits {dict(sorted(exits.items()))}",
                      flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"done: {runs} runs (seed {seed}), exit codes {dict(sorted(exits.items()))}")
    for (kind, signature, command), count in sorted(signatures.items()):
        print(f"  {kind:9} {command:8} x{count:<4} {signature}")
    sys.exit(1 if signatures else 0)


if __name__ == "__main__":
    main()
