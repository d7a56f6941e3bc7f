#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (Fuzz/corpus/): the shipped models and the documentation's
examples with their CSV tables inlined (the fuzz target reads no files), and random valid models.

    python3 Fuzz/make_corpus.py [--generated 40] [--seed 11] [--out Fuzz/corpus]

The output is deterministic for a given seed. The random models use every construct of
docs/model-language.md with legal values, so that the fuzzer starts from inputs that pass the
validator and reach the formulation.
"""
import argparse
import csv
import json
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLAIN = re.compile(r"^[A-Za-z0-9_.\-]+$")
LISTS = {"groups", "flags"}


def scalar(value):
    """A YAML flow scalar: plain where safe (the reader keeps every scalar as text), else quoted."""
    return value if PLAIN.match(value) else json.dumps(value)


def inline_table(path):
    """A CSV table as a YAML block list of flow mappings; empty cells are left out."""
    lines = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            fields = []
            for key, value in row.items():
                if value is None or value == "":
                    continue
                if key in LISTS:
                    fields.append(f"{key}: [{', '.join(scalar(v) for v in value.split(';'))}]")
                else:
                    fields.append(f"{key}: {scalar(value)}")
            lines.append("  - { " + ", ".join(fields) + " }")
    return "\n".join(lines)


def inlined(model):
    """The model file's text with `suppliers: x.csv` and `countries: x.csv` replaced by the tables."""
    text = model.read_text(encoding="utf-8")

    def replace(match):
        table = (model.parent / match.group(2)).resolve()
        return f"{match.group(1)}:\n{inline_table(table)}"

    return re.sub(r"^(suppliers|countries):[ \t]*(\S+\.csv)[ \t]*(#.*)?$", replace, text, flags=re.M)


