import GazetteTemplates
import Testing

/// Renders `template` (with `partials`) over `value` and expects `expected`; unless told
/// otherwise, expects swift-mustache 2.1.1 to give the same text, so that each hand-written
/// case is also a differential one.
func check(
    _ template: String, _ value: TemplateValue, partials: [String: String] = [:], _ expected: String,
    sameAsUpstream: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) {
    var templates = partials
    templates["main"] = template
    let ours = Gazette.render(templates, main: "main", value)
    #expect(ours == .success(expected), "GazetteTemplates, template \(String(reflecting: template))", sourceLocation: sourceLocation)
    if sameAsUpstream {
        let theirs = Upstream.render(templates, main: "main", value)
        #expect(theirs == .success(expected), "swift-mustache, template \(String(reflecting: template))", sourceLocation: sourceLocation)
    }
}

/// Expects `template` to be rejected at `line`:`column` with a message containing `message`,
/// and swift-mustache to reject it too.
func checkError(
    _ template: String, line: Int, column: Int, message: String, upstreamRejects: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        _ = try Template(template)
        Issue.record("expected a syntax error for \(String(reflecting: template))", sourceLocation: sourceLocation)
    } catch {
        #expect(error.line == line, "line of \(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "column of \(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "message of \(error)", sourceLocation: sourceLocation)
    }
    if upstreamRejects {
        if case .success(let output) = Upstream.render(["main": template], main: "main", [:]) {
            Issue.record(
                "swift-mustache accepted \(String(reflecting: template)): \(String(reflecting: output))", sourceLocation: sourceLocation)
        }
    }
}
