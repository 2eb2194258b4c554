/// A compiled template: its tree flattened into one array of plain structs, with literal text,
/// name parts and transforms in side tables that nodes refer to by index.
///
/// Nodes hold no references, so walking them copies no reference counts: a section's body is
/// the nodes right after it, up to its `end`, and a render goes from node to node by index.
/// Immutable once compiled, so any number of threads render it at once.
final class Program: Sendable {
    let nodes: [Node]
    /// The literal text of every text node, UTF-8.
    let text: [UInt8]
    /// The parts of every name (`a.b` is `a`, `b`), each name a range.
    let keys: [String]
    /// The slot of each of `keys` in the vocabulary the program was compiled with, or -1.
    let slots: [Int32]
    /// The transforms of every name, each name a range, in the order they apply.
    let transforms: [Transform]
    let partials: [PartialCall]
    let blocks: [BlockCall]
    /// The nodes of the template itself (the rest are section bodies, which they skip over).
    let rootEnd: Int

    enum Kind: UInt8 {
        case text
        /// `{{x}}`, escaped unless a `{{%CONTENT_TYPE:TEXT}}` came before.
        case variable
        /// `{{{x}}}`, `{{&x}}`.
        case rawVariable
        case section
        case invertedSection
        /// `{{>name}}`, `{{>*name}}`, `{{<name}}…{{/name}}`: `partials[extra]`.
        case partial
        /// `{{$name}}default{{/name}}`: `blocks[extra]`, the default is the body.
        case blockExpansion
        /// `{{%CONTENT_TYPE:HTML}}` and `{{%CONTENT_TYPE:TEXT}}`.
        case escapeOn
        case escapeOff
    }

    /// A variable or section name, split and resolved at compile time.
    struct Name {
        enum Kind: UInt8 {
            /// `.`: the top of the context stack.
            case implicit
            /// An empty name with transforms (`{{index()}}`): the position in the list.
            case sequencePosition
            /// A name that starts with a dot (`.a.b`): looked up in the top of the stack only.
            case anchored
            /// A plain or dotted name (`a.b`): its first part is looked up down the stack, the
            /// rest in what that finds.
            case climbing
        }

        var kind: Kind
        /// `keys[keyStart..<keyEnd]`: the parts, empty ones left out (`a..b` is `a.b`), as
        /// swift-mustache's `split(separator: ".")` gives them.
        var keyStart: Int32
        var keyEnd: Int32
        /// `transforms[transformStart..<transformEnd]`, in the order they apply.
        var transformStart: Int32
        var transformEnd: Int32

        static let none = Name(kind: .implicit, keyStart: 0, keyEnd: 0, transformStart: 0, transformEnd: 0)
    }

    struct Node {
        var kind: Kind
        var name: Name
        /// Text: `text[start..<end]`. Section, block expansion and parent call: the body (or
        /// the overrides) is `nodes[start..<end]`, and the next node is `end`.
        var start: Int32
        var end: Int32
        /// Partial: `partials[extra]`; block expansion: `blocks[extra]`.
        var extra: Int32
    }

    /// A partial or parent call.
    final class PartialCall: Sendable {
        let name: String
        /// Dynamic (`{{>*name}}`): the name of the value that holds the partial's name.
        let dynamicName: Name?
        /// Added before each line the partial writes; nil for an inline partial.
        let indentation: [UInt8]?
        /// For a parent: the blocks it overrides, as node ranges of this program.
        let overrides: [String: Range<Int32>]?

        init(name: String, dynamicName: Name?, indentation: [UInt8]?, overrides: [String: Range<Int32>]?) {
            self.name = name
            self.dynamicName = dynamicName
            self.indentation = indentation
            self.overrides = overrides
        }
    }

    /// `{{$name}}…{{/name}}` outside a parent's top level.
    final class BlockCall: Sendable {
        let name: String
        let indentation: [UInt8]

        init(name: String, indentation: [UInt8]) {
            self.name = name
            self.indentation = indentation
        }
    }

