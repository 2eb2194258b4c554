/// Reads template text into tokens, with swift-mustache 2.1.1's rules for whitespace and
/// standalone lines, tag by tag: its parser is a state machine whose quirks decide which bytes
/// a template writes (a line is standalone only when the state says a line has just started,
/// and that state is carried across sections as that parser carries it), so this follows its
/// steps rather than the Mustache spec's wording. It reads UTF-8 bytes where swift-mustache
/// reads `Character`s; the two differ only where a delimiter, a space or a newline is followed
/// by a combining mark.
struct Parser {
    /// A parsed piece, before `compile` turns tokens into render nodes.
    enum Token {
        case text([UInt8])
        case variable(name: String, transforms: [String], escaped: Bool)
        case section(name: String, transforms: [String], body: [Token], inverted: Bool)
        /// `{{$name}}…{{/name}}` directly inside a parent: an override.
        case blockDefinition(name: String, body: [Token])
        /// `{{$name}}…{{/name}}` anywhere else: the place a block goes.
        case blockExpansion(name: String, body: [Token], indentation: [UInt8])
        case partial(name: String, dynamic: Bool, indentation: [UInt8]?, overrides: [String: [Token]]?)
        case contentType(escapes: Bool)
    }

    /// A failure at a byte offset of the template.
    struct Failure: Error {
        let offset: Int
        let message: String
    }

    /// A partial or parent named by a tag, and where (byte offset of the tag).
    struct PartialReference {
        let name: String
        let offset: Int
    }

    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        /// A line has just started: the next tag may be standalone.
        var newLine = true
        var isPartialDefinition = false
        /// Directly inside a parent (`{{<name}}`), where `{{$name}}` defines an override.
        /// Cleared by a set-delimiter tag, as swift-mustache clears it.
        var isPartialDefinitionTopLevel = false
        /// Directly inside a parent, whatever the delimiters: only overrides may appear.
        var isParentBody = false
        var startDelimiter: [UInt8] = Array("{{".utf8)
        var endDelimiter: [UInt8] = Array("}}".utf8)
        /// Inside an override, the indentation of its first line, removed from each line.
        var partialDefinitionIndent: Int?
        /// Where the open section's tag starts, for "never closed".
        var openedAt = 0

        func withSectionName(_ name: String, newLine: Bool, transforms: [String] = [], at offset: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            state.isParentBody = false
            if !newLine { state.newLine = false }
            state.openedAt = offset
            return state
        }

        func withInheritancePartial(_ name: String, at offset: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            state.isParentBody = true
            state.openedAt = offset
            return state
        }

