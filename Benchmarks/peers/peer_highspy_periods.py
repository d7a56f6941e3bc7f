"""The multi-period sourcing program of MODEL.md section 6, built directly in HiGHS through highspy
from bulk arrays (one addVars and one addRows call), solved, and reported as one JSON line like
peer.py's (read, build, solve and total seconds, status, objective, peak memory):

    python peer_highspy_periods.py MODEL [--policy bench] [--time-limit 600] [--detail]

It reads a Lode model file the way a peer tool's user would: periods and discount_rate, period maps
(inline and `2026:0;2030:500` CSV cells) for demand, capacity, cost, weights, tariff rates and rule
bounds, candidate projects (capex, fixed_cost, earliest, build: continuous|binary), stockpiles
(initial, capacity, holding_cost, min, min_cover, final), and the rules share (by volume or value),
hhi (country), average, total carbon (per period or pooled over `period:` a list or all), tariff,
exclude, screen and survive (each country, or named scenarios). Anything else raises, so the peer
never silently solves a different program. A model without `periods` is one period.

The program is section 6's; its auxiliary columns are chosen for a small matrix (the same optimum):
per scope and period a stage-total column T, per country a total column X_k (share, hhi and survive
rows use X_k, so each supplier sits in one row per rule), and survive rows in the form
(1 - gamma) T + R - sum l_i (x_i + r_i) + stock >= 0 with R the scope's reserved surge.
--detail adds per-period costs, projects built, stock levels and carbon to the JSON.
"""
import argparse
import csv
import json
import os
import resource
import time

import highspy
import numpy as np
import yaml

SUPPORTED_RULES = ("share", "hhi", "average", "total", "tariff", "exclude", "screen", "survive")


# ---- reading ---------------------------------------------------------------------------------------

