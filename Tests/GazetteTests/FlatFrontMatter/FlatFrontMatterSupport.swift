@testable import Gazette

/// Compares the fast path with Yams on one document. Returns a description of the
/// disagreement (with the input) when the fast path accepted the document and Yams either
/// threw or gave different entries; nil otherwise.
func disagreement(_ doc: String) -> String? {
    guard let fast = FlatFrontMatter.parse(doc) else { return nil }
    let reference: [YAMLDocument.Entry]
    do { reference = try YAMLDocument.composed(doc) } catch {
        return "fast path accepted input that Yams rejects (\(error))\ninput: \(doc.debugDescription)\nfast: \(fast)"
    }
    guard fast != reference else { return nil }
    var lines = ["fast path and Yams differ\ninput: \(doc.debugDescription)"]
    for k in 0..<max(fast.count, reference.count) {
        let f = k < fast.count ? "\(fast[k])" : "-", r = k < reference.count ? "\(reference[k])" : "-"
        if f != r { lines.append("  entry \(k):\n    fast: \(f)\n    yams: \(r)") }
    }
    return lines.joined(separator: "\n")
}

/// `keyLine`: the key's line when it is not the value's (a block sequence starts on the next).
func entry(
    _ key: String, _ value: MetadataValue, _ line: Int, _ column: Int, quoted: Bool = false, keyLine: Int? = nil
) -> YAMLDocument.Entry {
    YAMLDocument.Entry(key: key, value: value, line: line, column: column, isQuotedScalar: quoted, keyLine: keyLine ?? line)
}

func s(_ text: String) -> MetadataValue { .string(text) }
func list(_ items: MetadataValue...) -> MetadataValue { .list(items) }
