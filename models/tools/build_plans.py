#!/usr/bin/env python3
"""Builds the multi-period example models models/cobalt-2035 and models/lithium-2035 (MODEL.md
section 6) from the one-period models models/cobalt and models/lithium.

Run from the repository's top folder:  python3 models/tools/build_plans.py
The models are committed; this script documents where each number came from (see
models/README.md) and rebuilds them. Nothing in the tests runs it.

Sourced figures:
- Demand growth: IEA (2024), Global Critical Minerals Outlook 2024, Critical Minerals Data
  Explorer (May 2024), sheet "1 Total demand for key minerals", Stated Policies scenario, total
  demand in kt: cobalt 214.8 (2023), 323.5 (2030), 349.2 (2035); lithium (Li content) 165.4
  (2023), 471.3 (2030), 735.9 (2035). Years between are interpolated geometrically (cobalt
  6.0% a year to 2030 then 1.5%; lithium 16.1% then 9.3%), and the index is scaled so that 2026
  equals the one-period model's demand (cobalt 8,000 t, lithium 6,000 t): the plan is the same
  buyer, growing with the market. The workbook is the one ../shared/data/README.md names as its
  source 2 (read from github.com/drorrosen/mineral_analysis, "CM_Data_Explorer May 2024 (2).xlsx").
- Recycled-content floors: EU Battery Regulation (EU) 2023/1542, Article 8(2): cobalt 16% and
  lithium 6% from 2031 (8 years after entry into force); 26% and 12% from 2036 (Article 8(3)),
  which is past the 2035 horizon.
- Capex orders of magnitude: lithium from S&P Global Market Intelligence, "Lithium project
  pipeline insufficient to meet looming major deficit" (10 Nov 2022): 53 pipeline projects
  average 17,353 USD per t LCE of annual capacity, chemical (carbonate, hydroxide) projects about
  five times as capital-intensive as concentrate projects; here a refinery 25,000 USD/t LCE
  (133,000 USD per t Li a year, at 5.323 t LCE per t Li) and a spodumene mine 5,000 USD/t LCE
  (26,600 USD per t Li a year). Cobalt refining from the First Cobalt (now Electra) refinery
  studies, Ontario (Oct 2018): US$25.7M for a restart at up to about 1,000 t Co a year, US$105.4M
  for an expansion to about 2,200 t (26,000 to 48,000 USD per t Co a year); here 40,000 to
  45,000 for greenfield refineries.
Illustrative (not sourced): which mines ramp up or close and when, the cost maps, the candidate
projects' sizes, costs, dates and fixed costs (about 3% of capex a year), the recyclers, the
mine and recycling capex (60,000 and 15,000 to 20,000 USD per t a year), stockpile sizes.
"""
import csv
import os

HERE = os.path.dirname(__file__)
MODELS = os.path.join(HERE, "..")
PERIODS = list(range(2026, 2036))

# IEA GCMO 2024 Data Explorer, STEPS total demand (kt): 2023, 2030, 2035.
OUTLOOK = {"cobalt": (214.7903, 323.485, 349.168), "lithium": (165.3723, 471.291, 735.866)}


def outlook_index(key, year):
    y2023, y2030, y2035 = OUTLOOK[key]
    if year <= 2030:
        return y2023 * (y2030 / y2023) ** ((year - 2023) / 7)
    return y2030 * (y2035 / y2030) ** ((year - 2030) / 5)


def demand_map(key, first):
    base = outlook_index(key, PERIODS[0])
    return {year: int(round(first * outlook_index(key, year) / base, -1)) for year in PERIODS}


def cell(steps):
    """A period map as a CSV cell: 2026:0;2030:500."""
    return ";".join(f"{year}:{value}" for year, value in steps.items())


FIELDS = ["id", "commodity", "stage", "country", "capacity", "cost", "input_ratio", "carbon", "sustainability",
          "labor", "flags", "min_order", "surge", "surge_fee", "capex", "fixed_cost", "earliest", "build"]