def _table(folder, value):
    if isinstance(value, str):
        with open(os.path.join(folder, value), newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    return value or []


def _number(value, default=None):
    return default if value in (None, "") else float(value)


def _parse_map(value):
    """A period map as {label: value} from YAML (a mapping) or a CSV cell (`2026:0;2030:500`); None
    for a plain number."""
    if isinstance(value, dict):
        return {int(key): float(item) for key, item in value.items()}
    if isinstance(value, str) and ":" in value:
        pairs = [part.split(":") for part in value.split(";") if part.strip()]
        return {int(key): float(item) for key, item in pairs}
    return None


def per_period(value, periods, bound=False, default=None):
    """The value in each period: a number stands for every period; a map is a step function, each
    value holding from its label until the next. For data the first period must be listed; for a
    bound, periods before its first key have none (None)."""
    if value in (None, ""):
        return [default] * len(periods)
    steps = _parse_map(value)
    if steps is None:
        return [float(value)] * len(periods)
    unknown = [key for key in steps if key not in periods]
    if unknown:
        raise ValueError(f"period map key {unknown[0]} is not a listed period")
    if not bound and periods[0] not in steps:
        raise ValueError(f"a data period map must list the first period {periods[0]}: {value}")
    result, current = [], None
    for label in periods:
        current = steps.get(label, current)
        result.append(current)
    return result


def _names(value):
    return value if isinstance(value, list) else [value]


class Model:
    def __init__(self, path, policy):
        folder = os.path.dirname(os.path.abspath(path))
        with open(path, encoding="utf-8") as handle:
            # BaseLoader keeps every scalar a string (ids such as NO stay "NO").
            raw = yaml.load(handle, Loader=yaml.BaseLoader)
        if raw.get("routes"):
            raise ValueError("the peer implements pooled flows only (no routes)")
        self.periods = [int(label) for label in raw["periods"]] if raw.get("periods") else [0]
        n = len(self.periods)
        rate = float(raw.get("discount_rate", 0)) if raw.get("periods") else 0.0
        self.delta = [(1 + rate) ** -(label - self.periods[0]) for label in self.periods]
        self.commodities = []
        for c in raw["commodities"]:
            self.commodities.append(dict(id=c["id"], demand=per_period(c["demand"], self.periods),
                                         stages=c.get("stages", ["supply"]),
                                         penalty=_number(c.get("shortfall_penalty"))))
        self.groups = {}
        for row in _table(folder, raw.get("countries")):
            value = row.get("groups") or []
            self.groups[row["id"]] = [g for g in value.split(";") if g] if isinstance(value, str) else value
        self.suppliers = []
        for row in _table(folder, raw["suppliers"]):
            if _number(row.get("min_order"), 0.0) > 0:
                raise ValueError("the peer does not implement min_order")
            capex = _number(row.get("capex"), 0.0)
            flags = row.get("flags") or []
            self.suppliers.append(dict(
                id=row["id"], commodity=row["commodity"], stage=row.get("stage") or "supply", country=row["country"],
                capacity=per_period(row["capacity"], self.periods), cost=per_period(row["cost"], self.periods),
                ratio=_number(row.get("input_ratio"), 1.0), carbon=_number(row.get("carbon"), 0.0),
                labor=_number(row.get("labor")), sustainability=_number(row.get("sustainability")),
                flags=[f for f in flags.split(";") if f] if isinstance(flags, str) else flags,
                surge=_number(row.get("surge"), 0.0), fee=_number(row.get("surge_fee"), 0.0), capex=capex,
                fixed=_number(row.get("fixed_cost"), 0.0),
                earliest=self.periods.index(int(row["earliest"])) if row.get("earliest") else 0,
                binary=(row.get("build") or "continuous") == "binary"))
        self.scenarios = {s["id"]: s for s in raw.get("scenarios") or []}
        self.stockpiles = []
        for s in raw.get("stockpiles") or []:
            initial = _number(s.get("initial"), 0.0)
            self.stockpiles.append(dict(
                id=s["id"], commodity=s["commodity"], initial=initial, capacity=_number(s.get("capacity"), np.inf),
                holding=_number(s.get("holding_cost"), 0.0), min=per_period(s.get("min"), self.periods, bound=True),
                cover=_number(s.get("min_cover"), 0.0), final=_number(s.get("final"), initial)))
        policies = raw.get("policies") or {"baseline": {}}
        self.weights, self.rules = {}, []
        chain, name = [], policy
        while name:
            definition = policies[name] or {}
            chain.append(definition)
            name = definition.get("extends")
        for definition in reversed(chain):  # the parent's weights and rules first
            self.weights.update(definition.get("weights") or {})
            self.rules += definition.get("rules") or []
        for rule in self.rules:
            if not any(key in rule for key in SUPPORTED_RULES):
                raise ValueError(f"the peer does not implement the rule {rule}")
        self.weights = {key: per_period(value, self.periods) for key, value in self.weights.items()}
        self.segments = int((raw.get("settings") or {}).get("hhi_segments", 20))
        self.n = n

    def present(self, i, t):
        s = self.suppliers[i]
        return s["capacity"][t] > 0 and t >= (s["earliest"] if s["capex"] > 0 else 0)

    def picks(self, selector, i):
        """Whether supplier i is in the set a one-key selector names."""
        (key, value), = selector.items()
        s, names = self.suppliers[i], _names(value)
        if key == "supplier":
            return s["id"] in names
        if key == "country":
            return s["country"] in names
        if key == "group":
            return any(g in self.groups.get(s["country"], []) for g in names)
        if key == "flag":
            return any(f in s["flags"] for f in names)
        raise ValueError(f"unsupported selector {selector}")


# ---- the program ------------------------------------------------------------------------------------

class Program:
    """Columns and rows as flat arrays, loaded into HiGHS at once."""

    def __init__(self):
        self.lb, self.ub, self.cost, self.integer = [], [], [], []
        self.row_lo, self.row_hi = [], []
        self.r, self.c, self.v = [], [], []

    def column(self, lb, ub, cost=0.0, integer=False):
        self.lb.append(lb)
        self.ub.append(ub)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lb) - 1

    def row(self, lo, hi, columns, values):
        index = len(self.row_lo)
        self.row_lo.append(lo)
        self.row_hi.append(hi)
        self.r.extend([index] * len(columns))
        self.c.extend(columns)
        self.v.extend(values)
        return index

    def load(self, h):
        inf = highspy.kHighsInf
        ncol, nrow = len(self.lb), len(self.row_lo)
        clip = lambda values: np.clip(np.array(values, dtype=float), -inf, inf)
        h.addVars(ncol, clip(self.lb), clip(self.ub))
        h.changeColsCost(ncol, np.arange(ncol, dtype=np.int32), np.array(self.cost, dtype=float))
        integers = np.flatnonzero(np.array(self.integer))
        if len(integers):
            h.changeColsIntegrality(len(integers), integers.astype(np.int32),
                                    np.array([highspy.HighsVarType.kInteger] * len(integers)))
        r = np.array(self.r, dtype=np.int64)
        order = np.argsort(r, kind="stable")
        starts = np.searchsorted(r[order], np.arange(nrow)).astype(np.int32)
        h.addRows(nrow, clip(self.row_lo), clip(self.row_hi), len(order), starts,
                  np.array(self.c, dtype=np.int32)[order], np.array(self.v, dtype=float)[order])
        return nrow, ncol, len(order)


