// How a sweep's points are chosen from its `--vary` axes (`--design grid|lhs|random`), and how
// they are numbered: the numbering is what `--shard K/N` and `--points LIST` rely on.

/// The design of a sweep: every point of the grid, a Latin hypercube of `--samples` points, or
/// `--samples` points drawn at random.
public enum SweepDesign: String, Sendable, CaseIterable {
    /// Every combination of the axes' values, the first axis varying slowest.
    case grid
    /// A Latin hypercube: each axis cut into N strata, each stratum used by exactly one point.
    case lhs
    /// Points drawn independently (``SweepPoints/samples(_:count:seed:)``).
    case random
}

extension SweepPoints {
    /// The points of `design` over `axes` (`samples` points for lhs and random, from `seed`),
    /// checked first: sizes (``check(_:samples:)``), and a continuous range (`FROM:TO`) in a grid.
    public static func make(_ axes: [SweepAxis], design: SweepDesign, samples: Int?, seed: UInt64)
        throws(InvalidModelError) -> SweepPoints
    {
        if design == .grid, let axis = axes.first(where: \.continuous) {
            let range = "\(Override.format(axis.values[0])):\(Override.format(axis.values[1]))"
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: SourceLocation(file: "--vary", line: 1, column: 1), field: axis.path,
                    "the range \(range) has no step, so a grid cannot list its values",
                    fix: "give a step (\(axis.path)=\(range):STEP), or draw points from it with "
                        + "--design lhs --samples N (or --design random)")
            ])
        }
        try check(axes, samples: design == .grid ? nil : samples)
        switch design {
        case .grid: return grid(axes)
        case .lhs: return latinHypercube(axes, count: samples ?? 1, seed: seed)
        case .random: return self.samples(axes, count: samples ?? 1, seed: seed)
        }
    }

    /// A Latin hypercube of `count` points: each axis is cut into `count` strata of equal width,
    /// and each stratum of each axis holds exactly one point; which point gets which stratum is a
    /// random permutation per axis (Fisher-Yates on SplitMix64 from `seed`, the axes in order).
    ///
    /// A continuous axis (`FROM:TO`) takes a uniform draw within its stratum: stratum `k` spans
    /// FROM + (TO - FROM) * [k, k + 1) / count. An axis of L values (a stepped range or a list)
    /// takes, in stratum `k`, the value at position floor((k + 1/2) * L / count) of its values as
    /// written: each value is used count/L times when L divides count, and never more than once
    /// more than another. The numbers come from integer arithmetic and one generator, so the same
    /// seed gives the same points on every platform.
    public static func latinHypercube(_ axes: [SweepAxis], count: Int, seed: UInt64) -> SweepPoints {
        var generator = SeededGenerator(seed: seed)
        let strata: [[Int]] = axes.map { _ in
            var order = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            return order
        }
        let values = (0..<count).map { point in
            axes.indices.map { a -> Double in
                let axis = axes[a], stratum = strata[a][point]
                if axis.continuous {
                    let from = axis.values[0], to = axis.values[1]
                    let u = Double(generator.next() >> 11) / Double(UInt64(1) << 53)
                    return from + (to - from) * (Double(stratum) + u) / Double(count)
                }
                let levels = axis.values.count
                return axis.values[(2 * stratum + 1) * levels / (2 * count)]
            }
        }
        return SweepPoints(axes: axes, values: values)
    }

    /// These points under each of `overlays` in turn (the overlay varying slowest): point
    /// `o * designCount + p` is the design's point `p` with overlay `o`'s changes applied first.
    /// Without overlays, the points themselves.
    public func crossed(with overlays: [Overlay]) -> SweepPoints {
        guard !overlays.isEmpty else { return self }
        var crossed = SweepPoints(axes: axes, values: overlays.flatMap { _ in values })
        crossed.overlays = overlays
        crossed.designCount = values.count
        return crossed
    }

    /// The overlay of `point`, nil without overlays.
    public func overlay(at point: Int) -> Overlay? {
        overlays.isEmpty || designCount == 0 ? nil : overlays[point / designCount]
    }
}
