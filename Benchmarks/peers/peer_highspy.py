"""The benchmark formulation built directly in HiGHS through highspy: columns and rows as
arrays, a stage-total column per scope, and, for the sweep, the share cap changed in place
(one coefficient per row) and re-run from the previous basis."""
import time

import highspy
import numpy as np

import sourcing_data


class Builder:
    def __init__(self, data):
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.inf = highspy.kHighsInf
        self.data = data
        s = data.suppliers
        self.x = self.columns([0.0] * len(s), [p.capacity for p in s], [p.cost for p in s])
        surge = sourcing_data.has_survive(data)
        surging = [i for i in range(len(s)) if surge and s[i].surge > 0]
        self.r = dict(zip(surging, self.columns([0.0] * len(surging), [s[i].surge for i in surging], [s[i].surge_fee for i in surging])))
        self.total = {}
        self.share_rows = []  # (row, T column, rule id) of share max rows, for the sweep

    def columns(self, lower, upper, cost):
        start = self.h.getNumCol()
        count = len(lower)
        if count:
            self.h.addVars(count, np.array(lower, dtype=float), np.array(upper, dtype=float))
            self.h.changeColsCost(count, np.arange(start, start + count, dtype=np.int32), np.array(cost, dtype=float))
        return list(range(start, start + count))

    def row(self, lower, upper, entries):
        merged = {}
        for column, value in entries:
            merged[column] = merged.get(column, 0.0) + value
        index = np.array(list(merged.keys()), dtype=np.int32)
        value = np.array(list(merged.values()), dtype=float)
        self.h.addRow(lower, upper, len(index), index, value)
        return self.h.getNumRow() - 1

    def scope_total(self, scope):
        key = (scope.commodity, scope.stage)
        if key not in self.total:
            column = self.columns([0.0], [self.inf], [0.0])[0]
            self.row(0, 0, [(self.x[i], 1.0) for i in scope.suppliers] + [(column, -1.0)])
            self.total[key] = column
        return self.total[key]

    def build(self):
        data, s, inf = self.data, self.data.suppliers, self.inf
        for cid, demand, stages in data.commodities:
            for up, down in zip(stages, stages[1:]):
                self.row(0, 0, [(self.x[i], 1.0) for i in data.scope(cid, up).suppliers]
                         + [(self.x[j], -s[j].input_ratio) for j in data.scope(cid, down).suppliers])
            self.row(demand, demand, [(self.x[i], 1.0) for i in data.scope(cid, stages[-1]).suppliers])
        for row in sourcing_data.expand(data):
            kind, scope = row[0], row[1]
            t = self.scope_total(scope)
            if kind == "share":
                _, _, picked, bound, sense, rid = row
                entries = [(self.x[i], 1.0) for i in picked] + [(t, -bound)]
                index = self.row(-inf, 0, entries) if sense == "max" else self.row(0, inf, entries)
                if sense == "max":
                    self.share_rows.append((index, t, rid))
            elif kind == "average":
                _, _, score, bound = row
                self.row(0, inf, [(self.x[i], getattr(s[i], score)) for i in scope.suppliers] + [(t, -bound)])
            elif kind == "hhi":
                _, _, members, cap = row
                k = self.data.segments
                v = self.columns([0.0] * len(members), [inf] * len(members), [0.0] * len(members))
                for m, member in enumerate(members):
                    for j in range(k):
                        low, high = j / k, (j + 1) / k
                        self.row(0, inf, [(v[m], 1.0)] + [(self.x[i], -(low + high)) for i in member] + ([(t, low * high)] if low else []))
                self.row(-inf, 0, [(column, 1.0) for column in v] + [(t, -cap / 10000)])
            elif kind == "survive":
                _, _, members, coverage = row
                for member in members:
                    lost = set(member)
                    entries = [(self.x[i], 1.0) for i in scope.suppliers if i not in lost]
                    entries += [(self.r[i], 1.0) for i in scope.suppliers if i not in lost and i in self.r]
                    self.row(0, inf, entries + [(t, -coverage)])
        return self


def run(path, policy, time_limit):
    start = time.perf_counter()
    data = sourcing_data.load(path, policy)
    read = time.perf_counter()
    builder = Builder(data).build()
    built = time.perf_counter()
    builder.h.setOptionValue("time_limit", float(time_limit))
    builder.h.run()
    done = time.perf_counter()
    status = builder.h.modelStatusToString(builder.h.getModelStatus())
    return dict(read=read - start, build=built - read, solve=done - built, status=status, objective=builder.h.getInfo().objective_function_value)


def sweep(path, policy, rule_id, values):
    """Change the cap in place (the T coefficient of each of the rule's rows) and re-run warm."""
    data = sourcing_data.load(path, policy)
    builder = Builder(data).build()
    objectives = []
    for value in values:
        for row, column, rid in builder.share_rows:
            if rid == rule_id:
                builder.h.changeCoeff(row, column, -value)
        builder.h.run()
        ok = builder.h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        objectives.append(builder.h.getInfo().objective_function_value if ok else None)
    return objectives