def generated(rng, index):
    """A random model that passes `lode check`: 1-3 commodities, 1-3 stages, every rule kind."""
    countries = rng.sample(["CHN", "AUS", "COD", "IDN", "CAN", "FIN", "CHL", "ARG", "NO", "ON", "1e3"],
                           rng.randint(2, 6))
    groups = ["allied", "feoc", "eu"]
    weighted = rng.random() < 0.7
    lines = [f"name: Generated model {index}", "currency: USD", "commodities:"]
    commodities = []
    for c in range(rng.randint(1, 3)):
        stages = rng.choice([["supply"], ["mining", "refining"], ["mining", "refining", "cathode"]])
        demand = rng.choice([1, 10, 100, 1000, 12000])
        commodities.append((f"m{c}", stages, demand))
        fields = [f"id: m{c}", f"demand: {demand}"]
        if stages != ["supply"] or rng.random() < 0.3:
            fields.append(f"stages: [{', '.join(stages)}]")
        if rng.random() < 0.4:
            fields.append(f"shortfall_penalty: {rng.choice([1000, 250000])}")
        if rng.random() < 0.3:
            fields.append("unit: t")
        lines.append("  - { " + ", ".join(fields) + " }")
    lines.append("countries:")
    memberships = {country: [g for g in groups if rng.random() < 0.4] for country in countries}
    memberships[countries[0]] = memberships[countries[0]] or [groups[0]]
    groups = sorted({g for chosen in memberships.values() for g in chosen})  # only groups with members
    for country in countries:
        fields = [f"id: {scalar(country)}", f"name: {scalar('Country ' + country)}"]
        chosen = memberships[country]
        if chosen:
            fields.append(f"groups: [{', '.join(chosen)}]")
        if weighted:
            fields.append(f"governance: {rng.choice([0.1, 0.5, 0.9, 1, 4.5, 10])}")
        lines.append("  - { " + ", ".join(fields) + " }")
    lines.append("suppliers:")
    suppliers = []
    flags_used = set()
    for commodity, stages, demand in commodities:
        for stage in stages:
            for s in range(rng.randint(2, 5)):
                sid = f"{commodity}-{stage}-{s}"
                country = rng.choice(countries)
                suppliers.append((sid, commodity, stage, country))
                fields = [f"id: {sid}", f"commodity: {commodity}"]
                if len(stages) > 1 or rng.random() < 0.3:
                    fields.append(f"stage: {stage}")
                fields += [f"country: {scalar(country)}", f"capacity: {demand * rng.choice([0.5, 1, 2, 3])}",
                           f"cost: {rng.choice([0, 1, 10.5, 2000, 21000])}",
                           f"sustainability: {rng.choice([0, 0.3, 0.9, 1])}", f"labor: {rng.choice([0, 0.2, 0.95, 1])}"]
                if stage != stages[0] and rng.random() < 0.5:
                    fields.append(f"input_ratio: {rng.choice([1, 1.04, 2])}")
                if rng.random() < 0.5:
                    fields.append(f"carbon: {rng.choice([0, 3, 9.5])}")
                if rng.random() < 0.3:
                    flags = rng.sample(["artisanal", "feoc", "recycled"], rng.randint(1, 2))
                    flags_used.update(flags)
                    fields.append(f"flags: [{', '.join(flags)}]")
                if rng.random() < 0.1:
                    fields.append(f"min_order: {demand * 0.1}")
                if rng.random() < 0.3:
                    fields += [f"surge: {demand * 0.2}", f"surge_fee: {rng.choice([0, 100, 1500])}"]
                lines.append("  - { " + ", ".join(fields) + " }")
    multi = [(c, st) for c, st, _ in commodities if len(st) > 1]
    if multi and rng.random() < 0.3:
        commodity, stages = rng.choice(multi)
        ups = [s for s in suppliers if s[1] == commodity and s[2] == stages[0]]
        downs = [s for s in suppliers if s[1] == commodity and s[2] == stages[1]]
        lines.append("routes:")
        for up in ups:
            for down in downs:
                lines.append(f"  - {{ from: {up[0]}, to: {down[0]}, cost: {rng.choice([0, 10, 650])} }}")
        if len(stages) > 2:  # the other stage pair keeps its pooled flows
            pass
    scenario_ids = []
    if rng.random() < 0.6:
        lines.append("scenarios:")
        for n in range(rng.randint(1, 3)):
            kind, names = rng.choice([("country", countries), ("supplier", [s[0] for s in suppliers]),
                                      ("group", groups)])
            name = rng.choice(names)
            sid = f"shock-{n}"
            scenario_ids.append(sid)
            extra = f", stage: {rng.choice(commodities)[1][-1]}" if rng.random() < 0.3 else ""
            loss = f"{{ {kind}: {{ {scalar(name)}: {rng.choice([0.5, 1.0])} }} }}"
            lines.append(f"  - {{ id: {sid}, loss: {loss}{extra} }}")
    lines.append("policies:")
    lines.append("  baseline: {}")
    rule_makers = [
        lambda: f"share: {{ country: {scalar(rng.choice(countries))} }}, max: {rng.choice([0, 0.4, 0.65, 1])}",
        lambda: f"share: {{ group: {rng.choice(groups)} }}, min: {rng.choice([0, 0.3])}",
        lambda: f"share: {{ each: {rng.choice(['supplier', 'country', 'group'])} }}, max: {rng.choice([0.5, 0.65, 1])}",
        lambda: f"share: {{ supplier: [{suppliers[0][0]}, {suppliers[-1][0]}] }}, max: 0.9",
        lambda: f"hhi: {rng.choice(['country', 'supplier'])}, max: {rng.choice([2500, 5000, 10000])}",
        lambda: (f"hhi: country, max: {rng.choice([2000, 9000, 10000])}, weighted: governance"
                 if weighted else "hhi: supplier, max: 6000"),
        lambda: f"average: {rng.choice(['labor', 'sustainability'])}, min: {rng.choice([0, 0.2, 0.5])}",
        lambda: f"average: carbon, max: {rng.choice([4.5, 100])}",
        lambda: f"screen: {{ {rng.choice(['labor', 'sustainability'])}: {rng.choice([0, 0.1])} }}",
        lambda: f"exclude: {{ country: {scalar(rng.choice(countries))} }}",
        lambda: f"total: carbon, max: {rng.choice([1e3, 1e9])}",
        lambda: f"total: cost, max: {rng.choice([1e6, 1e12])}",
        lambda: f"tariff: {{ group: {rng.choice(groups)} }}, rate: {rng.choice([0, 0.25, 1])}",
        lambda: f"count: {rng.choice(['supplier', 'country'])}, min: 1, at_least: {rng.choice([0.01, 0.05])}",
        lambda: f"count: supplier, max: {rng.randint(2, 4)}",
        lambda: (f"survive: {{ each: {rng.choice(['country', 'supplier', 'group'])} }}, "
                 f"coverage: {rng.choice([0, 0.3, 0.6])}"),
    ]
    if scenario_ids:
        rule_makers.append(lambda: f"survive: {{ scenario: [{', '.join(scenario_ids)}] }}, coverage: 0.5")
    if flags_used:
        rule_makers.append(lambda: f"exclude: {{ flag: {rng.choice(sorted(flags_used))} }}")
    names = ["baseline"]
    for p in range(rng.randint(1, 4)):
        name = f"p{p}"
        lines.append(f"  {name}:")
        if rng.random() < 0.4:
            lines.append(f"    extends: {rng.choice(names)}")
        if rng.random() < 0.4:
            lines.append(f"    weights: {{ carbon: {rng.choice([0, 80])}, labor: {rng.choice([0, 3000])} }}")
        lines.append("    rules:")
        for r in range(rng.randint(1, 4)):
            scope = ""
            if rng.random() < 0.3:
                commodity, stages, _ = rng.choice(commodities)
                scope = f", commodity: {commodity}, stage: {rng.choice(stages)}"
            rid = f"id: {name}-r{r}, " if rng.random() < 0.7 else ""
            priority = f", priority: {rng.randint(1, 3)}" if rng.random() < 0.2 else ""
            lines.append(f"      - {{ {rid}{rng.choice(rule_makers)()}{scope}{priority} }}")
        names.append(name)
    if rng.random() < 0.5:
        lines.append(f"settings: {{ hhi_segments: {rng.choice([5, 20, 50])}, time_limit: 10, mip_gap: 0.001 }}")
    if rng.random() < 0.2:
        lines.append("sources: [\"generated by Fuzz/make_corpus.py\"]")
    if rng.random() < 0.2:  # overrides, as the fuzz target reads them from `#set ` lines
        lines.append(f"#set commodities.m0.demand={rng.choice([5, 50])}")
        lines.append(f"#set suppliers.{suppliers[0][0]}.cost=7")
    return "\n".join(lines) + "\n"