def build(m):
    p, inf, n, S = Program(), np.inf, m.n, m.suppliers
    excluded = set()
    for rule in m.rules:
        if "exclude" in rule:
            excluded |= {i for i in range(len(S)) if m.picks(rule["exclude"], i)}
        if "screen" in rule:
            (score, floor), = rule["screen"].items()
            excluded |= {i for i in range(len(S)) if S[i][score] is not None and S[i][score] < float(floor)}
    tariff = [[0.0] * n for _ in S]
    for rule in m.rules:
        if "tariff" in rule:
            rates = per_period(rule["rate"], m.periods)
            for i in range(len(S)):
                if m.picks(rule["tariff"], i):
                    for t in range(n):
                        tariff[i][t] += rates[t] or 0.0
    surge_on = any("survive" in rule for rule in m.rules)
    weight = lambda key, t: (m.weights.get(key) or [0.0] * n)[t]
    offset = 0.0

    # Projects: b_{i,tau} from earliest on, sum_tau b <= 1; the column pays capex when built and
    # the fixed costs of every period from then on.
    build_cols = {}
    for i, s in enumerate(S):
        if s["capex"] > 0:
            columns = {}
            for tau in range(s["earliest"], n):
                price = m.delta[tau] * s["capex"] + s["fixed"] * sum(m.delta[tau:])
                columns[tau] = p.column(0.0, 1.0, price, s["binary"])
            build_cols[i] = columns
            p.row(-inf, 1.0, list(columns.values()), [1.0] * len(columns))
        elif s["fixed"] > 0:
            offset += s["fixed"] * sum(m.delta)

    x = [[None] * n for _ in S]
    r = [[None] * n for _ in S]
    for t in range(n):
        d = m.delta[t]
        for i, s in enumerate(S):
            if not m.present(i, t):
                continue
            objective = s["cost"][t] * (1 + tariff[i][t]) + weight("carbon", t) * s["carbon"]
            if weight("sustainability", t):
                objective += weight("sustainability", t) * (1 - s["sustainability"])
            if weight("labor", t):
                objective += weight("labor", t) * (1 - s["labor"])
            out = 0.0 if i in excluded else s["capacity"][t]
            x[i][t] = p.column(0.0, out, d * objective)
            if surge_on and s["surge"] > 0 and i not in excluded:
                r[i][t] = p.column(0.0, s["surge"], d * s["fee"])
            if i in build_cols:
                built = [column for tau, column in build_cols[i].items() if tau <= t]
                p.row(-inf, 0.0, [x[i][t]] + built, [1.0] + [-s["capacity"][t]] * len(built))
                if r[i][t] is not None:
                    p.row(-inf, 0.0, [r[i][t]] + built, [1.0] + [-s["surge"]] * len(built))

    scopes = {}  # (commodity, stage) -> supplier indices
    for i, s in enumerate(S):
        scopes.setdefault((s["commodity"], s["stage"]), []).append(i)
    stock = {}  # (commodity, t) -> stock columns
    for k in m.stockpiles:
        c = next(c for c in m.commodities if c["id"] == k["commodity"])
        for t in range(n):
            low = max(k["min"][t] or 0.0, k["cover"] * c["demand"][t], k["final"] if t == n - 1 else 0.0)
            stock.setdefault((c["id"], t), []).append(p.column(low, k["capacity"], m.delta[t] * k["holding"]))
    shortfall = {}
    for c in m.commodities:
        stages = c["stages"]
        for t in range(n):
            for up, down in zip(stages, stages[1:]):
                ups = [x[i][t] for i in scopes.get((c["id"], up), []) if x[i][t] is not None]
                downs = [i for i in scopes.get((c["id"], down), []) if x[i][t] is not None]
                p.row(0.0, 0.0, ups + [x[i][t] for i in downs], [1.0] * len(ups) + [-S[i]["ratio"] for i in downs])
            last = [x[i][t] for i in scopes.get((c["id"], stages[-1]), []) if x[i][t] is not None]
            columns, values = list(last), [1.0] * len(last)
            if c["penalty"] is not None:
                shortfall[(c["id"], t)] = z = p.column(0.0, c["demand"][t], m.delta[t] * c["penalty"])
                columns.append(z)
                values.append(1.0)
            # Stock bought is bought more, stock released bought less: + I_{t-1} - I_t.
            rhs = c["demand"][t]
            for j, column in enumerate(stock.get((c["id"], t), [])):
                columns.append(column)
                values.append(-1.0)
                if t == 0:
                    rhs -= [k for k in m.stockpiles if k["commodity"] == c["id"]][j]["initial"]
                else:
                    columns.append(stock[(c["id"], t - 1)][j])
                    values.append(1.0)
            p.row(rhs, rhs, columns, values)

    totals, members, surges = {}, {}, {}

    def present(scope, t):
        return [i for i in scopes[scope] if x[i][t] is not None]

    def total(scope, t):
        if (scope, t) not in totals:
            column = p.column(0.0, inf)
            picked = present(scope, t)
            p.row(0.0, 0.0, [x[i][t] for i in picked] + [column], [1.0] * len(picked) + [-1.0])
            totals[(scope, t)] = column
        return totals[(scope, t)]

    def member_total(scope, t, country):
        if (scope, t, country) not in members:
            column = p.column(0.0, inf)
            picked = [i for i in present(scope, t) if S[i]["country"] == country]
            p.row(0.0, 0.0, [x[i][t] for i in picked] + [column], [1.0] * len(picked) + [-1.0])
            members[(scope, t, country)] = column
        return members[(scope, t, country)]

    def surge_total(scope, t):
        if (scope, t) not in surges:
            column = p.column(0.0, inf)
            picked = [r[i][t] for i in present(scope, t) if r[i][t] is not None]
            p.row(0.0, 0.0, picked + [column], [1.0] * len(picked) + [-1.0])
            surges[(scope, t)] = column
        return surges[(scope, t)]

    def periods_of(rule):
        label = rule.get("period")
        if label in (None, "all"):
            return list(range(n))
        return [m.periods.index(int(item)) for item in _names(label)]

    def scopes_of(rule):
        commodities = _names(rule["commodity"]) if rule.get("commodity") else None
        stages = _names(rule["stage"]) if rule.get("stage") else None
        return [key for key in scopes if (commodities is None or key[0] in commodities)
                and (stages is None or key[1] in stages)]

    for rule in m.rules:
        if any(key in rule for key in ("exclude", "screen", "tariff")):
            continue
        bounds = {side: per_period(rule.get(side), m.periods, bound=True) for side in ("min", "max")}
        if "total" in rule:
            if rule["total"] != "carbon":
                raise ValueError("the peer implements total: carbon only")
            cap = float(rule["max"])
            pooled = isinstance(rule.get("period"), list) or rule.get("period") == "all"
            groups = [periods_of(rule)] if pooled else [[t] for t in periods_of(rule)]
            for group in groups:
                picked = [(i, t) for t in group for scope in scopes_of(rule) for i in present(scope, t)]
                p.row(-inf, cap, [x[i][t] for i, t in picked], [S[i]["carbon"] for i, t in picked])
            continue
        for t in periods_of(rule):
            if ("hhi" in rule or "average" in rule) and bounds["min"][t] is None and bounds["max"][t] is None:
                continue  # a bound map whose first key is later: no bound yet
            for scope in scopes_of(rule):
                here = present(scope, t)
                if "share" in rule:
                    selector = rule["share"]
                    by_value = rule.get("by", "volume") == "value"
                    if "each" in selector:
                        if selector["each"] != "country" or by_value:
                            raise ValueError("the peer implements each: country shares by volume only")
                        for country in dict.fromkeys(S[i]["country"] for i in here):
                            for side, sense in (("max", -1), ("min", 1)):
                                if bounds[side][t] is not None:
                                    lo, hi = (0.0, inf) if sense > 0 else (-inf, 0.0)
                                    p.row(lo, hi, [member_total(scope, t, country), total(scope, t)],
                                          [1.0, -bounds[side][t]])
                        continue
                    picked = [i for i in here if m.picks(selector, i)]
                    for side, lo, hi in (("max", -inf, 0.0), ("min", 0.0, inf)):
                        alpha = bounds[side][t]
                        if alpha is None:
                            continue
                        if by_value:
                            inside = set(picked)
                            p.row(lo, hi, [x[i][t] for i in here],
                                  [S[i]["cost"][t] * ((1.0 if i in inside else 0.0) - alpha) for i in here])
                        else:
                            p.row(lo, hi, [x[i][t] for i in picked] + [total(scope, t)],
                                  [1.0] * len(picked) + [-alpha])
                elif "hhi" in rule:
                    if rule["hhi"] != "country" or rule.get("weighted"):
                        raise ValueError("the peer implements an unweighted country HHI only")
                    K, cap, T = m.segments, bounds["max"][t], total(scope, t)
                    v = []
                    for country in dict.fromkeys(S[i]["country"] for i in here):
                        column, X = p.column(0.0, inf), member_total(scope, t, country)
                        v.append(column)
                        for j in range(K):
                            low, high = j / K, (j + 1) / K
                            p.row(0.0, inf, [column, X, T], [1.0, -(low + high), low * high])
                    p.row(-inf, 0.0, v + [T], [1.0] * len(v) + [-cap / 10000])
                elif "average" in rule:
                    score, T = rule["average"], total(scope, t)
                    if score == "carbon":
                        p.row(-inf, 0.0, [x[i][t] for i in here] + [T],
                              [S[i]["carbon"] for i in here] + [-bounds["max"][t]])
                    else:
                        p.row(0.0, inf, [x[i][t] for i in here] + [T], [S[i][score] for i in here] + [-bounds["min"][t]])
                elif "survive" in rule:
                    gamma, T, R = float(rule["coverage"]), total(scope, t), surge_total(scope, t)
                    stocked = stock.get((scope[0], t), []) if scope[1] == next(
                        c for c in m.commodities if c["id"] == scope[0])["stages"][-1] else []
                    for loss in disruptions(m, rule["survive"], scope, here):
                        columns, values = [T, R] + stocked, [1.0 - gamma, 1.0] + [1.0] * len(stocked)
                        for i, fraction in loss.items():
                            columns.append(x[i][t])
                            values.append(-fraction)
                            if r[i][t] is not None:
                                columns.append(r[i][t])
                                values.append(-fraction)
                        p.row(0.0, inf, columns, values)
    return p, dict(x=x, r=r, b=build_cols, stock=stock, z=shortfall, offset=offset)


