import GazetteTemplates
import Testing

/// Random templates and contexts (`TemplateGenerator`), rendered by GazetteTemplates and by
/// swift-mustache 2.1.1: the same bytes, or both rejecting the templates. Each case has its
/// own seed, printed with the templates and context when it fails, so that it reproduces.
@Suite struct RandomDifferentialTests {
    static let baseSeed: UInt64 = 0x6A7A_E77E
    static let libraries = 400
    static let contextsPerLibrary = 3

    struct Outcome {
        var compared = 0
        var rendered = 0
        var rejected = 0
        var nonEmpty = 0
    }

    @Test func randomTemplatesRenderAsSwiftMustacheDoes() {
        var outcome = Outcome()
        for index in 0..<Self.libraries {
            let seed = Self.baseSeed &+ UInt64(index)
            var generator = TemplateGenerator(seed: seed)
            let templates = generator.library()
            for contextIndex in 0..<Self.contextsPerLibrary {
                let context = generator.context()
                outcome.compared += 1
                let ours = Gazette.render(templates, main: "main", context)
                let theirs = Upstream.render(templates, main: "main", context)
                switch (ours, theirs) {
                case (.success(let a), .success(let b)):
                    outcome.rendered += 1
                    if !a.isEmpty { outcome.nonEmpty += 1 }
                    if a != b {
                        Issue.record(
                            Comment(rawValue: Self.report(seed: seed, contextIndex: contextIndex, templates, context, ours: a, theirs: b)))
                    }
                case (.failure, .failure):
                    outcome.rejected += 1
                case (.success(let a), .failure(let error)):
                    Issue.record(
                        Comment(
                            rawValue: Self.report(
                                seed: seed, contextIndex: contextIndex, templates, context, ours: a, theirs: "rejected: \(error)")))
                case (.failure(let error), .success(let b)):
                    Issue.record(
                        Comment(
                            rawValue: Self.report(
                                seed: seed, contextIndex: contextIndex, templates, context, ours: "rejected: \(error)", theirs: b)))
                }
            }
        }
        print(
            "random differential: \(outcome.compared) renders compared, \(outcome.rendered) rendered (\(outcome.nonEmpty) non-empty), \(outcome.rejected) rejected by both"
        )
        #expect(outcome.compared == Self.libraries * Self.contextsPerLibrary)
        // The generator must exercise rendering, not only errors.
        #expect(outcome.rendered > outcome.compared * 3 / 4)
    }

    static func report(
        seed: UInt64, contextIndex: Int, _ templates: [String: String], _ context: TemplateValue, ours: String, theirs: String
    ) -> String {
        var text = "seed \(seed) context #\(contextIndex)\n"
        for name in templates.keys.sorted() {
            text += "--- \(name): \(String(reflecting: templates[name]!))\n"
        }
        text += "context: \(dump(context))\n"
        text += "GazetteTemplates: \(String(reflecting: ours))\n"
        text += "swift-mustache:   \(String(reflecting: theirs))\n"
        return text
    }
}
