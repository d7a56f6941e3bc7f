"""Reads a Lode model file (YAML, suppliers and countries from CSV) the way a peer tool's user
would, and expands the rules of the benchmark policy into plain Python data.

Covers the constructs the benchmark models use (MODEL.md): two stages with pooled flows and
input ratios, hard demand, and the rules share (a named group, or each country, max or min),
hhi (country, max, the piecewise-linear bound with K = settings.hhi_segments), average (labor
or sustainability, min) and survive (each country, coverage, with surge reserved). Anything else
raises, so a peer never silently solves a different program.
"""
import csv
import os
from dataclasses import dataclass, field

import yaml


@dataclass
class Supplier:
    id: str
    commodity: str
    stage: str
    country: str
    capacity: float
    cost: float
    input_ratio: float = 1.0
    labor: float = None
    sustainability: float = None
    surge: float = 0.0
    surge_fee: float = 0.0


@dataclass
class Scope:
    commodity: str
    stage: str
    suppliers: list = field(default_factory=list)  # indices


@dataclass
class Data:
    suppliers: list
    commodities: list  # (id, demand, stages)
    groups: dict  # country -> [groups]
    scopes: list
    rules: list  # dicts
    segments: int

    def scope(self, commodity, stage):
        return next(s for s in self.scopes if s.commodity == commodity and s.stage == stage)


def _number(value, default=None):
    return default if value in (None, "") else float(value)


def _read_table(folder, value):
    if isinstance(value, str):
        with open(os.path.join(folder, value), newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    return value or []


def load(path, policy):
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as handle:
        # BaseLoader keeps every scalar a string (ids such as NO stay "NO").
        model = yaml.load(handle, Loader=yaml.BaseLoader)
    commodities = [(c["id"], float(c["demand"]), c.get("stages", ["supply"])) for c in model["commodities"]]
    groups = {}
    for row in _read_table(folder, model.get("countries")):
        value = row.get("groups") or []
        groups[row["id"]] = value.split(";") if isinstance(value, str) else value
    suppliers = []
    for row in _read_table(folder, model["suppliers"]):
        suppliers.append(Supplier(
            id=row["id"], commodity=row["commodity"], stage=row.get("stage") or "supply", country=row["country"],
            capacity=float(row["capacity"]), cost=float(row["cost"]), input_ratio=_number(row.get("input_ratio"), 1.0),
            labor=_number(row.get("labor")), sustainability=_number(row.get("sustainability")),
            surge=_number(row.get("surge"), 0.0), surge_fee=_number(row.get("surge_fee"), 0.0)))
    scopes = []
    for cid, _, stages in commodities:
        for stage in stages:
            scopes.append(Scope(cid, stage, [i for i, s in enumerate(suppliers) if s.commodity == cid and s.stage == stage]))
    rules = []
    policies = model.get("policies") or {"baseline": {}}
    definition = policies[policy] or {}
    if definition.get("extends") or definition.get("weights"):
        raise ValueError("the peers implement policies without extends or weights")
    for rule in definition.get("rules", []):
        rules.append(rule)
    segments = int((model.get("settings") or {}).get("hhi_segments", 20))
    return Data(suppliers, commodities, groups, scopes, rules, segments)


def stage_filter(rule):
    stage = rule.get("stage")
    return None if stage is None else ([stage] if isinstance(stage, str) else stage)


def expand(data, share_override=None):
    """The rules as rows over supplier indices, in Lode's order. Each item:
    ("share", scope, picked, bound, sense, rule_id) / ("hhi", scope, members, H) /
    ("average", scope, score, bound) / ("survive", scope, lost_members, coverage)."""
    rows = []
    for rule in data.rules:
        stages = stage_filter(rule)
        scopes = [s for s in data.scopes if stages is None or s.stage in stages]
        rid = rule.get("id")
        if "share" in rule:
            selector = rule["share"]
            maximum = rule.get("max")
            if share_override is not None and rid == share_override[0]:
                maximum = share_override[1]
            for scope in scopes:
                if "each" in selector:
                    if selector["each"] != "country":
                        raise ValueError("only each: country")
                    members = list(dict.fromkeys(data.suppliers[i].country for i in scope.suppliers))
                    groups = [[i for i in scope.suppliers if data.suppliers[i].country == k] for k in members]
                elif "group" in selector:
                    names = selector["group"] if isinstance(selector["group"], list) else [selector["group"]]
                    groups = [[i for i in scope.suppliers if any(g in data.groups.get(data.suppliers[i].country, []) for g in names)]]
                elif "country" in selector:
                    names = selector["country"] if isinstance(selector["country"], list) else [selector["country"]]
                    groups = [[i for i in scope.suppliers if data.suppliers[i].country in names]]
                else:
                    raise ValueError(f"unsupported selector {selector}")
                for picked in groups:
                    if maximum is not None:
                        rows.append(("share", scope, picked, float(maximum), "max", rid))
                    if rule.get("min") is not None:
                        rows.append(("share", scope, picked, float(rule["min"]), "min", rid))
        elif "hhi" in rule:
            if rule["hhi"] != "country" or rule.get("weighted"):
                raise ValueError("only an unweighted country HHI")
            for scope in scopes:
                members = list(dict.fromkeys(data.suppliers[i].country for i in scope.suppliers))
                rows.append(("hhi", scope, [[i for i in scope.suppliers if data.suppliers[i].country == k] for k in members], float(rule["max"])))
        elif "average" in rule:
            for scope in scopes:
                rows.append(("average", scope, rule["average"], float(rule["min"])))
        elif "survive" in rule:
            if rule["survive"].get("each") != "country":
                raise ValueError("only survive: each country")
            for scope in scopes:
                members = list(dict.fromkeys(data.suppliers[i].country for i in scope.suppliers))
                rows.append(("survive", scope, [[i for i in scope.suppliers if data.suppliers[i].country == k] for k in members], float(rule["coverage"])))
        else:
            raise ValueError(f"unsupported rule {rule}")
    return rows


def has_survive(data):
    return any("survive" in rule for rule in data.rules)