    init(_ tokens: [Parser.Token], vocabulary: TemplateVocabulary = .none) {
        var builder = Builder()
        builder.compile(tokens)
        nodes = builder.nodes
        text = builder.text
        keys = builder.keys
        slots = builder.keys.map(vocabulary.slot(of:))
        transforms = builder.transforms
        partials = builder.partials
        blocks = builder.blocks
        rootEnd = builder.nodes.count
    }

    /// Flattens tokens into nodes, bodies right after the node that owns them.
    private struct Builder {
        var nodes: [Node] = []
        var text: [UInt8] = []
        var keys: [String] = []
        var transforms: [Transform] = []
        var partials: [PartialCall] = []
        var blocks: [BlockCall] = []

        mutating func compile(_ tokens: [Parser.Token]) {
            // Adjacent text is one node: the renderer splits it into lines where indentation
            // needs them.
            var textStart = -1
            func flushText() {
                if textStart >= 0, textStart < text.count {
                    nodes.append(Node(kind: .text, name: .none, start: Int32(textStart), end: Int32(text.count), extra: 0))
                }
                textStart = -1
            }
            for token in tokens {
                if case .text(let bytes) = token {
                    if textStart < 0 { textStart = text.count }
                    text += bytes
                    continue
                }
                flushText()
                switch token {
                case .text, .blockDefinition:
                    // Text is handled above; overrides live only in a parent's tokens.
                    break
                case .variable(let name, let names, let escaped):
                    nodes.append(Node(kind: escaped ? .variable : .rawVariable, name: self.name(name, names), start: 0, end: 0, extra: 0))
                case .section(let name, let names, let body, let inverted):
                    let index = open(
                        Node(kind: inverted ? .invertedSection : .section, name: self.name(name, names), start: 0, end: 0, extra: 0))
                    compile(body)
                    close(index)
                case .blockExpansion(let name, let body, let indentation):
                    blocks.append(BlockCall(name: name, indentation: indentation))
                    let index = open(Node(kind: .blockExpansion, name: .none, start: 0, end: 0, extra: Int32(blocks.count - 1)))
                    compile(body)
                    close(index)
                case .partial(let name, let dynamic, let indentation, let overrideTokens):
                    let index = open(Node(kind: .partial, name: .none, start: 0, end: 0, extra: Int32(partials.count)))
                    // Reserve the call's place; its overrides are compiled after the node.
                    partials.append(PartialCall(name: name, dynamicName: nil, indentation: nil, overrides: nil))
                    var overrides: [String: Range<Int32>]?
                    if let overrideTokens {
                        var ranges: [String: Range<Int32>] = [:]
                        for (blockName, body) in overrideTokens.sorted(by: { $0.key < $1.key }) {
                            let start = Int32(nodes.count)
                            compile(body)
                            ranges[blockName] = start..<Int32(nodes.count)
                        }
                        overrides = ranges
                    }
                    partials[Int(nodes[index].extra)] = PartialCall(
                        name: name, dynamicName: dynamic ? self.name(name, []) : nil,
                        indentation: indentation, overrides: overrides)
                    close(index)
                case .contentType(let escapes):
                    nodes.append(Node(kind: escapes ? .escapeOn : .escapeOff, name: .none, start: 0, end: 0, extra: 0))
                }
            }
            flushText()
        }

        private mutating func open(_ node: Node) -> Int {
            nodes.append(node)
            nodes[nodes.count - 1].start = Int32(nodes.count)
            return nodes.count - 1
        }

        private mutating func close(_ index: Int) {
            nodes[index].end = Int32(nodes.count)
        }

        mutating func name(_ text: String, _ transformNames: [String]) -> Name {
            let kind: Name.Kind
            if text == "." {
                kind = .implicit
            } else if text.isEmpty && !transformNames.isEmpty {
                kind = .sequencePosition
            } else if text.utf8.first == UInt8(ascii: ".") {
                kind = .anchored
            } else {
                kind = .climbing
            }
            let keyStart = Int32(keys.count)
            keys += text.split(separator: ".").map(String.init)
            let transformStart = Int32(transforms.count)
            transforms += transformNames.reversed().map(Transform.init)
            return Name(
                kind: kind, keyStart: keyStart, keyEnd: Int32(keys.count),
                transformStart: transformStart, transformEnd: Int32(transforms.count))
        }
    }
}
