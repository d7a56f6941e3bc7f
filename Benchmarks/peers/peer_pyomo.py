"""The benchmark formulation in Pyomo, solved by GLPK, as a Pyomo user writes it: indexed
variables, constraint lists, a mutable parameter for the swept share cap."""
import time

import pyomo.environ as pyo

import sourcing_data


def build(data, sweep_rule=None):
    s = data.suppliers
    model = pyo.ConcreteModel()
    model.S = pyo.RangeSet(0, len(s) - 1)
    model.x = pyo.Var(model.S, bounds=lambda m, i: (0, s[i].capacity))
    surge = sourcing_data.has_survive(data)
    surging = [i for i in range(len(s)) if surge and s[i].surge > 0]
    model.R = pyo.Set(initialize=surging)
    model.r = pyo.Var(model.R, bounds=lambda m, i: (0, s[i].surge))
    model.alpha = pyo.Param(mutable=True, initialize=0.0)
    model.cost = pyo.Objective(expr=sum(s[i].cost * model.x[i] for i in model.S) + sum(s[i].surge_fee * model.r[i] for i in model.R))
    model.rows = pyo.ConstraintList()
    for cid, demand, stages in data.commodities:
        for up, down in zip(stages, stages[1:]):
            model.rows.add(sum(model.x[i] for i in data.scope(cid, up).suppliers)
                           == sum(s[j].input_ratio * model.x[j] for j in data.scope(cid, down).suppliers))
        model.rows.add(sum(model.x[i] for i in data.scope(cid, stages[-1]).suppliers) == demand)
    rows = sourcing_data.expand(data)
    model.v = pyo.Var(pyo.Any, dense=False, within=pyo.NonNegativeReals)
    for n, row in enumerate(rows):
        kind, scope = row[0], row[1]
        total = sum(model.x[i] for i in scope.suppliers)
        if kind == "share":
            _, _, picked, bound, sense, rid = row
            lhs = sum(model.x[i] for i in picked)
            limit = model.alpha if (sweep_rule is not None and rid == sweep_rule and sense == "max") else bound
            model.rows.add(lhs <= limit * total if sense == "max" else lhs >= limit * total)
        elif kind == "average":
            _, _, score, bound = row
            model.rows.add(sum(getattr(s[i], score) * model.x[i] for i in scope.suppliers) >= bound * total)
        elif kind == "hhi":
            _, _, members, cap = row
            k = data.segments
            for m, member in enumerate(members):
                volume = sum(model.x[i] for i in member)
                for j in range(k):
                    low, high = j / k, (j + 1) / k
                    model.rows.add(model.v[n, m] >= (low + high) * volume - low * high * total)
            model.rows.add(sum(model.v[n, m] for m in range(len(members))) <= cap / 10000 * total)
        elif kind == "survive":
            _, _, members, coverage = row
            for member in members:
                lost = set(member)
                model.rows.add(sum(model.x[i] for i in scope.suppliers if i not in lost)
                               + sum(model.r[i] for i in scope.suppliers if i not in lost and i in model.R) >= coverage * total)
    return model


def run(path, policy, time_limit):
    start = time.perf_counter()
    data = sourcing_data.load(path, policy)
    read = time.perf_counter()
    model = build(data)
    built = time.perf_counter()
    result = pyo.SolverFactory("glpk").solve(model, timelimit=int(time_limit))
    done = time.perf_counter()
    return dict(read=read - start, build=built - read, solve=done - built, status=str(result.solver.termination_condition),
                objective=pyo.value(model.cost))


def sweep(path, policy, rule_id, values):
    """Pyomo's natural loop: change the mutable parameter, solve again (GLPK starts cold)."""
    data = sourcing_data.load(path, policy)
    model = build(data, sweep_rule=rule_id)
    solver = pyo.SolverFactory("glpk")
    objectives = []
    for value in values:
        model.alpha.set_value(value)
        result = solver.solve(model)
        ok = result.solver.termination_condition == pyo.TerminationCondition.optimal
        objectives.append(pyo.value(model.cost) if ok else None)
    return objectives
