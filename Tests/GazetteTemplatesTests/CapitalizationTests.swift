import Foundation
import GazetteTemplates
import Testing

/// `capitalized(…)` is Foundation's `capitalized` (what swift-mustache calls), without
/// Foundation: compared here on every scalar of the Basic Multilingual Plane, in the places
/// where the algorithm treats it differently (word start, after a cased letter, before one).
@Suite struct CapitalizationTests {
    @Test func matchesFoundationOnEveryBMPScalar() throws {
        let template = try Template("{{{capitalized(s)}}}")
        var mismatches: [String] = []
        var probes: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            probes.append(c + "b " + "a" + c + "b")
        }
        // Many scalars per render keeps this fast; each probe is also a word boundary test.
        for chunk in stride(from: 0, to: probes.count, by: 512) {
            let text = probes[chunk..<min(chunk + 512, probes.count)].joined(separator: " | ")
            let ours = template.render(["s": .string(text)])
            let foundation = text.capitalized
            if ours != foundation {
                let a = ours.components(separatedBy: " | "), b = foundation.components(separatedBy: " | ")
                for (x, y) in zip(a, b) where x != y { mismatches.append("\(x.debugDescription) vs \(y.debugDescription)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func words() throws {
        let template = try Template("{{{capitalized(s)}}}")
        for word in [
            "hello world", "hELLO wORLD", "o'neil-smith", "élan vital", "straße", "x1y abc", "a.b,c;d", "ǆemal",
            "hello\tthere\nnew", "_foo bar_baz", "ﬁsh", "123abc def", "ΣΊΣΥΦΟΣ ὀδυσσεύς", "i̇stanbul",
        ] {
            #expect(template.render(["s": .string(word)]) == word.capitalized, "\(word)")
        }
    }
}
