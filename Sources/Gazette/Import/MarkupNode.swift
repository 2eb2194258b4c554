/// A parsed XML or HTML element or text, as a Swift value.
///
/// libxml2 parses; `LibXML` copies its tree into these values and frees it at once, so that
/// no C pointer leaves that one file and readers can be plain, `Sendable` code.
struct MarkupNode: Sendable {
    enum Kind: Sendable, Hashable {
        case element
        /// Text and CDATA alike: both are characters to the reader.
        case text
    }

    var kind: Kind
    /// The local name, lowercased for HTML (`p`, `item`, `RDF`).
    var name: String
    /// The namespace URI of an XML element, if it has one.
    var namespace: String?
    /// Attributes by qualified name (`href`, `xml:base`, `rdf:about`).
    var attributes: [(name: String, value: String)]
    var children: [MarkupNode]
    /// The characters of a text node.
    var text: String

    static func element(
        _ name: String, namespace: String? = nil, attributes: [(name: String, value: String)] = [],
        children: [MarkupNode] = []
    ) -> MarkupNode {
        MarkupNode(kind: .element, name: name, namespace: namespace, attributes: attributes, children: children, text: "")
    }

    static func text(_ text: String) -> MarkupNode {
        MarkupNode(kind: .text, name: "", namespace: nil, attributes: [], children: [], text: text)
    }

    var isElement: Bool { kind == .element }

    /// The value of an attribute, matched without regard to case (HTML attribute names are not).
    func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
            ?? attributes.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
    }

    var elements: [MarkupNode] { children.filter(\.isElement) }

    /// Child elements with the local name `name`, in `namespace` when one is given.
    func children(named name: String, namespace: String? = nil) -> [MarkupNode] {
        children.filter { $0.isElement && $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    func child(named name: String, namespace: String? = nil) -> MarkupNode? {
        children.first { $0.isElement && $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every descendant element, depth first, in document order.
    func descendants(where matches: (MarkupNode) -> Bool) -> [MarkupNode] {
        var found: [MarkupNode] = []
        func visit(_ node: MarkupNode) {
            for child in node.children where child.isElement {
                if matches(child) { found.append(child) }
                visit(child)
            }
        }
        visit(self)
        return found
    }

    func firstDescendant(where matches: (MarkupNode) -> Bool) -> MarkupNode? {
        for child in children where child.isElement {
            if matches(child) { return child }
            if let found = child.firstDescendant(where: matches) { return found }
        }
        return nil
    }

    /// All the text inside, as written (no whitespace folding).
    var textContent: String {
        if kind == .text { return text }
        var out = ""
        func collect(_ node: MarkupNode) {
            for child in node.children {
                if child.kind == .text { out += child.text } else { collect(child) }
            }
        }
        collect(self)
        return out
    }
}