        func withDelimiters(start: [UInt8], end: [UInt8]) -> State {
            var state = self
            state.startDelimiter = start
            state.endDelimiter = end
            state.isPartialDefinitionTopLevel = false
            return state
        }
    }

    let bytes: [UInt8]
    var position = 0
    private(set) var partialReferences: [PartialReference] = []

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// The whole template.
    mutating func parseTemplate() throws(Failure) -> [Token] {
        try parse(State())
    }

    // MARK: - The state machine

    private mutating func parse(_ initialState: State) throws(Failure) -> [Token] {
        var tokens: [Token] = []
        var state = initialState
        // Leading spaces and tabs of the current line: written before the next text or tag,
        // or dropped when that tag turns out to be standalone.
        var whiteSpaceBefore = position..<position
        while position < bytes.count {
            if state.newLine {
                let start = position
                while position < bytes.count, bytes[position] == .space || bytes[position] == .tab {
                    position += 1
                }
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = min(start + indent, position)..<position
                    } else {
                        state.partialDefinitionIndent = position - start
                    }
                } else {
                    whiteSpaceBefore = start..<position
                }
            }
            let (text, end) = readText(state)
            if end == .newline {
                tokens.append(.text(Array(bytes[whiteSpaceBefore]) + bytes[text] + [.newline]))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(Array(bytes[whiteSpaceBefore]) + bytes[text]))
                whiteSpaceBefore = position..<position
                state.newLine = false
            }
            if end == .end { break }

            // A tag: `position` is just past its start delimiter.
            let tag = text.upperBound
            guard position < bytes.count else {
                throw Failure(offset: tag, message: "a tag is not closed with '\(state.endText)'")
            }
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let (name, transforms) = try parseName(state, tag: tag)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(Array(bytes[whiteSpaceBefore])))
                    whiteSpaceBefore = position..<position
                }
                let body = try parse(state.withSectionName(name, newLine: setNewLine, transforms: transforms, at: tag))
                try append(.section(name: name, transforms: transforms, body: body, inverted: inverted), to: &tokens, state, tag: tag)

            case UInt8(ascii: "/"):
                position += 1
                let (name, transforms) = try parseName(state, tag: tag)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    let found = Self.written(name, transforms)
                    if let open = state.sectionName {
                        let expected = Self.written(open, state.sectionTransforms)
                        throw Failure(offset: tag, message: "a section is closed with the wrong name: '\(found)' closes '\(expected)'")
                    }
                    throw Failure(offset: tag, message: "a section is closed but was never opened: '\(found)'")
                }
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(Array(bytes[whiteSpaceBefore])))
                }
                return tokens

            case UInt8(ascii: "!"):
                position += 1
                try skipComment(state, tag: tag)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(Array(bytes[whiteSpaceBefore])))
                    whiteSpaceBefore = position..<position
                }
                position += 1
                let (name, transforms) = try parseName(state, tag: tag)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw Failure(offset: tag, message: "a triple mustache tag is not closed with '}\(state.endText)'")
                    }
                    position += 1
                }
                try append(.variable(name: name, transforms: transforms, escaped: false), to: &tokens, state, tag: tag)

            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                var dynamic = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state, tag: tag)
                if !whiteSpaceBefore.isEmpty {
                    try append(.text(Array(bytes[whiteSpaceBefore])), to: &tokens, state, tag: tag)
                }
                let indentation: [UInt8]?
                if isStandalone(state) {
                    setNewLine = true
                    indentation = Array(bytes[whiteSpaceBefore])
                } else {
                    indentation = nil
                }
                if !dynamic { partialReferences.append(PartialReference(name: name, offset: tag)) }
                try append(.partial(name: name, dynamic: dynamic, indentation: indentation, overrides: nil), to: &tokens, state, tag: tag)
                whiteSpaceBefore = position..<position

            case UInt8(ascii: "<"):
                position += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state, tag: tag)
                let dynamic = sectionName.utf8.first == UInt8(ascii: "*")
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty {
                    try append(.text(Array(bytes[whiteSpaceBefore])), to: &tokens, state, tag: tag)
                }
                if isStandalone(state) {
                    setNewLine = true
                }
                if !dynamic { partialReferences.append(PartialReference(name: name, offset: tag)) }
                let body = try parse(state.withInheritancePartial(sectionName, at: tag))
                var overrides: [String: [Token]] = [:]
                for token in body {
                    if case .blockDefinition(let blockName, let blockBody) = token {
                        overrides[blockName] = blockBody
                    }
                }
                try append(
                    .partial(name: name, dynamic: dynamic, indentation: Array(bytes[whiteSpaceBefore]), overrides: overrides),
                    to: &tokens, state, tag: tag)
                whiteSpaceBefore = position..<position

            case UInt8(ascii: "$"):
                position += 1
                let (name, transforms) = try parseName(state, tag: tag)
                guard transforms.isEmpty else {
                    throw Failure(offset: tag, message: "a block name cannot have transforms: '\(Self.written(name, transforms))'")
                }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine, at: tag))
                    tokens.append(.blockDefinition(name: name, body: body))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        try append(.text(Array(bytes[whiteSpaceBefore])), to: &tokens, state, tag: tag)
                    }
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine, at: tag))
                    try append(
                        .blockExpansion(name: name, body: body, indentation: Array(bytes[whiteSpaceBefore])),
                        to: &tokens, state, tag: tag)
                    whiteSpaceBefore = position..<position
                }

            case UInt8(ascii: "="):
                position += 1
                state = try parseSetDelimiter(state, tag: tag)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "%"):
                position += 1
                let token = try parsePragma(state, tag: tag)
                try append(token, to: &tokens, state, tag: tag)
                setNewLine = isStandalone(state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(Array(bytes[whiteSpaceBefore])))
                    whiteSpaceBefore = position..<position
                }
                let (name, transforms) = try parseName(state, tag: tag)
                try append(.variable(name: name, transforms: transforms, escaped: true), to: &tokens, state, tag: tag)
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            let kind = state.isParentBody ? "a parent" : "a section"
            throw Failure(
                offset: state.openedAt, message: "\(kind) is opened but never closed: '\(Self.written(open, state.sectionTransforms))'")
        }
        return tokens
    }

    /// Directly inside a parent only text (ignored) and overrides may appear.
    private func append(_ token: Token, to tokens: inout [Token], _ state: State, tag: Int) throws(Failure) {
        if state.isParentBody {
            switch token {
            case .text, .blockDefinition: break
            default:
                throw Failure(offset: tag, message: "a parent may contain only blocks ({{$name}}…{{/name}}), not other tags")
            }
        }
        tokens.append(token)
    }

    // MARK: - Text

    private enum TextEnd { case newline, tag, end }

    /// Reads text up to a newline (left at `position`), a start delimiter (`position` just
    /// past it) or the end.
    private mutating func readText(_ state: State) -> (Range<Int>, TextEnd) {
        let start = position
        let first = state.startDelimiter[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == .newline {
                return (start..<position, .newline)
            }
            if byte == first, matches(state.startDelimiter, at: position) {
                let text = start..<position
                position += state.startDelimiter.count
                return (text, .tag)
            }
            position += 1
        }
        return (start..<position, .end)
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for i in 0..<delimiter.count where bytes[offset + i] != delimiter[i] {
            return false
        }
        return true
    }

    // MARK: - Standalone lines

    /// The rest of the line is blank: skips it and its newline (at the end of the text there
    /// is nothing to skip). Spaces before the end of the text do not count as blank, as in
    /// swift-mustache.
    private mutating func hasLineFinished() -> Bool {
        if position == bytes.count { return true }
        var offset = position
        while offset < bytes.count, bytes[offset] == .space || bytes[offset] == .tab {
            offset += 1
        }
        if let length = newlineLength(at: offset) {
            position = offset + length
            return true
        }
        return false
    }

    private mutating func isStandalone(_ state: State) -> Bool {
        state.newLine && hasLineFinished()
    }

    /// The length of the newline character at `offset`, if there is one: what Swift's
    /// `Character.isNewline` accepts (LF, CR LF, CR, VT, FF, NEL, LS, PS).
    private func newlineLength(at offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case .newline, 0x0B, 0x0C: return 1
        case .carriageReturn:
            return offset + 1 < bytes.count && bytes[offset + 1] == .newline ? 2 : 1
        case 0xC2:
            return offset + 1 < bytes.count && bytes[offset + 1] == 0x85 ? 2 : nil
        case 0xE2:
            guard offset + 2 < bytes.count, bytes[offset + 1] == 0x80 else { return nil }
            return bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9 ? 3 : nil
        default: return nil
        }
    }

    // MARK: - Tag contents

    /// The Unicode scalar at `offset` and its length in bytes.
    private func scalar(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        default: length = 4; value = UInt32(lead & 0x07)
        }
        guard offset + length <= bytes.count else { return (Unicode.Scalar(0xFFFD)!, 1) }
        for i in 1..<length {
            value = value << 6 | UInt32(bytes[offset + i] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, length)
    }

    private func isWhitespace(at offset: Int) -> Int? {
        let (scalar, length) = scalar(at: offset)
        return scalar.properties.isWhitespace ? length : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, let length = isWhitespace(at: position) {
            position += length
        }
    }

    private mutating func read(while set: NameCharacters) -> String {
        let start = position
        while position < bytes.count, set.contains(bytes[position]) {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func expectEndDelimiter(_ state: State, tag: Int) throws(Failure) {
        guard matches(state.endDelimiter, at: position) else {
            throw Failure(offset: tag, message: "a tag is not closed with '\(state.endText)'")
        }
        position += state.endDelimiter.count
    }

    /// A variable or section name with its transforms: `a.b`, `count(list)`,
    /// `plusone(index())`.
    private mutating func parseName(_ state: State, tag: Int) throws(Failure) -> (String, [String]) {
        skipWhitespace()
        let text = read(while: .name)
        skipWhitespace()
        try expectEndDelimiter(state, tag: tag)
        guard let parsed = Self.transforms(in: text) else {
            throw Failure(offset: tag, message: "a transform is not written as 'transform(name)': '\(text)'")
        }
        return parsed
    }

    /// Splits `a(b(name))` into `name` and `["a", "b"]`; nil when the brackets do not match.
    static func transforms(in text: String) -> (String, [String])? {
        let chars = Array(text.utf8)
        var i = 0
        func readName() -> String {
            let start = i
            while i < chars.count, NameCharacters.nameWithoutBrackets.contains(chars[i]) { i += 1 }
            return String(decoding: chars[start..<i], as: UTF8.self)
        }
        let first = readName()
        if i == chars.count { return (text, []) }
        guard chars[i] == UInt8(ascii: "(") else { return nil }
        i += 1
        var transforms = [first]
        while true {
            let name = readName()
            guard i < chars.count else { return nil }
            if chars[i] == UInt8(ascii: ")") {
                i += 1
                var closing = 1
                while i < chars.count, chars[i] == UInt8(ascii: ")") {
                    closing += 1
                    i += 1
                }
                guard closing == transforms.count, i == chars.count else { return nil }
                return (name, transforms)
            } else if chars[i] == UInt8(ascii: "(") {
                i += 1
                transforms.append(name)
            } else {
                return nil
            }
        }
    }

    private mutating func parsePartialName(_ state: State, tag: Int) throws(Failure) -> String {
        skipWhitespace()
        let name = read(while: .partialName)
        skipWhitespace()
        try expectEndDelimiter(state, tag: tag)
        return name
    }

    /// Skips to just past the end delimiter, matching it as swift-mustache does (a failed
    /// partial match restarts at the next character, not at the one that failed).
    private mutating func skipComment(_ state: State, tag: Int) throws(Failure) {
        let end = state.endDelimiter
        var matched = 0
        while position < bytes.count {
            if bytes[position] == end[matched] {
                matched += 1
                if matched == end.count {
                    position += 1
                    return
                }
            } else {
                matched = 0
            }
            position += 1
        }
        throw Failure(offset: tag, message: "a comment is not closed with '\(state.endText)'")
    }

    /// `{{=<% %>=}}`.
    private mutating func parseSetDelimiter(_ state: State, tag: Int) throws(Failure) -> State {
        let invalid = Failure(offset: tag, message: "invalid set-delimiter tag")
        skipWhitespace()
        let startOfStart = position
        while position < bytes.count, isWhitespace(at: position) == nil {
            position += scalar(at: position).1
        }
        guard position < bytes.count else { throw invalid }
        let start = Array(bytes[startOfStart..<position])
        skipWhitespace()
        let startOfEnd = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "="), isWhitespace(at: position) == nil {
            position += scalar(at: position).1
        }
        guard position < bytes.count else { throw invalid }
        let end = Array(bytes[startOfEnd..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw invalid }
        position += 1
        guard matches(state.endDelimiter, at: position) else { throw invalid }
        position += state.endDelimiter.count
        guard !start.isEmpty, !end.isEmpty else { throw invalid }
        return state.withDelimiters(start: start, end: end)
    }

    /// `{{%CONTENT_TYPE:HTML}}` or `{{%CONTENT_TYPE:TEXT}}`.
    private mutating func parsePragma(_ state: State, tag: Int) throws(Failure) -> Token {
        let invalid = Failure(offset: tag, message: "invalid pragma tag: expected '{{%CONTENT_TYPE:HTML}}' or '{{%CONTENT_TYPE:TEXT}}'")
        skipWhitespace()
        let variable = read(while: .nameWithoutBrackets)
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw invalid }
        position += 1
        skipWhitespace()
        let value = read(while: .nameWithoutBrackets)
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else { throw invalid }
        position += state.endDelimiter.count
        guard !variable.isEmpty, !value.isEmpty else { throw invalid }
        guard variable == "CONTENT_TYPE" else {
            throw Failure(offset: tag, message: "unknown pragma '\(variable)'")
        }
        switch value {
        case "HTML": return .contentType(escapes: true)
        case "TEXT": return .contentType(escapes: false)
        default: throw Failure(offset: tag, message: "unknown content type '\(value)': expected HTML or TEXT")
        }
    }

    private static func written(_ name: String, _ transforms: [String]) -> String {
        transforms.reversed().reduce(name) { "\($1)(\($0))" }
    }
}

extension Parser.State {
    var endText: String { String(decoding: endDelimiter, as: UTF8.self) }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}