PLANS = {
    "cobalt": dict(
        title="Cobalt for a battery maker, 2026-2035", unit="t Co", first_demand=8000,
        # Existing suppliers whose capacity or cost changes over time.
        capacity={
            "idn-co-mining-a": {2026: 1360, 2027: 1800, 2028: 2400, 2030: 3000},  # Indonesian HPAL ramp-up
            "png-co-mining-a": {2026: 232, 2031: 0},  # a mine at the end of its life
            "usa-id-refinery": {2026: 0, 2027: 750, 2028: 1500},  # planned: commissioning
            "aus-wa-refinery": {2026: 0, 2028: 1000, 2029: 2000},  # planned: two trains
        },
        cost={
            "cod-co-mining-a": {2026: 19339, 2028: 21000},  # DRC export quotas since Oct 2025
            "cod-co-mining-b": {2026: 20500, 2028: 22200},
        },
        added=[
            # Recycled feed (black mass) enters the first stage, as refinery feed.
            dict(id="fin-co-recycling", stage="mining", country="FIN", capacity={2026: 300, 2028: 700, 2030: 1200, 2033: 1600},
                 cost=24000, carbon=1.5, sustainability=0.95, labor=0.95, flags="recycled"),
            dict(id="usa-co-recycling", stage="mining", country="USA", capacity={2026: 200, 2028: 500, 2031: 900},
                 cost=25000, carbon=1.5, sustainability=0.88, labor=0.89, flags="recycled"),
            # Candidate projects (capex in USD; capacity in t a year once built).
            dict(id="can-co-recycling-project", stage="mining", country="CAN", capacity=1000, cost=23000, carbon=1.5,
                 sustainability=0.92, labor=0.9, flags="recycled", capex=15000000, fixed_cost=500000, earliest=2028,
                 build="continuous"),
            dict(id="aus-co-mining-project", stage="mining", country="AUS", capacity=2000, cost=21000, carbon=4.0,
                 sustainability=0.94, labor=0.92, surge=500, surge_fee=1700, capex=120000000, fixed_cost=3600000,
                 earliest=2029, build="continuous"),
            dict(id="can-co-refinery-project", stage="refining", country="CAN", capacity=2500, cost=10200, input_ratio=1.05,
                 carbon=5.0, sustainability=0.92, labor=0.9, surge=625, surge_fee=816, capex=100000000,
                 fixed_cost=3000000, earliest=2028, build="binary"),
            dict(id="fin-co-refinery-project", stage="refining", country="FIN", capacity=3000, cost=10000, input_ratio=1.05,
                 carbon=5.0, sustainability=0.95, labor=0.95, surge=750, surge_fee=800, capex=135000000,
                 fixed_cost=4000000, earliest=2029, build="binary"),
            dict(id="usa-co-refinery-project", stage="refining", country="USA", capacity=2000, cost=11000, input_ratio=1.05,
                 carbon=5.0, sustainability=0.88, labor=0.89, surge=500, surge_fee=880, capex=90000000,
                 fixed_cost=2700000, earliest=2030, build="binary"),
        ],
        stockpile=dict(id="co-reserve", initial=1300, capacity=4000, holding_cost=400, min_cover=0.16),
        recycled=(0.16, 0.26), allied={2028: 0.30, 2030: 0.50, 2032: 0.70},
        survive=[("survive-cn-ban-early", 0.5, PERIODS[:3]), ("survive-cn-ban", 0.8, PERIODS[3:])],
    ),
    "lithium": dict(
        title="Lithium for a battery maker, 2026-2035", unit="t Li", first_demand=6000,
        capacity={
            "aus-li-mining-a": {2026: 5160, 2029: 6500, 2032: 7500},
            "chl-li-mining-a": {2026: 4400, 2030: 5500},
            "chn-li-mining-a": {2026: 3300, 2030: 4000},
            "arg-li-mining-a": {2026: 960, 2027: 1800, 2029: 2800},  # Argentine brine ramp-ups
            "zwe-li-mining-a": {2026: 340, 2028: 900},
            "bra-li-mining-a": {2026: 490, 2032: 0},  # a mine at the end of its life
            "chn-li-refining-a": {2026: 5467, 2029: 7000, 2032: 8000},
            "chn-li-refining-b": {2026: 3645, 2030: 4500},
            "chl-li-refining-a": {2026: 3712, 2030: 4500},
            "arg-li-refining-a": {2026: 728, 2028: 1500, 2030: 2500},
            "usa-nv-refinery": {2026: 0, 2028: 1250, 2030: 2500},  # planned: commissioning
            "deu-bitterfeld": {2026: 0, 2027: 1000, 2029: 2000},
            "can-qc-refinery": {2026: 0, 2028: 1500},
        },
        cost={
            "chn-li-refining-a": {2026: 12144, 2030: 11500},  # scale economies
            "aus-li-mining-a": {2026: 25300, 2030: 24000},
        },
        added=[
            dict(id="deu-li-recycling", stage="mining", country="DEU", capacity={2026: 150, 2028: 400, 2030: 700, 2033: 1100},
                 cost=27000, carbon=5.0, sustainability=0.88, labor=0.89, flags="recycled"),
            dict(id="usa-li-recycling", stage="mining", country="USA", capacity={2026: 200, 2029: 500, 2032: 900},
                 cost=27500, carbon=5.0, sustainability=0.88, labor=0.89, flags="recycled"),
            dict(id="can-li-recycling-project", stage="mining", country="CAN", capacity=600, cost=26000, carbon=5.0,
                 sustainability=0.92, labor=0.9, flags="recycled", capex=12000000, fixed_cost=400000, earliest=2028,
                 build="continuous"),
            dict(id="can-li-mining-project", stage="mining", country="CAN", capacity=2500, cost=27000, carbon=19.2,
                 sustainability=0.92, labor=0.9, surge=625, surge_fee=2160, capex=67000000, fixed_cost=2000000,
                 earliest=2028, build="continuous"),
            dict(id="aus-li-refinery-project", stage="refining", country="AUS", capacity=3000, cost=13500, input_ratio=1.04,
                 carbon=22.0, sustainability=0.94, labor=0.92, surge=750, surge_fee=1080, capex=400000000,
                 fixed_cost=12000000, earliest=2029, build="binary"),
            dict(id="usa-li-refinery-project", stage="refining", country="USA", capacity=2500, cost=15500, input_ratio=1.04,
                 carbon=22.0, sustainability=0.88, labor=0.89, surge=625, surge_fee=1240, capex=333000000,
                 fixed_cost=10000000, earliest=2030, build="binary"),
            dict(id="fin-li-refinery-project", stage="refining", country="FIN", capacity=1500, cost=15000, input_ratio=1.04,
                 carbon=22.0, sustainability=0.95, labor=0.95, surge=375, surge_fee=1200, capex=200000000,
                 fixed_cost=6000000, earliest=2027, build="continuous"),
        ],
        stockpile=dict(id="li-reserve", initial=1000, capacity=4000, holding_cost=500, min_cover=0.16),
        recycled=(0.06, 0.12), allied={2028: 0.15, 2030: 0.30, 2032: 0.55},
        survive=[("survive-cn-ban", 0.8, None)],
    ),
}

