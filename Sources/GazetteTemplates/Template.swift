/// A template compiled once from its text (a `Program`: literal text as UTF-8 bytes, names
/// split at their dots, section bodies as ranges of nodes), then rendered any number of times,
/// from any number of threads at once. It holds no mutable state.
public struct Template: Sendable {
    let program: Program
    /// The partials and parents it names (not dynamic ones, `{{>*name}}`), where they are
    /// named.
    let partialReferences: [PartialReference]

    struct PartialReference: Sendable {
        let name: String
        let line: Int
        let column: Int
    }

    /// Compiles `text`, numbering the names it uses by their place in `vocabulary`.
    /// - Throws: `TemplateSyntaxError` pointing at the tag where the problem starts.
    public init(_ text: String, vocabulary: TemplateVocabulary = .none) throws(TemplateSyntaxError) {
        var parser = Parser(text)
        let tokens: [Parser.Token]
        do {
            tokens = try parser.parseTemplate()
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: parser.bytes)
            throw TemplateSyntaxError(line: line, column: column, message: error.message)
        }
        self.program = Program(tokens, vocabulary: vocabulary)
        self.partialReferences = parser.partialReferences.map { reference in
            let (line, column) = Self.lineAndColumn(of: reference.offset, in: parser.bytes)
            return PartialReference(name: reference.name, line: line, column: column)
        }
    }

    /// The names of the partials and parents this template names, in the order it names them
    /// (each once; dynamic partials, `{{>*name}}`, are not known before rendering).
    public var partialNames: [String] {
        var seen = Set<String>()
        return partialReferences.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Renders `value` as a string; partials render as nothing (there is no library).
    public func render(_ value: TemplateValue) -> String {
        var bytes: [UInt8] = []
        render(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `value` rendered to `buffer`; partials render as nothing.
    public func render(_ value: TemplateValue, into buffer: inout [UInt8]) {
        Renderer.render(program, value, templates: [:], into: &buffer)
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == .newline {
            line += 1
            lineStart = i + 1
        }
        let prefix = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self)
        return (line, prefix.count + 1)
    }
}
