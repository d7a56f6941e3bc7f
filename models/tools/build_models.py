#!/usr/bin/env python3
"""Builds the example models in models/ from the public figures in ../shared/data/.

Run from the repository's top folder:  python3 models/tools/build_models.py ../shared/data
The models are committed; this script documents where each number came from (see
models/README.md) and rebuilds them when the data changes. Nothing in the tests runs it.

Sourced figures: 2023 mine output by country (USGS MCS 2024), 2023 refined output by country
(IEA Critical Minerals Data Explorer 2024), WGI governance indicators (World Bank 2024 update),
carbon intensities per route, prices (USGS MCS 2024).
Illustrative (not sourced): how much of a country's output one buyer can contract (REACH),
the split into named suppliers, unit costs (price x stage share x country factor), labor and
sustainability scores (derived from WGI rule of law and government effectiveness percentiles,
because ITUC ratings are missing from the data), surge capacity and fees, planned plants.
"""
import csv
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
OUT = os.path.join(os.path.dirname(__file__), "..")

ALLIED = {"USA", "AUS", "CAN", "JPN", "KOR", "FIN", "FRA", "PRT", "DEU", "SWE", "NOR", "GBR", "EST", "POL"}
EU = {"FIN", "FRA", "PRT", "DEU", "SWE", "EST", "POL"}
FTA_US = {"AUS", "CAN", "CHL", "KOR", "PER", "MAR", "JPN", "MEX"}
FEOC = {"CHN", "RUS", "PRK"}
NAMES_EXTRA = {"DEU": "Germany", "SWE": "Sweden", "EST": "Estonia", "GBR": "United Kingdom", "POL": "Poland",
               "MEX": "Mexico"}
# WGI for countries absent from country_indicators.csv (illustrative, close to their 2023 values).
WGI_EXTRA = {"DEU": (88.2, 88.7, 1.30), "SWE": (95.8, 96.2, 1.52), "EST": (87.3, 90.1, 1.32),
             "GBR": (85.4, 89.6, 1.20), "POL": (69.3, 66.0, 0.65), "MEX": (45.3, 26.4, -0.50),
             "PRK": (5.0, 2.0, -2.0), "UKR": (35.0, 24.0, -0.60), "ZAF": (40.6, 54.2, -0.10)}