# The cumulative carbon budgets (t CO2e over 2026-2035), a little below least cost's cumulative
# emissions as peer_highspy_periods.py solved them (see the TODO in the model file).
LEAST_COST_CARBON = {"cobalt": 1093079, "lithium": 4446900}
CARBON_BUDGETS = {"cobalt": 1060000, "lithium": 4310000}


def suppliers(key, plan):
    with open(os.path.join(MODELS, key, "suppliers.csv"), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] in plan["capacity"]:
            row["capacity"] = cell(plan["capacity"][row["id"]])
        if row["id"] in plan["cost"]:
            row["cost"] = cell(plan["cost"][row["id"]])
    for added in plan["added"]:
        row = dict(added, commodity=key)
        if isinstance(row["capacity"], dict):
            row["capacity"] = cell(row["capacity"])
        rows.append(row)
    return rows


def model_yaml(key, plan):
    demand = demand_map(key, plan["first_demand"])
    demand_text = ", ".join(f"{year}: {value}" for year, value in demand.items())
    stock = plan["stockpile"]
    low, high = plan["recycled"]
    allied = ", ".join(f"{year}: {value:.2f}" for year, value in plan["allied"].items())
    budget = CARBON_BUDGETS[key]
    unit = plan["unit"]
    survive = []
    for rule_id, coverage, periods in plan["survive"]:
        scope = f", period: [{', '.join(str(year) for year in periods)}]" if periods else ""
        survive.append(f"      - {{ id: {rule_id}, survive: {{ scenario: cn-export-ban }}, coverage: {coverage}, "
                       f"stage: refining{scope} }}")
    survive = "\n".join(survive)
    phased = ("\n  # Until the planned allied refineries run (2029), China's share of refining is so large that\n"
              "  # even a full reserve cannot cover 80% of a year without it: 50% in 2026-2028."
              if len(plan["survive"]) > 1 else "")
    return f"""# {plan['title']}
# Ten yearly periods (MODEL.md section 6): demand grows with the IEA's outlook, mines ramp up and
# close, allied projects can be built, a strategic reserve is held, and the rules tighten on the
# EU Battery Regulation's schedule. Built by models/tools/build_plans.py from models/{key} (see
# models/README.md for what is sourced and what is illustrative).
name: {plan['title']}
currency: USD
sources:
  - "USGS Mineral Commodity Summaries 2024 data release, 2023 mine production (https://doi.org/10.5066/P144BA54)"
  - "IEA Critical Minerals Data Explorer, May 2024, 2023 refined output (CC BY 4.0)"
  - "IEA (2024) Global Critical Minerals Outlook 2024, Data Explorer sheet 1, Stated Policies scenario total demand 2023, 2030, 2035 (demand growth; CC BY 4.0)"
  - "Regulation (EU) 2023/1542 (Batteries), Article 8: recycled-content shares from 2031 and 2036"
  - "S&P Global Market Intelligence, 10 Nov 2022 (lithium project capital intensity); First Cobalt refinery studies, Oct 2018 (cobalt refinery capex)"
  - "World Bank Worldwide Governance Indicators, 2024 update (governance weights; labor and sustainability scores are derived, illustrative)"
  - "Carbon intensities: Roskill 2020, IEEFA 2024, Processes 2022, J. Ind. Ecol. 2022 (see shared/data/README.md)"
periods: [{', '.join(str(year) for year in PERIODS)}]
# 7% a year: the real discount rate of US OMB Circular A-4 (2003) for the opportunity cost of
# capital, and the order of a mining or refining project's cost of capital. A planner can sweep it.
discount_rate: 0.07
commodities:
  # Demand: the IEA Global Critical Minerals Outlook 2024 (Data Explorer, Stated Policies
  # scenario) total {key} demand {OUTLOOK[key][0]:g} kt (2023), {OUTLOOK[key][1]:g} kt (2030),
  # {OUTLOOK[key][2]:g} kt (2035), interpolated geometrically and scaled so that 2026 is the
  # one-period model's {plan['first_demand']:,} {unit}.
  - {{ id: {key}, unit: "{unit}", demand: {{ {demand_text} }}, stages: [mining, refining] }}
countries: ../countries.csv
# The one-period model's suppliers, some with capacity maps (mines ramping up, one closing, planned
# refineries commissioning) and cost maps; recyclers (flag recycled) in the first stage, since
# recycled feed replaces mined feed at the refineries; candidate projects in allied countries
# (capex > 0: built-to-date capacity, capex paid when built, fixed costs while built).
suppliers: suppliers.csv
scenarios:
  # China stops exporting refined {key}: every Chinese refinery is lost to the plan.
  - {{ id: cn-export-ban, loss: {{ country: {{ CHN: 1.0 }} }}, stage: refining }}
stockpiles:
  # A strategic reserve of refined {key}. min_cover {stock['min_cover']}: about 60 days of each year's
  # demand (60 / 365), the order of Japan's long-standing rare-metal stockpile target; holding_cost:
  # warehousing and insurance per t a year (the capital tied up is already counted by discounting);
  # final defaults to initial.
  - {{ id: {stock['id']}, commodity: {key}, initial: {stock['initial']}, capacity: {stock['capacity']}, holding_cost: {stock['holding_cost']}, min_cover: {stock['min_cover']} }}
settings: {{ hhi_segments: 20, time_limit: 60 }}

# The binary projects make every policy a MIP (no shadow prices); their build decisions are
# reported per period.
policies:
  # Least cost over the ten years: buy, build and stock only where it is cheapest.
  least-cost: {{}}

  # EU Battery Regulation recycled content: at least {low:.0%} of the {key} fed to refineries is
  # recycled from 2031. The regulation's next step, {high:.0%} from 2036, is past this plan's last
  # period (2035), so it cannot be written as a key here (a key must be a listed period). The rule
  # is on the first stage, where the recyclers deliver; with pooled flows it is the recycled share
  # of the refined {key} too.
  recycled-content:
    rules:
      - {{ id: recycled-floor, share: {{ flag: recycled }}, min: {{ 2031: {low} }}, stage: mining }}

  # A cumulative carbon budget for the whole plan (t CO2e, 2026-2035 pooled): the planner may emit
  # early and cut later, or the reverse.
  # TODO(integrator): {budget:,} is an estimate, about 3% below least cost's cumulative emissions
  # ({LEAST_COST_CARBON[key]:,} t as Benchmarks/peers/peer_highspy_periods.py solved them); tune
  # after solving with Lode.
  carbon-budget:
    rules:
      - {{ id: carbon-budget, total: carbon, max: {budget}, period: all }}

  # Resilience with a reserve: keep 80% of refined supply in each period if China stops
  # exporting, counting surge reserved in advance at allied refineries and the reserve's stock
  # (whose floor is its min_cover).{phased}
  resilient-with-reserve:
    rules:
{survive}

  # Build in allied countries: the allied share of refining steps up, which commits the plan to
  # allied refinery projects (binary: all or nothing); and, from 2029, at least 40% of the purchase
  # value of refining from the US and its free-trade partners (a value-based origin rule in the
  # form of the critical-minerals test of the US clean-vehicle credit, IRA section 30D as enacted
  # in 2022, whose own share was to reach 80% after 2026).
  build-in-allied:
    rules:
      - {{ id: allied-refining, share: {{ group: allied }}, min: {{ {allied} }}, stage: refining }}
      - {{ id: fta-value, share: {{ country: [USA, AUS, CAN, CHL, JPN, KOR, MEX] }}, min: {{ 2029: 0.4 }}, by: value, stage: refining }}
"""


for key, plan in PLANS.items():
    folder = os.path.join(MODELS, f"{key}-2035")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "suppliers.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in suppliers(key, plan):
            writer.writerow({field: row.get(field, "") for field in FIELDS})
    with open(os.path.join(folder, "model.yaml"), "w", encoding="utf-8") as handle:
        handle.write(model_yaml(key, plan))
print("wrote models/cobalt-2035 and models/lithium-2035")
