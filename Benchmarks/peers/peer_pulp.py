"""The benchmark formulation in PuLP, solved by GLPK (glpsol) or CBC, as a PuLP user writes it."""
import time

import pulp

import sourcing_data


def build(data, share_override=None):
    problem = pulp.LpProblem("sourcing", pulp.LpMinimize)
    s = data.suppliers
    x = {i: pulp.LpVariable(f"x_{i}", 0, s[i].capacity) for i in range(len(s))}
    surge = sourcing_data.has_survive(data)
    r = {i: pulp.LpVariable(f"r_{i}", 0, s[i].surge) for i in range(len(s)) if surge and s[i].surge > 0}
    problem += pulp.lpSum(s[i].cost * x[i] for i in x) + pulp.lpSum(s[i].surge_fee * r[i] for i in r)
    for cid, demand, stages in data.commodities:
        for up, down in zip(stages, stages[1:]):
            problem += (pulp.lpSum(x[i] for i in data.scope(cid, up).suppliers)
                        == pulp.lpSum(s[j].input_ratio * x[j] for j in data.scope(cid, down).suppliers))
        problem += pulp.lpSum(x[i] for i in data.scope(cid, stages[-1]).suppliers) == demand
    for n, row in enumerate(sourcing_data.expand(data, share_override)):
        kind, scope = row[0], row[1]
        total = pulp.lpSum(x[i] for i in scope.suppliers)
        if kind == "share":
            _, _, picked, bound, sense, _ = row
            lhs = pulp.lpSum(x[i] for i in picked)
            problem += (lhs <= bound * total) if sense == "max" else (lhs >= bound * total)
        elif kind == "average":
            _, _, score, bound = row
            problem += pulp.lpSum(getattr(s[i], score) * x[i] for i in scope.suppliers) >= bound * total
        elif kind == "hhi":
            _, _, members, cap = row
            k = data.segments
            v = [pulp.LpVariable(f"v_{n}_{m}", 0) for m in range(len(members))]
            for m, member in enumerate(members):
                volume = pulp.lpSum(x[i] for i in member)
                for j in range(k):
                    low, high = j / k, (j + 1) / k
                    problem += v[m] >= (low + high) * volume - low * high * total
            problem += pulp.lpSum(v) <= cap / 10000 * total
        elif kind == "survive":
            _, _, members, coverage = row
            for member in members:
                lost = set(member)
                problem += (pulp.lpSum(x[i] for i in scope.suppliers if i not in lost)
                            + pulp.lpSum(r[i] for i in scope.suppliers if i not in lost and i in r)) >= coverage * total
    return problem


def solver(name):
    return pulp.GLPK_CMD(msg=False) if name == "glpk" else pulp.PULP_CBC_CMD(msg=False)


def run(path, policy, solver_name, time_limit):
    start = time.perf_counter()
    data = sourcing_data.load(path, policy)
    read = time.perf_counter()
    problem = build(data)
    built = time.perf_counter()
    chosen = pulp.GLPK_CMD(msg=False, timeLimit=int(time_limit)) if solver_name == "glpk" else pulp.PULP_CBC_CMD(msg=False, timeLimit=int(time_limit))
    problem.solve(chosen)
    done = time.perf_counter()
    return dict(read=read - start, build=built - read, solve=done - built, status=pulp.LpStatus[problem.status],
                objective=pulp.value(problem.objective))


def sweep(path, policy, solver_name, rule_id, values):
    """PuLP has no warm start: a PuLP user rebuilds (or edits) the problem and solves it again."""
    data = sourcing_data.load(path, policy)
    objectives = []
    for value in values:
        problem = build(data, (rule_id, value))
        problem.solve(solver(solver_name))
        objectives.append(pulp.value(problem.objective) if problem.status == 1 else None)
    return objectives
