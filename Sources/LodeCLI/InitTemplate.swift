/// The starter model `lode init DIR` writes: a small commented model (two stages, suppliers in
/// four countries, three policies) that checks clean and solves every policy optimal
/// (Tests/LodeCLITests/FirstHourCLITests.swift checks exactly this).
enum InitTemplate {
    /// The file `lode init` writes into its folder.
    static let fileName = "model.yaml"

    static let model = """
        # A starter model written by `lode init`. Every construct is explained in
        # docs/model-language.md of the Lode repository; the numbers here are illustrative.
        #
        # Next: lode check model.yaml, lode compare model.yaml, then edit and add your own.

        name: Starter model
        # The currency of every cost in the file (and of the reports).
        currency: USD

        # What is bought: an id, the unit of its volumes, the demand a period, and its stages in
        # order (each stage's output feeds the next; the last stage's output meets the demand).
        commodities:
          - { id: cobalt, unit: "t Co", demand: 1000, stages: [mining, refining] }

        # The countries suppliers may be in. Groups (allied, ...) are what policies select by.
        # A long list can live in a CSV file instead: countries: countries.csv (id,name,groups).
        countries:
          - { id: COD, name: DR Congo }
          - { id: IDN, name: Indonesia }
          - { id: AUS, name: Australia, groups: [allied] }
          - { id: FIN, name: Finland, groups: [allied] }

        # Mines and refineries: capacity and cost per unit a period, carbon in t CO2e per unit,
        # labor and sustainability scores from 0 to 1, and flags that policies can select by.
        # A long list can live in a CSV file: suppliers: suppliers.csv (one column per field).
        suppliers:
          - { id: cod-mine, commodity: cobalt, stage: mining, country: COD, capacity: 900, cost: 20000,
              carbon: 8, labor: 0.45, sustainability: 0.5, flags: [artisanal] }
          - { id: idn-mine, commodity: cobalt, stage: mining, country: IDN, capacity: 500, cost: 22000,
              carbon: 12, labor: 0.55, sustainability: 0.45 }
          - { id: aus-mine, commodity: cobalt, stage: mining, country: AUS, capacity: 600, cost: 26000,
              carbon: 6, labor: 0.9, sustainability: 0.85 }
          - { id: idn-refinery, commodity: cobalt, stage: refining, country: IDN, capacity: 700, cost: 3000,
              carbon: 20, labor: 0.55, sustainability: 0.4 }
          - { id: fin-refinery, commodity: cobalt, stage: refining, country: FIN, capacity: 400, cost: 4500,
              carbon: 5, labor: 0.95, sustainability: 0.9 }
          - { id: aus-refinery, commodity: cobalt, stage: refining, country: AUS, capacity: 300, cost: 5000,
              carbon: 7, labor: 0.9, sustainability: 0.85 }

        # Policies: each is solved on its own (lode solve model.yaml --policy NAME) or side by
        # side (lode compare model.yaml). A policy may extend another and add rules.
        policies:
          # Least cost, only the physical limits (capacity, demand, stages).
          baseline: {}

          # No more than 60% from any one country, at every stage.
          country-cap:
            rules:
              - { id: single-country-cap, share: { each: country }, max: 0.60 }

          # ESG: a carbon price of 50 USD per t CO2e in the objective, no artisanal mining, and
          # an average labor score of at least 0.6 at the mines; keeps the country cap.
          esg:
            extends: country-cap
            weights: { carbon: 50 }
            rules:
              - { id: no-artisanal, exclude: { flag: artisanal }, stage: mining }
              - { id: labor-average, average: labor, min: 0.60, stage: mining }
        """
}
