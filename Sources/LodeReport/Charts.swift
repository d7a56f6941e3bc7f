import Foundation

// Charts are drawn here as plain SVG. Looked at first: Apple's Swift Charts (SwiftUI, Apple
// platforms only, renders views rather than files), swiftplot (KarthikRIyer/swiftplot, SVG and
// AGG back ends, but not in the registries this project can fetch) and JohnSundell/Plot (an HTML
// DSL, no charts). None fits a self-contained, offline, byte-stable SVG in an HTML file, so the
// two chart kinds the report needs are written out directly.

/// Country colours: Okabe and Ito's colour-blind-safe eight (without black), Paul Tol's muted
/// and further distinguishable colours. A country's colour comes from its id alone, so it is
/// the same in every report: the common producers have a fixed place (ordered so that those
/// that share a stage get colours far apart), any other id hashes into the palette.
enum Palette {
    static let colors = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
        "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#882255", "#AA4499",
        "#DDCC77", "#CC6677", "#6699CC", "#994F00", "#66A61E", "#E7298A", "#B2DF8A", "#1A85FF",
    ]
    static let other = "#BBBBBB"

    /// The common producers of critical minerals, each with its palette index.
    static let fixed: [String: Int] = [
        "CHN": 5, "COD": 0, "AUS": 1, "IDN": 2, "CHL": 3, "ARG": 4, "RUS": 7, "CAN": 6, "USA": 8,
        "PHL": 9, "NCL": 10, "BRA": 11, "MDG": 12, "FIN": 13, "JPN": 16, "DEU": 15, "ZWE": 14,
        "KOR": 17, "TUR": 18, "VNM": 19, "IND": 20, "MOZ": 21, "TZA": 14, "NOR": 16, "SWE": 19,
        "PRT": 21, "MMR": 15, "MEX": 18, "CUB": 20, "PNG": 17, "UKR": 13, "THA": 12, "MYS": 11,
        "FRA": 10, "ZAF": 9, "MAR": 8, "KAZ": 6, "BEL": 4, "GBR": 3,
    ]

    /// The colour of a country: its fixed place, or a stable hash (FNV-1a) of its id.
    static func color(_ country: String) -> String {
        if let index = fixed[country] { return colors[index] }
        var hash: UInt32 = 2_166_136_261
        for byte in country.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return colors[Int(hash % UInt32(colors.count))]
    }
}

/// A number with thousands separators or a percentage, for axes and labels.
enum Ticks {
    /// About `count` round steps covering 0...maximum (or minimum...maximum).
    static func steps(from minimum: Double, to maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > minimum else { return [minimum] }
        let raw = (maximum - minimum) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = (minimum / step).rounded(.down) * step
        // From the step at or below the minimum to the first at or above the maximum, so every
        // point lies within the axes.
        var values = [start]
        while values.last! < maximum - step * 1e-9 { values.append(start + Double(values.count) * step) }
        return values
    }
}

struct StackedBarChart {
    struct Bar {
        var label: String
        /// (series, fraction 0...1) in drawing order.
        var segments: [(String, Double)]
        /// Shown instead of a bar (e.g. "infeasible").
        var note: String?
    }

    var title: String
    var bars: [Bar]
    /// Series (countries) to colour, in legend order; others are drawn as "Other".
    var colors: [String: String]
    var legend: [String]
    /// Country names by id, for the legend and titles (the id is shown where a name is missing).
    var names: [String: String] = [:]

    func name(_ series: String) -> String { names[series] ?? series }

    /// Where each legend entry goes: entries flow left to right, as wide as their names (about
    /// 6.6 px a character at 12 px), onto a new row when the next would not fit.
    func legendLayout(width: Double) -> [(x: Double, row: Int)] {
        var places: [(x: Double, row: Int)] = []
        var x = 0.0, row = 0
        for series in legend {
            let entry = 16 + Double(name(series).count) * 6.6 + 18
            if x > 0 && x + entry > width {
                x = 0
                row += 1
            }
            places.append((x, row))
            x += entry
        }
        return places
    }
    func titled(_ series: String) -> String { names[series].map { "\($0) (\(series))" } ?? series }

