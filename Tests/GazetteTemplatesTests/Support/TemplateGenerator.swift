import GazetteTemplates

/// Random templates and contexts for differential testing, from a seed.
///
/// A case is a small library: `main`, partials `p1`…`p3` (each names only later ones, so
/// nothing recurses), `dyn` (a leaf that dynamic partials name), and parents `layout1` (which
/// may inherit from `layout2`) and `layout2`, whose blocks `main` and the partials override.
/// Templates mix text (with newlines, indentation, `<&"'>`, multi-byte UTF-8), escaped and raw
/// variables, dotted and anchored names, sections and inverted sections (with transforms),
/// comments, standalone lines, partials, dynamic partials, parents and blocks, set-delimiter
/// tags and content-type pragmas; a few are made invalid on purpose. Contexts nest objects,
/// lists, views, booleans, integers, strings and nulls, with keys that repeat at several
/// levels (so look-ups climb the stack) and keys that are missing.
struct TemplateGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    static let keys = ["a", "b", "c", "list", "obj", "flag", "n", "s", "v"]
    static let blockNames = ["title", "content", "extra"]
    static let strings = [
        "", "x", "Hello", "<b>&\"'</b>", "héllo wörld", "日本語", "😀 emoji", "line\nbreak", "  padded  ",
        "Tom & Jerry's \"show\"", "dyn", "p3", "missing", "ǆemal o'neil-smith ÉCOLE", "a\r\nb", "zeta",
    ]
    static let texts = [
        "abc", " ", "  ", "\n", "\n", "\n", "\n  ", "  \n", "\t", "x y", "<p>", "</p>", "é", "日本", "&amp;",
        "\r\n", "}", "a}b", "'q\"", "😀", ".", "=",
    ]

    // MARK: - Contexts

    mutating func context() -> TemplateValue {
        object(depth: 0, keyCount: random.int(3...8))
    }

    private mutating func object(depth: Int, keyCount: Int) -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        for _ in 0..<keyCount {
            fields[random.pick(Self.keys)] = value(depth: depth + 1)
        }
        return .object(fields)
    }

    private mutating func value(depth: Int) -> TemplateValue {
        let kind = depth >= 4 ? random.int(0...3) : random.int(0...11)
        switch kind {
        case 0, 1: return .string(random.pick(Self.strings))
        case 2: return .bool(random.chance(0.5))
        case 3: return .int(random.pick([-1, 0, 1, 2, 7, 42]))
        case 4, 5:
            var elements: [TemplateValue] = []
            let homogeneous = random.chance(0.2)
            for _ in 0..<random.int(0...3) {
                var element = homogeneous ? .string(random.pick(Self.strings)) : value(depth: depth + 1)
                // No null elements: `first(list)` of one is a value in swift-mustache
                // (`NSNull`, a true section) and null here (see the README).
                if case .null = element { element = .int(0) }
                elements.append(element)
            }
            return .list(elements)
        case 6, 7, 8: return object(depth: depth, keyCount: random.int(0...4))
        case 9, 10:
            guard case .object(let fields) = object(depth: depth, keyCount: random.int(1...4)) else { return .null }
            return .view(DictionaryView(fields))
        default: return .null
        }
    }

    // MARK: - Templates

    struct Delimiters {
        var open = "{{"
        var close = "}}"
        var isDefault: Bool { open == "{{" }
    }

    /// What a template may name.
    struct Scope {
        var partials: [String]
        var parents: [String]
        var dynamicPartials: Bool
        /// Block expansions (`{{$name}}`) may appear: not in the leaves (`p3`, `dyn`) nor in
        /// overrides, which reach only leaves, so that no override expands itself forever.
        var blocks: Bool = true
    }

    mutating func library() -> [String: String] {
        var templates: [String: String] = [:]
        templates["dyn"] = template(Scope(partials: [], parents: [], dynamicPartials: false, blocks: false))
        templates["p3"] = template(Scope(partials: [], parents: [], dynamicPartials: false, blocks: false))
        templates["p2"] = template(Scope(partials: ["p3"], parents: [], dynamicPartials: false))
        templates["p1"] = template(Scope(partials: ["p2", "p3", "nope"], parents: ["layout2"], dynamicPartials: true))
        templates["layout2"] = layout(Scope(partials: ["p3"], parents: [], dynamicPartials: false))
        templates["layout1"] = layout(Scope(partials: ["p2", "p3"], parents: ["layout2"], dynamicPartials: false))
        templates["main"] = template(Scope(partials: ["p1", "p2", "p3", "nope"], parents: ["layout1", "layout2"], dynamicPartials: true))
        return templates
    }

    private mutating func template(_ scope: Scope) -> String {
        var delimiters = Delimiters()
        var text = body(depth: 0, scope, &delimiters, pieces: random.int(1...8), openSections: [])
        if random.chance(0.03) { text = invalidate(text) }
        return text
    }

    /// A parent: text and tags around block expansions.
    private mutating func layout(_ scope: Scope) -> String {
        var delimiters = Delimiters()
        var text = ""
        for _ in 0..<random.int(1...4) {
            text += body(depth: 1, scope, &delimiters, pieces: random.int(0...3), openSections: [])
            text += blockExpansion(depth: 1, scope, &delimiters, openSections: [])
        }
        text += body(depth: 1, scope, &delimiters, pieces: random.int(0...2), openSections: [])
        return text
    }

    /// Breaks a template in one of the ways that both engines reject.
    private mutating func invalidate(_ text: String) -> String {
        switch random.int(0...5) {
        case 0: return text + "{{#unclosed}}x"
        case 1: return "{{#a}}" + text + "{{/b}}"
        case 2: return text + "{{a b}}"
        case 3: return text + "{{=<%=}}"
        case 4: return "{{/a}}" + text
        default: return text + "{{{a}}"
        }
    }

    /// A tag: `sigil` (`#`, `/`, `>`, … or none) then `name`, sometimes with spaces around
    /// the name.
    private mutating func tag(_ delimiters: Delimiters, _ sigil: String, _ name: String) -> String {
        // swift-mustache reads a set-delimiter tag's end right after its "=".
        let padding = sigil != "=" && random.chance(0.15) ? " " : ""
        return delimiters.open + sigil + padding + name + padding + delimiters.close
    }

    /// Puts a tag on a line of its own now and then, so that standalone rules apply.
    private mutating func maybeStandalone(_ tag: String) -> String {
        guard random.chance(0.35) else { return tag }
        let indent = random.pick(["", " ", "  ", "\t", "    "])
        let after = random.pick(["\n", "\n", "\r\n", "", "  \n"])
        return "\n" + indent + tag + after
    }

    private mutating func body(depth: Int, _ scope: Scope, _ delimiters: inout Delimiters, pieces: Int, openSections: [String]) -> String {
        var text = ""
        for _ in 0..<pieces {
            text += piece(depth: depth, scope, &delimiters, openSections: openSections)
        }
        return text
    }

    private mutating func piece(depth: Int, _ scope: Scope, _ delimiters: inout Delimiters, openSections: [String]) -> String {
        let kind = random.int(0...21)
        switch kind {
        case 0...4:
            return random.pick(Self.texts)
        case 5...7:
            let name = variableName()
            switch random.int(0...5) {
            case 0 where delimiters.isDefault: return "{{{" + name + "}}}"
            case 1: return tag(delimiters, "&", name)
            default: return tag(delimiters, "", name)
            }
        case 8...11 where depth < 3:
            let inverted = random.chance(0.3)
            let name = sectionName(inverted: inverted)
            let open = maybeStandalone(tag(delimiters, inverted ? "^" : "#", name))
            var inner = delimiters
            let content = body(depth: depth + 1, scope, &inner, pieces: random.int(0...4), openSections: openSections + [name])
            let close = maybeStandalone(tag(inner, "/", name))
            return open + content + close
        case 12:
            let comment = random.pick([" note ", "", "multi\nline", " } ", "{{x}}"])
            return maybeStandalone(tag(delimiters, "!", delimiters.isDefault ? comment : " c "))
        case 13, 14:
            guard !scope.partials.isEmpty else { return random.pick(Self.texts) }
            let name = random.pick(scope.partials)
            return maybeStandalone(tag(delimiters, ">", name))
        case 15:
            guard scope.dynamicPartials else { return random.pick(Self.texts) }
            return maybeStandalone(tag(delimiters, ">*", random.pick(["s", "a", "obj.s", "v"])))
        case 16, 17:
            guard !scope.parents.isEmpty, depth < 3 else { return random.pick(Self.texts) }
            return parentCall(depth: depth, scope, &delimiters)
        case 18:
            guard depth < 3, scope.blocks else { return "" }
            return blockExpansion(depth: depth, scope, &delimiters, openSections: openSections)
        case 19:
            // Set delimiters, for the rest of this section (as both engines scope them).
            let next = random.pick([Delimiters(), Delimiters(open: "<%", close: "%>"), Delimiters(open: "[[", close: "]]")])
            let change = maybeStandalone(tag(delimiters, "=", next.open + " " + next.close + "="))
            delimiters = next
            return change
        case 20:
            guard random.chance(0.3) else { return random.pick(Self.texts) }
            return maybeStandalone(tag(delimiters, "%", "CONTENT_TYPE:" + random.pick(["TEXT", "HTML"])))
        default:
            return random.pick(Self.texts)
        }
    }

    private mutating func parentCall(depth: Int, _ scope: Scope, _ delimiters: inout Delimiters) -> String {
        let parent = random.pick(scope.parents)
        var text = maybeStandalone(tag(delimiters, "<", parent))
        var inner = delimiters
        let overrideScope = Scope(partials: ["p3"], parents: [], dynamicPartials: true, blocks: false)
        for _ in 0..<random.int(0...3) {
            if random.chance(0.3) { text += random.pick(["\n", "  ", "ignored text", "\n  "]) }
            let name = random.pick(Self.blockNames)
            text += maybeStandalone(tag(inner, "$", name))
            var blockDelimiters = inner
            text += body(depth: depth + 1, overrideScope, &blockDelimiters, pieces: random.int(0...3), openSections: [])
            text += maybeStandalone(tag(blockDelimiters, "/", name))
            if random.chance(0.1) { text += maybeStandalone(tag(inner, "!", " comment ")) }
        }
        text += maybeStandalone(tag(inner, "/", parent))
        // The parent's own delimiters end with it.
        inner = delimiters
        return text
    }

    private mutating func blockExpansion(depth: Int, _ scope: Scope, _ delimiters: inout Delimiters, openSections: [String]) -> String {
        let name = random.pick(Self.blockNames)
        var inner = delimiters
        let open = maybeStandalone(tag(delimiters, "$", name))
        let content = body(depth: depth + 1, scope, &inner, pieces: random.int(0...3), openSections: openSections)
        return open + content + maybeStandalone(tag(inner, "/", name))
    }

    // MARK: - Names

    private mutating func plainName() -> String {
        switch random.int(0...9) {
        case 0: return "."
        case 1: return "." + random.pick(Self.keys)
        case 2, 3: return random.pick(Self.keys) + "." + random.pick(Self.keys)
        case 4: return random.pick(Self.keys) + "." + random.pick(Self.keys) + "." + random.pick(Self.keys)
        default: return random.pick(Self.keys)
        }
    }

    private static let variableTransforms = [
        "count", "empty", "first", "last", "uppercased", "lowercased", "capitalized", "plusone", "minusone",
        "equalzero", "even", "odd", "sorted", "enumerated", "nosuch",
    ]
    private static let positionTransforms = ["index()", "first()", "last()", "even()", "odd()", "plusone(index())", "nosuch()"]

    private mutating func variableName() -> String {
        switch random.int(0...9) {
        case 0, 1: return random.pick(Self.variableTransforms) + "(" + plainName() + ")"
        case 2: return random.pick(Self.positionTransforms)
        case 3 where random.chance(0.3): return "plusone(count(" + plainName() + "))"
        default: return plainName()
        }
    }

    /// `reversed` of a list is a `ReversedCollection` in swift-mustache, which prints as its
    /// type name; it is used only where its elements, not itself, are rendered.
    private mutating func sectionName(inverted: Bool) -> String {
        switch random.int(0...9) {
        case 0, 1:
            let transforms = Self.variableTransforms + (inverted ? [] : ["reversed"])
            return random.pick(transforms) + "(" + plainName() + ")"
        case 2: return random.pick(Self.positionTransforms)
        default: return plainName()
        }
    }
}
