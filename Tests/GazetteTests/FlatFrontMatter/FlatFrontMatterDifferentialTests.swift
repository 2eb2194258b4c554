import Foundation
import Testing

@testable import Gazette

/// `FRONTMATTER_DIFF_SCALE=N` multiplies the corpus sizes and `FRONTMATTER_DIFF_SEED=S` shifts
/// the seeds, for longer exploratory runs; the defaults are what CI runs.
let scale = ProcessInfo.processInfo.environment["FRONTMATTER_DIFF_SCALE"].flatMap(Int.init) ?? 1
let seedShift = ProcessInfo.processInfo.environment["FRONTMATTER_DIFF_SEED"].flatMap(UInt64.init) ?? 0

/// Runs the fast path and Yams on every document of a seeded corpus. Any document the fast
/// path accepts must be accepted by Yams with identical entries; each disagreement is
/// recorded with its input (the first 10 of them). Returns counts for the report.
func differential(
    _ name: String, seed: UInt64, count: Int,
    _ generate: (inout SplitMix64) -> String
) -> (accepted: Int, yamsAccepted: Int, total: Int) {
    let seed = seed &+ seedShift, count = count * scale
    var g = SplitMix64(seed: seed)
    var accepted = 0, yamsAccepted = 0, failures = 0
    for _ in 0..<count {
        let doc = generate(&g)
        if FlatFrontMatter.parse(doc) != nil { accepted += 1 }
        if (try? YAMLDocument.composed(doc)) != nil { yamsAccepted += 1 }
        if let problem = disagreement(doc) {
            failures += 1
            if failures <= 10 { Issue.record("\(name) (seed \(seed)): \(problem)") }
        }
    }
    func percent(_ k: Int) -> String { String(Double(k * 1000 / count) / 10) + "%" }
    print(
        """
        [differential] \(name): \(count) documents, seed \(seed): fast path accepted \(accepted) (\(percent(accepted))), \
        Yams accepted \(yamsAccepted) (\(percent(yamsAccepted))), disagreements \(failures)
        """)
    return (accepted, yamsAccepted, count)
}

@Test func realisticFrontMatterIsAcceptedAndIdentical() {
    let r = differential("realistic", seed: 0x6A7A_E77E, count: 3000) { Corpus.realistic(&$0) }
    #expect(r.yamsAccepted == r.total, "the realistic generator should only make valid YAML")
    #expect(Double(r.accepted) / Double(r.total) >= 0.99, "the fast path should accept ~100% of realistic front matter")
}

@Test func mutatedFrontMatterNeverDisagrees() {
    let r = differential("mutated", seed: 0xF00D, count: 8000) { Corpus.mutated(&$0) }
    // The corpus must exercise both sides: documents Yams rejects and documents the fast path takes.
    #expect(r.yamsAccepted < r.total * 9 / 10)
    #expect(r.accepted > r.total / 5)
}

@Test func structuredEdgeCasesNeverDisagree() {
    let r = differential("structured", seed: 0x5EED, count: 8000) { Corpus.structured(&$0) }
    #expect(r.yamsAccepted < r.total)
    #expect(r.accepted > r.total / 5)
}