def read(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


production = read("production.csv")
indicators = {row["country_iso3"]: row for row in read("country_indicators.csv")}


def output(mineral, stage):
    result = {}
    for row in production:
        if row["mineral"] == mineral and row["stage"] == stage and row["year"] == "2023" and row["quantity"]:
            code = row["country_iso3"]
            if code not in ("WLD", "OTH") and float(row["quantity"]) > 0:
                result[code] = float(row["quantity"])
    return result


def wgi(code):
    if code in indicators and indicators[code]["wgi_value"]:
        row = indicators[code]
        return float(row["wgi_value"]), float(row["wgi_rl_percentile"]), float(row["wgi_mean6_estimate"])
    if code == "NCL":  # no WGI entry: France as proxy, as the data README says
        return wgi("FRA")
    if code in WGI_EXTRA:
        return WGI_EXTRA[code]
    return None


def country_name(code):
    if code in indicators:
        return indicators[code]["country"]
    return NAMES_EXTRA.get(code, code)


def scores(code, adjust=0.0):
    government, rule_of_law, _ = wgi(code)
    labor = max(0.05, min(1.0, rule_of_law / 100 + adjust))
    sustainability = max(0.05, min(1.0, government / 100 + adjust))
    return round(sustainability, 2), round(labor, 2)


def governance(code):
    """Governance risk weight: the WGI mean rescaled so 2.5 (best) -> 0 and -2.5 (worst) -> 1."""
    return round((2.5 - wgi(code)[2]) / 5, 3)


# Per mineral: unit, demand, price (USD/t), stage names, data series, how much of each country's
# output the buyer can reach, country cost factors, carbon per stage, planned plants, artisanal.
MINERALS = {
    "lithium": dict(
        tag="li", unit="t Li", demand=6000, price=46000, stages=("mining", "refining"),
        series=(("lithium", "mine"), ("lithium", "refining")), reach=(0.10, 0.08), ratio=1.04,
        mine_share=0.55, refine_share=0.30,
        cost_factor={"CHN": 0.88, "CHL": 0.92, "ARG": 0.95, "AUS": 1.0, "ZWE": 0.85, "BRA": 1.0, "CAN": 1.12, "PRT": 1.15},
        carbon=lambda stage, code: (16.0 if code in ("CHL", "ARG") else 19.2) if stage == "mining"
        else (0.0 if code in ("CHL", "ARG") else 28.7 if code == "CHN" else 22.0),
        planned=[("usa-nv-refinery", "refining", "USA", 2500, 1.18), ("deu-bitterfeld", "refining", "DEU", 2000, 1.2),
                 ("can-qc-refinery", "refining", "CAN", 1500, 1.15)],
        artisanal=None),
    "cobalt": dict(
        tag="co", unit="t Co", demand=8000, price=37920, stages=("mining", "refining"),
        series=(("cobalt", "mine"), ("cobalt", "refining")), reach=(0.08, 0.08), ratio=1.05,
        mine_share=0.60, refine_share=0.25,
        cost_factor={"COD": 0.85, "IDN": 0.88, "RUS": 0.95, "CHN": 0.85, "FIN": 1.1, "CAN": 1.12, "JPN": 1.15, "AUS": 1.05},
        carbon=lambda stage, code: 4.0 if stage == "mining" else (6.9 if code == "CHN" else 5.0),
        planned=[("usa-id-refinery", "refining", "USA", 1500, 1.2), ("aus-wa-refinery", "refining", "AUS", 2000, 1.12)],
        artisanal=("COD", 0.25)),
    "nickel": dict(
        tag="ni", unit="t Ni", demand=60000, price=22000, stages=("mining", "refining"),
        series=(("nickel", "mine"), ("nickel", "refining")), reach=(0.05, 0.05), ratio=1.03,
        mine_share=0.55, refine_share=0.30,
        cost_factor={"IDN": 0.82, "PHL": 0.9, "CHN": 0.88, "RUS": 0.95, "CAN": 1.1, "AUS": 1.08, "FIN": 1.12, "NCL": 1.05, "BRA": 1.0, "USA": 1.15},
        carbon=lambda stage, code: 3.0 if stage == "mining" else (54.0 if code == "IDN" else 40.0 if code == "CHN" else 10.0),
        planned=[], artisanal=None),
    "rare-earths": dict(
        tag="ree", unit="t REO", demand=1200, min_orders=True, price=80000, stages=("mining", "refining"),
        series=(("rare_earths", "mine"), ("rare_earths_magnet", "refining")), reach=(0.04, 0.05), ratio=1.0,
        mine_share=0.45, refine_share=0.40,
        cost_factor={"CHN": 0.85, "MMR": 0.8, "USA": 1.15, "AUS": 1.1, "THA": 0.95, "IND": 0.95, "RUS": 0.95, "MYS": 1.0},
        carbon=lambda stage, code: 8.0 if stage == "mining" else (13.05 if code in ("CHN", "MMR") else 9.0),
        planned=[("aus-kalgoorlie", "refining", "AUS", 400, 1.15), ("fra-la-rochelle", "refining", "FRA", 250, 1.25),
                 ("est-sillamae", "refining", "EST", 200, 1.2)],
        artisanal=("MMR", 0.5)),
    "graphite": dict(
        tag="gr", unit="t", demand=30000, price=6000, stages=("mining", "processing"),
        series=(("graphite_natural", "mine"), ("graphite", "battery_grade_processing")), reach=(0.05, 0.03), ratio=1.1,
        mine_share=0.25, refine_share=0.60,
        cost_factor={"CHN": 0.82, "MDG": 0.9, "MOZ": 0.9, "BRA": 0.95, "KOR": 1.1, "JPN": 1.15, "DEU": 1.2, "USA": 1.15, "CAN": 1.1, "NOR": 1.1, "RUS": 0.95, "IND": 0.92, "TZA": 0.9},
        carbon=lambda stage, code: 0.5 if stage == "mining" else (5.32 if code == "CHN" else 13.8 if code == "JPN" else 1.23 if code in ("NOR", "CAN", "SWE") else 4.0),
        planned=[("swe-lulea-anode", "processing", "SWE", 3000, 1.15), ("can-qc-anode", "processing", "CAN", 4000, 1.12),
                 ("usa-la-anode", "processing", "USA", 3000, 1.18)],
        artisanal=None),
}


def suppliers_for(key, config):
    rows = []
    countries = set()
    for stage_index, (stage, (mineral, series_stage)) in enumerate(zip(config["stages"], config["series"])):
        share = config["mine_share"] if stage_index == 0 else config["refine_share"]
        base = config["price"] * share
        reach = config["reach"][stage_index]
        for code, quantity in sorted(output(mineral, series_stage).items(), key=lambda item: -item[1]):
            capacity = quantity * reach
            if capacity < 20 or wgi(code) is None:
                continue
            factor = config["cost_factor"].get(code, 1.0)
            split = [("a", 0.6, 1.0), ("b", 0.4, 1.06)] if capacity > 5000 else [("a", 1.0, 1.0)]
            for suffix, part, markup in split:
                sustainability, labor = scores(code, 0.05 if suffix == "a" else -0.05)
                row = dict(
                    id=f"{code.lower()}-{config['tag']}-{stage}-{suffix}", commodity=key, stage=stage, country=code,
                    capacity=round(capacity * part), cost=round(base * factor * markup),
                    input_ratio=config["ratio"] if stage_index > 0 else "", carbon=config["carbon"](stage, code),
                    sustainability=sustainability, labor=labor, flags=";".join(sorted({"feoc"} if code in FEOC else set())),
                    min_order="", surge="", surge_fee="")
                if code in ALLIED or code in FTA_US:
                    row["surge"] = round(capacity * part * 0.25)
                    row["surge_fee"] = round(base * factor * 0.08)
                rows.append(row)
                countries.add(code)
        if stage_index == 0 and config["artisanal"]:
            code, scale = config["artisanal"]
            quantity = output(mineral, series_stage)[code] * reach * scale
            rows.append(dict(id=f"{code.lower()}-{config['tag']}-{stage}-artisanal", commodity=key, stage=stage, country=code,
                             capacity=round(quantity), cost=round(base * config["cost_factor"].get(code, 1) * 0.8),
                             input_ratio="", carbon=config["carbon"](stage, code), sustainability=0.1, labor=0.05,
                             flags="artisanal", min_order="", surge="", surge_fee=""))
    for supplier_id, stage, code, capacity, factor in config["planned"]:
        base = config["price"] * config["refine_share"]
        sustainability, labor = scores(code)
        rows.append(dict(id=supplier_id, commodity=key, stage=stage, country=code, capacity=capacity,
                         cost=round(base * factor), input_ratio=config["ratio"], carbon=config["carbon"](stage, code),
                         sustainability=sustainability, labor=labor, flags="planned",
                         min_order=round(capacity * 0.2) if config.get("min_orders") else "",
                         surge=round(capacity * 0.25), surge_fee=round(base * factor * 0.08)))
        countries.add(code)
    return rows, countries


FIELDS = ["id", "commodity", "stage", "country", "capacity", "cost", "input_ratio", "carbon", "sustainability",
          "labor", "flags", "min_order", "surge", "surge_fee"]


def write_csv(path, rows, fields):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({field: row.get(field, "") for field in fields})


def policies(key, config, commodity_ids, artisanal):
    first, last = config["stages"]
    artisanal = "      - { id: no-artisanal, exclude: { flag: artisanal }, priority: 1 }\n" if artisanal else ""
    commodities = ", ".join(commodity_ids)
    scope = f"commodity: [{commodities}], " if len(commodity_ids) > 1 else ""
    return f"""policies:
  # Least cost, only the physical limits.
  baseline: {{}}

  # EU Critical Raw Materials Act style: no more than 65% from any one country, at every stage.
  crma-65:
    rules:
      - {{ id: single-country-cap, share: {{ each: country }}, max: 0.65 }}

  # Friend-shoring: a floor on allied refining, a cap on Chinese supply, a tariff on FEOC supply.
  friend-shoring:
    extends: crma-65
    rules:
      - {{ id: allied-floor, share: {{ group: allied }}, min: 0.30, stage: {last} }}
      - {{ id: cn-cap, share: {{ country: CHN }}, max: 0.50 }}
      - {{ id: feoc-tariff, tariff: {{ flag: feoc }}, rate: 0.25 }}

  # Strict ESG: a carbon price and score penalties in the objective, screens and exclusions as rules.
  strict-esg:
    weights: {{ carbon: 80, sustainability: {round(config['price'] * 0.05)}, labor: {round(config['price'] * 0.08)} }}
    rules:
{artisanal}      - {{ id: labor-screen, screen: {{ labor: 0.10 }} }}
      - {{ id: labor-average, average: labor, min: 0.40, stage: {last} }}
      - {{ id: diversified, hhi: country, max: 5000 }}

  # Resilience: keep 60% of refined supply after losing any one refining country, using surge
  # capacity reserved in advance.
  resilient:
    extends: crma-65
    rules:
      - {{ id: lose-any-country, survive: {{ each: country }}, coverage: 0.60, stage: {last} }}

  # Infeasible on purpose: nearly all supply from allied countries at every stage, no Chinese
  # supply, and still no more than 65% from any one country (inherited).
  impossible:
    extends: crma-65
    rules:
      - {{ id: allied-only, share: {{ group: allied }}, min: 0.95, priority: 2 }}
      - {{ id: cn-ban, share: {{ country: CHN }}, max: 0.0, priority: 3 }}
"""


def country_rows(codes):
    rows = []
    for code in sorted(codes):
        groups = []
        if code in ALLIED:
            groups.append("allied")
        if code in EU:
            groups.append("eu")
        if code in FTA_US:
            groups.append("us-fta")
        if code in FEOC:
            groups.append("feoc")
        rows.append(dict(id=code, name=country_name(code), groups=";".join(groups), governance=governance(code)))
    return rows


def header(title, description, commodity_lines):
    return f"""# {title}
# {description}
# Built by models/tools/build_models.py from ../shared/data (see models/README.md for what is
# sourced and what is illustrative).
name: {title}
currency: USD
sources:
  - "USGS Mineral Commodity Summaries 2024 data release, 2023 mine production (https://doi.org/10.5066/P144BA54)"
  - "IEA Critical Minerals Data Explorer, May 2024, 2023 refined output (CC BY 4.0)"
  - "World Bank Worldwide Governance Indicators, 2024 update (governance weights; labor and sustainability scores are derived, illustrative)"
  - "Carbon intensities: Roskill 2020, IEEFA 2024, Processes 2022, J. Ind. Ecol. 2022 (see shared/data/README.md)"
commodities:
{commodity_lines}
countries: ../countries.csv
suppliers: suppliers.csv
settings: {{ hhi_segments: 20, time_limit: 60 }}

"""


all_countries = set()
combined_rows = []
for key, config in MINERALS.items():
    rows, countries = suppliers_for(key, config)
    all_countries |= countries
    folder = os.path.join(OUT, key)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "suppliers.csv"), rows, FIELDS)
    line = f"  - {{ id: {key}, unit: \"{config['unit']}\", demand: {config['demand']}, stages: [{', '.join(config['stages'])}] }}"
    with open(os.path.join(folder, "model.yaml"), "w", encoding="utf-8") as handle:
        handle.write(header(f"{key.replace('-', ' ').capitalize()} for a 2030 buyer", f"Two stages ({', '.join(config['stages'])}); 2023 output by country.", line))
        handle.write(policies(key, config, [key], config["artisanal"] is not None))
    if key != "rare-earths":
        for row in rows:
            combined = dict(row)
            combined["capacity"] = round(row["capacity"] * 0.5)
            if combined.get("min_order"):
                combined["min_order"] = round(row["min_order"] * 0.5)
            if combined.get("surge"):
                combined["surge"] = round(row["surge"] * 0.5)
            combined_rows.append(combined)

write_csv(os.path.join(OUT, "countries.csv"), country_rows(all_countries), ["id", "name", "groups", "governance"])

folder = os.path.join(OUT, "battery-materials")
os.makedirs(folder, exist_ok=True)
write_csv(os.path.join(folder, "suppliers.csv"), combined_rows, FIELDS)
lines = []
keys = [key for key in MINERALS if key != "rare-earths"]
for key in keys:
    config = MINERALS[key]
    lines.append(f"  - {{ id: {key}, unit: \"{config['unit']}\", demand: {config['demand'] // 2}, stages: [{', '.join(config['stages'])}] }}")
with open(os.path.join(folder, "model.yaml"), "w", encoding="utf-8") as handle:
    handle.write(header("Battery materials for a 2030 cell plant",
                        "Lithium, cobalt, nickel and graphite; each two stages; shares never pooled across commodities.",
                        "\n".join(lines)))
    text = policies("battery", {"stages": ("mining", "refining"), "price": 30000}, keys, True)
    # Graphite's second stage is called processing: scope the stage-specific rules to both names.
    text = text.replace("stage: refining", "stage: [refining, processing]")
    handle.write(text)
print("wrote models for", ", ".join(list(MINERALS) + ["battery-materials"]))
