#!/usr/bin/env python3
"""Generates synthetic sourcing models for benchmarks.

    python3 Benchmarks/scripts/generate_models.py --suppliers 10000 --out /tmp/bench-10k

Writes model.yaml, suppliers.csv and countries.csv: 1 to 5 commodities (by size), two stages
each with no routes (pooled flows), and a policy `bench` with the rules the benchmarks ask
for: a single-country share cap, an allied floor, an HHI cap, a labor average and survival of
the loss of any one refining country with surge. Deterministic for a given seed.

    python3 Benchmarks/scripts/generate_models.py --suppliers 10000 --periods 10 --out /tmp/bench-10k-10

With --periods N (MODEL.md section 6) the model plans N yearly periods from 2026 with a 5% discount
rate: each commodity's demand grows 5% a year as a period map, one supplier in 20 is a continuous
candidate project (capex, fixed_cost, earliest the middle period, a 30% lower unit cost), and each
commodity has one stockpile (initial, capacity, holding_cost, min_cover 0.1); the rules are the same
and apply in every period. Without --periods the output is what it always was, byte for byte (the
random draws are the same either way).
"""
import argparse
import os
import random

SIZES = {40: 1, 1000: 2, 10000: 3, 50000: 5}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, required=True)
    parser.add_argument("--commodities", type=int, help="default: 1 at 40, 2 at 1000, 3 at 10000, 5 at 50000 suppliers")
    parser.add_argument("--countries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--periods", type=int, help="plan this many yearly periods from 2026 (default: one period, no periods)")
    args = parser.parse_args()
    commodities = args.commodities or next((count for size, count in sorted(SIZES.items()) if args.suppliers <= size), 5)
    rng = random.Random(args.seed)
    periods = [2026 + t for t in range(args.periods)] if args.periods else None
    if periods is not None and args.periods < 1:
        parser.error("--periods must be at least 1")
    os.makedirs(args.out, exist_ok=True)

    countries = []
    for k in range(args.countries):
        code = f"K{k:02d}"
        allied = k % 3 == 0
        countries.append(dict(id=code, name=f"Country {k}", groups="allied" if allied else ("feoc" if k % 7 == 1 else ""),
                              governance=round(rng.uniform(0.1, 0.9), 3), factor=rng.uniform(0.8, 1.3),
                              labor=rng.uniform(0.2, 0.95)))
    # Skewed country weights: a few countries dominate, as in real supply.
    weights = [1.0 / (k + 1) ** 0.9 for k in range(args.countries)]

    with open(os.path.join(args.out, "countries.csv"), "w") as handle:
        handle.write("id,name,groups,governance\n")
        for country in countries:
            handle.write(f"{country['id']},{country['name']},{country['groups']},{country['governance']}\n")

    per_commodity = args.suppliers // commodities
    lines = []
    commodity_lines = []
    stock_lines = []
    for c in range(commodities):
        cid = f"m{c}"
        mining = per_commodity * 2 // 5
        refining = per_commodity - mining
        capacity_total = 0.0
        rows = []
        for stage, count in (("mining", mining), ("refining", refining)):
            stage_capacity = 0.0
            for n in range(count):
                country = rng.choices(countries, weights)[0]
                capacity = round(rng.uniform(50, 500))
                cost = round((2000 if stage == "mining" else 1000) * country["factor"] * rng.uniform(0.8, 1.25), 2)
                labor = round(min(1.0, max(0.0, country["labor"] + rng.uniform(-0.1, 0.1))), 3)
                sustainability = round(rng.uniform(0.2, 1.0), 3)
                carbon = round(rng.uniform(1, 20), 2)
                surge = round(capacity * 0.3) if n % 4 == 0 else ""
                surge_fee = round(cost * 0.05, 2) if surge != "" else ""
                ratio = round(rng.uniform(1.0, 1.1), 3) if stage == "refining" else ""
                project = ""
                if periods is not None:
                    project = ",,,,"
                    if n % 20 == 10:
                        # A candidate project: cheaper to run once built, paid for by capex and fixed costs.
                        cost = round(cost * 0.7, 2)
                        project = f",{round(2 * capacity * cost)},{round(0.05 * capacity * cost)},{periods[len(periods) // 2]},continuous"
                rows.append(f"{cid}-{stage[0]}{n},{cid},{stage},{country['id']},{capacity},{cost},{ratio},{carbon},"
                            f"{sustainability},{labor},,{surge},{surge_fee}{project}")
                stage_capacity += capacity
            if stage == "mining":
                mining_capacity = stage_capacity
            else:
                refining_capacity = stage_capacity
        demand = round(min(mining_capacity / 1.1, refining_capacity) * 0.4)
        lines += rows
        if periods is None:
            commodity_lines.append(f"  - {{ id: {cid}, demand: {demand}, stages: [mining, refining] }}")
        else:
            growth = ", ".join(f"{label}: {round(demand * 1.05 ** t)}" for t, label in enumerate(periods))
            commodity_lines.append(f"  - {{ id: {cid}, demand: {{ {growth} }}, stages: [mining, refining] }}")
            stock_lines.append(f"  - {{ id: {cid}-reserve, commodity: {cid}, initial: {round(0.1 * demand)}, "
                               f"capacity: {round(0.3 * demand * 1.05 ** (len(periods) - 1))}, holding_cost: 20, min_cover: 0.1 }}")

    with open(os.path.join(args.out, "suppliers.csv"), "w") as handle:
        handle.write("id,commodity,stage,country,capacity,cost,input_ratio,carbon,sustainability,labor,flags,surge,surge_fee"
                     + (",capex,fixed_cost,earliest,build\n" if periods is not None else "\n"))
        handle.write("\n".join(lines) + "\n")

    timing = ""
    if periods is not None:
        timing = f"periods: [{', '.join(str(label) for label in periods)}]\ndiscount_rate: 0.05\n"
    stocks = f"stockpiles:\n{chr(10).join(stock_lines)}\n" if periods is not None else ""
    with open(os.path.join(args.out, "model.yaml"), "w") as handle:
        handle.write(f"""# Synthetic benchmark model: {args.suppliers} suppliers, {commodities} commodities, seed {args.seed}{f", {len(periods)} periods" if periods else ""}.
name: Synthetic {args.suppliers}
currency: USD
{timing}commodities:
{chr(10).join(commodity_lines)}
countries: countries.csv
suppliers: suppliers.csv
{stocks}policies:
  baseline: {{}}
  bench:
    rules:
      - {{ id: single-country-cap, share: {{ each: country }}, max: 0.4 }}
      - {{ id: allied-floor, share: {{ group: allied }}, min: 0.3, stage: refining }}
      - {{ id: hhi-cap, hhi: country, max: 2000 }}
      - {{ id: labor-floor, average: labor, min: 0.55 }}
      - {{ id: lose-any-country, survive: {{ each: country }}, coverage: 0.7, stage: refining }}
settings: {{ hhi_segments: 20 }}
""")


if __name__ == "__main__":
    main()
