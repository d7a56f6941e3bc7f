import Foundation
import LodeSourcing
import Testing

@testable import LodeReport

@Suite("Numbers for people")
struct FormatTests {
    @Test("thousands separators, decimals, signs and what is not finite")
    func numbers() {
        #expect(Format.number(1_234_567.891) == "1,234,568")
        #expect(Format.number(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(Format.number(-13_488_250) == "-13,488,250")
        #expect(Format.number(-0.004, decimals: 2) == "0.00")  // no "-0.00"
        #expect(Format.number(999.5) == "1,000")
        #expect(
            Format.number(.infinity) == "inf" && Format.number(-.infinity) == "-inf" && Format.number(.nan) == "n/a")
        #expect(Format.percent(0.3) == "30.0%")
    }

    @Test("fixed decimals are written as C's %.*f writes them, halfway cases and large values included")
    func fixedAsPrintf() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, 0.5, 1.5, 2.5, 0.125, 0.375, 1e-7, 123_456_789.125, 1e15, 1e22, 9_007_199_254_740_992,
        ]
        for _ in 0..<2_000 {
            values.append(Double.random(in: 0..<1e9, using: &generator))
            values.append(Double(Int.random(in: 0..<100_000, using: &generator)) / 8)  // exact halves and eighths
        }
        for value in values {
            for decimals in [0, 1, 2, 4] {
                #expect(
                    Format.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
                    "\(value) \(decimals)")
            }
        }
    }

    @Test("table columns align and lines carry no trailing blanks")
    func table() {
        let lines = Format.table([["a", "1", ""], ["long name", "22", "x"]], rightAligned: [1])
        #expect(lines == ["a           1", "long name  22  x"])
    }

    @Test("plain numbers for scripts: whole numbers as integers, others as the shortest decimal or ten digits")
    func plain() {
        #expect(Format.plain(1150) == "1150" && Format.plain(-0.0) == "0" && Format.plain(0.25) == "0.25")
        #expect(Format.plain(1e15) == "1000000000000000.0" && Format.plain(1e16) == "1e+16")
        #expect(Format.plain(1e-5) == "1e-05")
        #expect(Format.plain(.infinity) == "inf" && Format.plain(.nan) == "nan")
        #expect(Format.plain(0.1 + 0.2) == "0.30000000000000004")
        #expect(Format.plain(0.1 + 0.2, significantDigits: 10) == "0.3")
        #expect(Format.plain(12, significantDigits: 10) == "12")
        #expect(Format.plain(12_345_678_901.5, significantDigits: 10) == "1.23456789e+10")
        #expect(PlainNumber.text(2.5) == Format.plain(2.5))
    }

    @Test("timings: three decimals per phase")
    func timings() {
        #expect(Format.timings([("read", 0.0125), ("solve", 1.5)]) == "timings (s): read 0.013  solve 1.500")
    }
}
