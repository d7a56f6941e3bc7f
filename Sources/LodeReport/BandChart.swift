// The report's band chart of an ensemble: a shaded P10-P90 band and the median line of one column
// against a varied path, one marker per bin (its count and quantiles in the tooltip).

struct BandChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var bins: [SweepBands.Bin]
    var xPercent = false
    var yPercent = false

    func svg() -> String {
        let width = 720.0, height = 320.0, left = 96.0, right = 24.0, top = 36.0, bottom = 70.0
        let xs = bins.map(\.x), lows = bins.map(\.p10), highs = bins.map(\.p90)
        let xTicks = Ticks.steps(from: xs.min() ?? 0, to: xs.max() ?? 1)
        let yTicks = Ticks.steps(from: lows.min() ?? 0, to: highs.max() ?? 1)
        let xMin = xTicks.first ?? 0, xMax = max(xTicks.last ?? 1, xMin + 1e-12)
        let yMin = yTicks.first ?? 0, yMax = max(yTicks.last ?? 1, yMin + 1e-12)
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - yMin) / (yMax - yMin) * (height - top - bottom) }
        func xText(_ x: Double) -> String { xPercent ? Format.percent(x) : Format.compact(x) }
        func yText(_ y: Double) -> String { yPercent ? Format.percent(y) : Format.number(y) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart band-chart\" viewBox=\"0 0 \(Int(width)) "
                + "\(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">",
            "<title>\(HTML.escape(title))</title>",
            "<text x=\"\(Int(left))\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>",
        ]
        for tick in yTicks {
            parts.append(
                "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" "
                    + "class=\"grid\"/>")
            let label = yPercent ? Format.percent(tick, decimals: 0) : Ticks.short(tick)
            parts.append(
                "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" class=\"tick\" text-anchor=\"end\">\(label)</text>"
            )
        }
        for tick in xTicks {
            let label = xPercent ? Format.percent(tick, decimals: 0) : Format.compact(tick)
            parts.append(
                "<text x=\"\(f(px(tick)))\" y=\"\(f(height - bottom + 18))\" class=\"tick\" text-anchor=\"middle\">"
                    + "\(label)</text>")
        }
        parts.append(
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" "
                + "y2=\"\(f(height - bottom))\" class=\"axis\"/>")
        parts.append(
            "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" class=\"axis\"/>")
        let upper = bins.map { "\(f(px($0.x))),\(f(py($0.p90)))" }
        let lower = bins.reversed().map { "\(f(px($0.x))),\(f(py($0.p10)))" }
        parts.append(
            "<polygon points=\"\((upper + lower).joined(separator: " "))\" class=\"band\" fill=\"#0072B2\" "
                + "fill-opacity=\"0.22\" stroke=\"none\"><title>P10 to P90</title></polygon>")
        parts.append(
            "<polyline points=\"\(bins.map { "\(f(px($0.x))),\(f(py($0.p50)))" }.joined(separator: " "))\" "
                + "class=\"series median\" stroke=\"#0072B2\"/>")
        for bin in bins {
            parts.append(
                "<circle cx=\"\(f(px(bin.x)))\" cy=\"\(f(py(bin.p50)))\" r=\"3\" fill=\"#0072B2\" class=\"band-bin\" "
                    + "data-x=\"\(bin.x)\" data-count=\"\(bin.count)\" data-p10=\"\(bin.p10)\" data-p50=\"\(bin.p50)\" "
                    + "data-p90=\"\(bin.p90)\"><title>\(HTML.escape(xLabel)) \(xText(bin.x)): \(bin.count) points, "
                    + "P10 \(yText(bin.p10)), median \(yText(bin.p50)), P90 \(yText(bin.p90))</title></circle>")
        }
        // The legend: the band and the median.
        let legendY = height - 18
        parts.append(
            "<rect x=\"\(f(left))\" y=\"\(f(legendY - 10))\" width=\"18\" height=\"12\" fill=\"#0072B2\" "
                + "fill-opacity=\"0.22\"/>")
        parts.append("<text x=\"\(f(left + 24))\" y=\"\(f(legendY))\" class=\"legend\">P10 to P90</text>")
        parts.append(
            "<line x1=\"\(f(left + 120))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + 138))\" y2=\"\(f(legendY - 4))\" "
                + "stroke=\"#0072B2\" stroke-width=\"3\"/>")
        parts.append("<text x=\"\(f(left + 144))\" y=\"\(f(legendY))\" class=\"legend\">median</text>")
        parts.append(
            "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - bottom + 36))\" class=\"axis-label\" "
                + "text-anchor=\"middle\">\(HTML.escape(xLabel))</text>")
        let middle = (top + height - bottom) / 2
        parts.append(
            "<text x=\"16\" y=\"\(f(middle))\" class=\"axis-label\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 \(f(middle)))\">\(HTML.escape(yLabel))</text>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