def disruptions(m, survive, scope, here):
    """Each disruption of a survive rule in a scope as {supplier: loss fraction > 0}."""
    S = m.suppliers
    if "each" in survive:
        if survive["each"] != "country":
            raise ValueError("the peer implements survive each: country only")
        return [{i: 1.0 for i in here if S[i]["country"] == k} for k in dict.fromkeys(S[i]["country"] for i in here)]
    result = []
    for name in _names(survive["scenario"]):
        scenario = m.scenarios[name]
        if scenario.get("stage") and scope[1] not in _names(scenario["stage"]):
            result.append({})
            continue
        if scenario.get("commodity") and scope[0] not in _names(scenario["commodity"]):
            result.append({})
            continue
        loss = {}
        for i in here:
            fractions = [float(f) for key, table in scenario["loss"].items() for value, f in table.items()
                         if m.picks({key: value}, i)]
            if fractions and max(fractions) > 0:
                loss[i] = max(fractions)
        result.append(loss)
    return result


def detail(m, h, parts):
    """Per-period figures of the solved plan, for comparing with Lode's."""
    values = h.getSolution().col_value
    S, n = m.suppliers, m.n
    out = {"periods": m.periods, "carbon": [], "purchase": [], "stock": {}, "built": {}}
    for t in range(n):
        picked = [i for i in range(len(S)) if parts["x"][i][t] is not None]
        out["carbon"].append(sum(S[i]["carbon"] * values[parts["x"][i][t]] for i in picked))
        out["purchase"].append(sum(S[i]["cost"][t] * values[parts["x"][i][t]] for i in picked))
    out["carbon_total"] = sum(out["carbon"])
    for j, k in enumerate(m.stockpiles):
        out["stock"][k["id"]] = [values[parts["stock"][(k["commodity"], t)][
            [q for q in m.stockpiles if q["commodity"] == k["commodity"]].index(k)]] for t in range(n)]
    for i, columns in parts["b"].items():
        built = {m.periods[tau]: round(values[column], 6) for tau, column in columns.items() if values[column] > 1e-9}
        if built:
            out["built"][S[i]["id"]] = built
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--policy", default="bench")
    parser.add_argument("--time-limit", type=float, default=600)
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    begin = time.perf_counter()
    model = Model(args.model, args.policy)
    read = time.perf_counter()
    program, parts = build(model)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    rows, columns, nonzeros = program.load(h)
    built = time.perf_counter()
    h.setOptionValue("time_limit", float(args.time_limit))
    h.run()
    done = time.perf_counter()
    status = h.modelStatusToString(h.getModelStatus())
    result = dict(read=read - begin, build=built - read, solve=done - built, status=status,
                  objective=h.getInfo().objective_function_value + parts["offset"], rows=rows, columns=columns,
                  nonzeros=nonzeros, periods=model.n)
    if args.detail and h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        result["detail"] = detail(model, h, parts)
    result["total"] = time.perf_counter() - begin
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