    func svg() -> String {
        let width = 720.0, left = 130.0, right = 20.0, top = 36.0, barHeight = 22.0, gap = 10.0
        let plotWidth = width - left - right
        let legendPlaces = legendLayout(width: width - left - right)
        let legendRows = Double((legendPlaces.map(\.row).max() ?? -1) + 1)
        let height = top + Double(bars.count) * (barHeight + gap) + 30 + legendRows * 20 + 10
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart stacked\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        )
        parts.append("<title>\(HTML.escape(title))</title>")
        parts.append("<text x=\"\(Int(left))\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>")
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = left + tick * plotWidth
            parts.append(
                "<line x1=\"\(f(x))\" y1=\"\(f(top - 6))\" x2=\"\(f(x))\" y2=\"\(f(top + Double(bars.count) * (barHeight + gap)))\" class=\"grid\"/>"
            )
            parts.append(
                "<text x=\"\(f(x))\" y=\"\(f(top + Double(bars.count) * (barHeight + gap) + 14))\" class=\"tick\" text-anchor=\"middle\">\(Int(tick * 100))%</text>"
            )
        }
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * (barHeight + gap)
            parts.append(
                "<text x=\"\(f(left - 8))\" y=\"\(f(y + barHeight * 0.7))\" class=\"label\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>"
            )
            if let note = bar.note {
                parts.append(
                    "<text x=\"\(f(left + 6))\" y=\"\(f(y + barHeight * 0.7))\" class=\"note\">\(HTML.escape(note))</text>"
                )
                continue
            }
            var x = left
            for (series, fraction) in bar.segments where fraction > 0 {
                let w = fraction * plotWidth
                let color = colors[series] ?? Palette.other
                parts.append(
                    "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(barHeight))\" fill=\"\(color)\" data-series=\"\(HTML.escape(series))\" data-share=\"\(String(format: "%.6f", fraction))\"><title>\(HTML.escape(bar.label)): \(HTML.escape(titled(series))) \(Format.percent(fraction))</title></rect>"
                )
                if w > 34 {
                    parts.append(
                        "<text x=\"\(f(x + w / 2))\" y=\"\(f(y + barHeight * 0.7))\" class=\"segment\" text-anchor=\"middle\">\(Format.percent(fraction, decimals: 0))</text>"
                    )
                }
                x += w
            }
        }
        let legendTop = top + Double(bars.count) * (barHeight + gap) + 30
        for (index, series) in legend.enumerated() {
            let x = left + legendPlaces[index].x
            let y = legendTop + Double(legendPlaces[index].row) * 20
            parts.append(
                "<rect x=\"\(f(x))\" y=\"\(f(y - 10))\" width=\"12\" height=\"12\" fill=\"\(colors[series] ?? Palette.other)\"/>"
            )
            parts.append(
                "<text x=\"\(f(x + 16))\" y=\"\(f(y))\" class=\"legend\" data-series=\"\(HTML.escape(series))\">"
                    + "\(HTML.escape(name(series)))<title>\(HTML.escape(titled(series)))</title></text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}

struct LineChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var points: [(x: Double, y: Double)]
    var xPercent = false
    /// Several lines (a two-parameter sweep, one per value of the second), each with its
    /// legend label; empty draws `points` as the one line.
    var lines: [(label: String, points: [(x: Double, y: Double)])] = []
    /// The x of points without a plan: marked on the x axis (and the span they cover shaded).
    var failed: [Double] = []
    /// Ticks at these x with these labels (a plan's periods) instead of round steps; tooltips
    /// name a point's x by its label too.
    var xTicks: [(x: Double, label: String)] = []
    /// A colour per line (a country's own), instead of `lineColors` by position.
    var colors: [String] = []
    /// The y axis reaches down to 0 (amounts that start from nothing: shares, stock, capacity).
    var fromZero = false

    /// The lines' colours, in order: a line per value, so neighbours stay apart.
    static let lineColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#332288", "#999933"]

    func svg() -> String {
        // The legend flows left to right as wide as its labels (about 6.6 px a character).
        var places: [(x: Double, row: Int)] = []
        var flow = 0.0, row = 0
        for line in lines {
            let entry = 18 + Double(line.label.count) * 6.6 + 24
            if flow > 0 && flow + entry > 600 {
                flow = 0
                row += 1
            }
            places.append((flow, row))
            flow += entry
        }
        let legendRows = lines.isEmpty ? 0.0 : Double(row + 1)
        let extra = lines.isEmpty ? 0.0 : legendRows * 18 + 10
        let width = 720.0, height = 360.0 + extra, left = 96.0, right = 24.0, top = 36.0, bottom = 56.0 + extra
        let xs = points.map(\.x) + failed, ys = points.map(\.y)
        let labels = Dictionary(self.xTicks.map { ($0.x, $0.label) }, uniquingKeysWith: { first, _ in first })
        let xTicks = self.xTicks.isEmpty ? Ticks.steps(from: xs.min() ?? 0, to: xs.max() ?? 1) : self.xTicks.map(\.x)
        func colorOf(_ index: Int) -> String {
            index < colors.count ? colors[index] : Self.lineColors[index % Self.lineColors.count]
        }
        let yLow = min(ys.min() ?? 0, ys.max() ?? 0)
        let yTicks = Ticks.steps(from: fromZero ? min(yLow, 0) : yLow, to: ys.max() ?? 1)
        let xMin = xTicks.first ?? 0, xMax = max(xTicks.last ?? 1, xMin + 1e-12)
        let yMin = yTicks.first ?? 0, yMax = max(yTicks.last ?? 1, yMin + 1e-12)
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - yMin) / (yMax - yMin) * (height - top - bottom) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">",
            "<title>\(HTML.escape(title))</title>",
            "<text x=\"\(Int(left))\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>",
        ]
        for tick in yTicks {
            parts.append(
                "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" class=\"grid\"/>"
            )
            parts.append(
                "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" class=\"tick\" text-anchor=\"end\">\(Format.number(tick))</text>"
            )
        }
        for tick in xTicks {
            parts.append(
                "<line x1=\"\(f(px(tick)))\" y1=\"\(f(height - bottom))\" x2=\"\(f(px(tick)))\" y2=\"\(f(height - bottom + 5))\" class=\"axis\"/>"
            )
            let label =
                labels[tick].map(HTML.escape) ?? (xPercent ? Format.percent(tick, decimals: 0) : Format.compact(tick))
            parts.append(
                "<text x=\"\(f(px(tick)))\" y=\"\(f(height - bottom + 18))\" class=\"tick\" text-anchor=\"middle\">\(label)</text>"
            )
        }
        parts.append(
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" class=\"axis\"/>"
        )
        parts.append(
            "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" class=\"axis\"/>")
        if let low = failed.min(), let high = failed.max() {
            // The span of the points without a plan, shaded, and a cross on the axis at each.
            // Half a step between points either side, so the band meets the nearest plan.
            let distinct = Set(xs).count
            let spread = distinct > 1 ? (xs.max()! - xs.min()!) / Double(distinct - 1) / 2 : 0
            let x0 = max(px(low - spread), left), x1 = min(px(high + spread), width - right)
            parts.append(
                "<rect x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(max(x1 - x0, 2)))\" "
                    + "height=\"\(f(height - bottom - top))\" class=\"infeasible-band\">"
                    + "<title>No plan for \(HTML.escape(xLabel)) in this span</title></rect>"
            )
            for x in failed.sorted() {
                let label = xPercent ? Format.percent(x) : Format.compact(x)
                parts.append(
                    "<text x=\"\(f(px(x)))\" y=\"\(f(height - bottom - 3))\" class=\"infeasible-mark\" "
                        + "text-anchor=\"middle\" data-x=\"\(x)\">×<title>\(HTML.escape(xLabel)) \(label): no plan</title></text>"
                )
            }
        }
        let drawn = lines.isEmpty ? [(label: "", points: points)] : lines
        for (index, line) in drawn.enumerated() {
            let color = colorOf(index)
            let path = line.points.sorted { $0.x < $1.x }.map { "\(f(px($0.x))),\(f(py($0.y)))" }
                .joined(separator: " ")
            var name = line.label.isEmpty ? "" : " data-line=\"\(HTML.escape(line.label))\""
            // Later lines dashed, so lines that coincide still both show.
            if index > 0 { name += " stroke-dasharray=\"\(3 + index * 3) 3\"" }
            parts.append("<polyline points=\"\(path)\" class=\"series\" stroke=\"\(color)\"\(name)/>")
            for point in line.points {
                let title = (line.label.isEmpty ? "" : "\(line.label), ") + "\(xLabel) "
                parts.append(
                    "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3\" class=\"marker\" fill=\"\(color)\" data-x=\"\(point.x)\" data-y=\"\(point.y)\"><title>\(HTML.escape(title))\(labels[point.x].map(HTML.escape) ?? (xPercent ? Format.percent(point.x) : Format.compact(point.x))): \(Format.number(point.y))</title></circle>"
                )
            }
        }
        for (index, line) in lines.enumerated() {
            let x = left + places[index].x, y = 370.0 + Double(places[index].row) * 18
            parts.append(
                "<line x1=\"\(f(x))\" y1=\"\(f(y - 8))\" x2=\"\(f(x + 18))\" y2=\"\(f(y - 8))\" stroke-width=\"3\" "
                    + "stroke=\"\(colorOf(index))\""
                    + (index > 0 ? " stroke-dasharray=\"\(3 + index * 3) 3\"/>" : "/>")
            )
            parts.append(
                "<text x=\"\(f(x + 24))\" y=\"\(f(y - 4))\" class=\"legend\">\(HTML.escape(line.label))</text>")
        }
        parts.append(
            "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - bottom + 44))\" class=\"axis-label\" text-anchor=\"middle\">\(HTML.escape(xLabel))</text>"
        )
        parts.append(
            "<text x=\"16\" y=\"\(f((top + height - bottom) / 2))\" class=\"axis-label\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f((top + height - bottom) / 2)))\">\(HTML.escape(yLabel))</text>"
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}

/// Coordinates with one decimal: enough for the eye, and stable text.
func f(_ value: Double) -> String { String(format: "%.1f", value) }

/// Horizontal bars of amounts on a common axis through zero: stacked parts (cost by part per
/// policy) or one signed bar each (price against the reference, positive right of zero,
/// negative left). Each bar's rects carry `barClass`, so a test can count them.
struct ValueBarChart {
    struct Bar {
        var label: String
        /// (series, amount) in drawing order; amounts of one sign stack outward from zero.
        var segments: [(String, Double)]
        /// Shown instead of a bar (e.g. "infeasible").
        var note: String?
    }

    var title: String
    var bars: [Bar]
    /// The axis label, with its unit (e.g. "Cost per period (USD)").
    var axisLabel: String
    /// The unit after each amount in the tooltips.
    var unit: String
    var barClass: String
    /// Series colours, in legend order; no legend when there is one series.
    var series: [(name: String, color: String)]
    /// Write each bar's total (signed) at its end.
    var showTotals = false

    func svg() -> String {
        // Narrow (440), so that two sit side by side and still print at the share charts' text size.
        let width = 440.0, left = 110.0, right = 64.0, top = 36.0, barHeight = 22.0, gap = 10.0
        let plotBottom = top + Double(bars.count) * (barHeight + gap)
        let ends = bars.flatMap { bar -> [Double] in
            let values = bar.segments.map(\.1)
            return [values.filter { $0 > 0 }.reduce(0, +), values.filter { $0 < 0 }.reduce(0, +)]
        }
        let ticks = Ticks.steps(from: min(ends.min() ?? 0, 0), to: max(ends.max() ?? 1, 0))
        let low = ticks.first ?? 0, high = max(ticks.last ?? 1, low + 1e-12)
        func px(_ value: Double) -> Double { left + (value - low) / (high - low) * (width - left - right) }
        // The legend flows left to right as wide as its names (about 6.6 px a character).
        var places: [(x: Double, row: Int)] = []
        var flow = 0.0, row = 0
        for entry in series where series.count > 1 {
            let entryWidth = 16 + Double(entry.name.count) * 6.6 + 14
            if flow > 0 && flow + entryWidth > width - 16 {
                flow = 0
                row += 1
            }
            places.append((flow, row))
            flow += entryWidth
        }
        let legendRows = places.isEmpty ? 0 : row + 1
        let height = plotBottom + 44 + Double(legendRows) * 20 + 8
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars \(barClass)-chart\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">",
            "<title>\(HTML.escape(title))</title>",
            "<text x=\"16\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>",
        ]
        for tick in ticks {
            parts.append(
                "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top - 6))\" x2=\"\(f(px(tick)))\" y2=\"\(f(plotBottom))\" "
                    + "class=\"\(tick == 0 ? "axis" : "grid")\"/>")
            parts.append(
                "<text x=\"\(f(px(tick)))\" y=\"\(f(plotBottom + 14))\" class=\"tick\" text-anchor=\"middle\">"
                    + "\(Ticks.short(tick))</text>")
        }
        let colors = Dictionary(series.map { ($0.name, $0.color) }, uniquingKeysWith: { first, _ in first })
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * (barHeight + gap)
            parts.append(
                "<text x=\"\(f(left - 8))\" y=\"\(f(y + barHeight * 0.7))\" class=\"label\" text-anchor=\"end\">"
                    + "\(HTML.escape(bar.label))</text>")
            if let note = bar.note {
                parts.append(
                    "<text x=\"\(f(px(0) + 6))\" y=\"\(f(y + barHeight * 0.7))\" class=\"note\">\(HTML.escape(note))</text>"
                )
                continue
            }
            var positive = 0.0, negative = 0.0
            for (name, amount) in bar.segments where amount != 0 {
                let from = amount > 0 ? positive : negative + amount
                if amount > 0 { positive += amount } else { negative += amount }
                let x = px(from), w = max(px(from + abs(amount)) - x, 0.5)
                let sign = showTotals && amount > 0 ? "+" : ""
                parts.append(
                    "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(barHeight))\" "
                        + "fill=\"\(colors[name] ?? Palette.other)\" class=\"\(barClass)\" "
                        + "data-series=\"\(HTML.escape(name))\" data-value=\"\(Format.plain(amount))\">"
                        + "<title>\(HTML.escape(bar.label)): \(HTML.escape(name)) \(sign)\(Format.number(amount)) "
                        + "\(HTML.escape(unit))</title></rect>")
            }
            if showTotals {
                let total = positive + negative
                let text = (total > 0 ? "+" : "") + Format.number(total)
                let anchor = total < 0 ? "end" : "start"
                let x = total < 0 ? px(negative) - 4 : px(positive) + 4
                parts.append(
                    "<text x=\"\(f(x))\" y=\"\(f(y + barHeight * 0.7))\" class=\"label\" text-anchor=\"\(anchor)\">"
                        + "\(text)</text>")
            }
        }
        parts.append(
            "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(plotBottom + 32))\" class=\"axis-label\" "
                + "text-anchor=\"middle\">\(HTML.escape(axisLabel))</text>")
        if series.count > 1 {
            for (index, entry) in series.enumerated() {
                let x = 16 + places[index].x, y = plotBottom + 56 + Double(places[index].row) * 20
                parts.append(
                    "<rect x=\"\(f(x))\" y=\"\(f(y - 10))\" width=\"12\" height=\"12\" fill=\"\(entry.color)\"/>")
                parts.append(
                    "<text x=\"\(f(x + 16))\" y=\"\(f(y))\" class=\"legend\">\(HTML.escape(entry.name))</text>")
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}

extension Ticks {
    /// An axis amount in few characters: 1.5k, 250M, 1.2bn (the axis label carries the unit).
    static func short(_ value: Double) -> String {
        let size = abs(value)
        guard size == 0 || size >= 0.01 else { return Format.compact(value) }
        let (scale, suffix) = [(1e9, "bn"), (1e6, "M"), (1e3, "k")].first { size >= $0.0 } ?? (1, "")
        var text = Format.number(value / scale, decimals: 2)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text + suffix
    }
}