MINI = """name: mini
commodities:
  - id: m
    demand: 10
    stages: [mine, refine]
countries:
  - { id: CHN, groups: [feoc], governance: 0.5 }
  - { id: AUS, groups: [allied], governance: 2 }
suppliers:
  - { id: a, commodity: m, stage: mine, country: CHN, capacity: 20, cost: 1, labor: 0.2, sustainability: 0.5, carbon: 3 }
  - { id: b, commodity: m, stage: mine, country: AUS, capacity: 20, cost: 2, labor: 0.9, sustainability: 0.9, flags: [x] }
  - { id: c, commodity: m, stage: refine, country: CHN, capacity: 20, cost: 1, labor: 0.5, sustainability: 0.5 }
  - { id: d, commodity: m, stage: refine, country: AUS, capacity: 20, cost: 2, labor: 0.9, sustainability: 0.9, surge: 5 }
scenarios:
  - { id: s, loss: { country: { CHN: 1 } } }
policies:
  p:
    rules:
      - { RULE }
"""

# One rule of each kind on a tiny model: cheap inputs whose mutations reach each rule's checks.
MINI_RULES = {
    "share": "share: { country: CHN }, max: 0.5", "share-min": "share: { group: allied }, min: 0.3",
    "share-each": "share: { each: supplier }, max: 0.6", "share-flag": "share: { flag: x }, max: 0.9",
    "hhi": "hhi: country, max: 6000", "hhi-weighted": "hhi: supplier, max: 9000, weighted: governance",
    "average": "average: labor, min: 0.4", "average-carbon": "average: carbon, max: 2",
    "screen": "screen: { sustainability: 0.4 }", "exclude": "exclude: { supplier: [a] }",
    "total-carbon": "total: carbon, max: 100", "total-cost": "total: cost, max: 1000",
    "tariff": "tariff: { country: CHN }, rate: 0.25", "count-min": "count: supplier, min: 2, at_least: 0.1",
    "count-max": "count: country, max: 1", "survive-each": "survive: { each: country }, coverage: 0.5",
    "survive-scenario": "survive: { scenario: s }, coverage: 0.5, stage: refine",
    "scoped": "id: r, share: { country: [CHN, AUS] }, max: 0.7, commodity: m, stage: [mine], priority: 2",
}


def minis(out):
    for name, rule in MINI_RULES.items():
        (out / f"mini-{name}.yaml").write_text(MINI.replace("RULE", rule), encoding="utf-8")
    base = MINI.replace("RULE", "share: { each: country }, max: 0.8")
    (out / "mini-routes.yaml").write_text(base + "routes:\n  - { from: a, to: c, cost: 5 }\n  - { from: b, to: d }\n")
    (out / "mini-extends.yaml").write_text(base + "  q:\n    extends: p\n    weights: { carbon: 80, labor: 10 }\n"
                                           "  r:\n    extends: q\n    rules: []\n")
    (out / "mini-settings.yaml").write_text(base + "settings: { hhi_segments: 40, time_limit: 5, mip_gap: 0.01 }\n"
                                            "#set suppliers.a.cost=3\n#set policies.p.rules.#1.max=0.9\n")
    (out / "mini-block.yaml").write_text(
        "name: block style\ncurrency: EUR\ncommodities:\n  - id: m\n    unit: kg\n    demand: 5\n"
        "    shortfall_penalty: 100\nsuppliers:\n  - id: a\n    commodity: m\n    country: NO\n"
        "    capacity: 10\n    cost: 1.5\n    min_order: 2\n    surge: 1\n    surge_fee: 3\n"
        "policies:\n  baseline: {}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=40, help="how many random models")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", default=str(ROOT / "Fuzz" / "corpus"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for model in sorted((ROOT / "models").glob("*/model.yaml")):
        (out / f"model-{model.parent.name}.yaml").write_text(inlined(model), encoding="utf-8")
    for example in sorted((ROOT / "docs" / "examples").glob("*.yaml")):
        (out / f"example-{example.stem}.yaml").write_text(inlined(example), encoding="utf-8")
    minis(out)
    rng = random.Random(args.seed)
    for index in range(args.generated):
        (out / f"generated-{index:03}.yaml").write_text(generated(rng, index), encoding="utf-8")
    # One in JSON (JSON is YAML), from the smallest generated model.
    (out / "json-small.json").write_text(json.dumps({
        "name": "JSON", "commodities": [{"id": "m", "demand": 10}],
        "suppliers": [{"id": "a", "commodity": "m", "country": "AUS", "capacity": 20, "cost": 1}],
        "policies": {"baseline": {}, "cap": {"rules": [{"share": {"each": "supplier"}, "max": 1}]}}}, indent=1) + "\n")


if __name__ == "__main__":
    main()
