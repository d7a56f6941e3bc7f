"""One peer run, printed as a JSON line:
    python peer.py TOOL solve MODEL POLICY TIME_LIMIT
    python peer.py TOOL sweep MODEL POLICY RULE FROM:TO:STEP
TOOL is pulp-glpk, pulp-cbc, pyomo-glpk or highspy."""
import json
import resource
import sys
import time


def values(spec):
    start, stop, step = (float(part) for part in spec.split(":"))
    count = int(round((stop - start) / step)) + 1
    return [round(start + k * step, 12) for k in range(count)]


def main():
    tool, command, path, policy = sys.argv[1:5]
    begin = time.perf_counter()
    if tool.startswith("pulp"):
        import peer_pulp as peer
        solver = tool.split("-")[1]
        result = (peer.run(path, policy, solver, float(sys.argv[5])) if command == "solve"
                  else dict(objectives=peer.sweep(path, policy, solver, sys.argv[5], values(sys.argv[6]))))
    elif tool == "pyomo-glpk":
        import peer_pyomo as peer
        result = peer.run(path, policy, float(sys.argv[5])) if command == "solve" else dict(objectives=peer.sweep(path, policy, sys.argv[5], values(sys.argv[6])))
    elif tool == "highspy":
        import peer_highspy as peer
        result = peer.run(path, policy, float(sys.argv[5])) if command == "solve" else dict(objectives=peer.sweep(path, policy, sys.argv[5], values(sys.argv[6])))
    else:
        raise SystemExit(f"unknown tool {tool}")
    result["total"] = time.perf_counter() - begin
    # Peak memory of this process and of the solver processes it ran (glpsol, cbc).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_mb"] = max(own, children) / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
