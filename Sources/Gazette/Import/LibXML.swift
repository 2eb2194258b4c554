import CLibXML2
import Foundation

/// XML and HTML parsing through libxml2. The only file of the importer that touches C pointers:
/// each call parses, copies the tree into `MarkupNode` values and frees everything before it returns.
///
/// Feeds go through the XML parser without network access, without loading external DTDs and
/// without substituting entities, so that a hostile feed cannot read local files or expand a
/// billion laughs. Pages go through the HTML parser, which recovers from tag soup as browsers do.
enum LibXML {
    struct ParseError: Error, Sendable {
        var message: String
        var line: Int
    }

    /// libxml2 asks to be initialised once, before threads use it; a `static let` runs exactly once.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Elements nested deeper than this are flattened to their text, so that a pathological page
    /// cannot exhaust the stack of the code that walks the tree.
    static let maximumDepth = 160

    /// Parses a well-formed XML document and returns its root element.
    static func parseXML(_ bytes: [UInt8], encoding: String? = nil) throws(ParseError) -> MarkupNode {
        _ = initialised
        guard !bytes.isEmpty else { throw ParseError(message: "the document is empty", line: 1) }
        guard let context = xmlNewParserCtxt() else { throw ParseError(message: "cannot create an XML parser", line: 0) }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlCtxtReadMemory(context, chars, Int32(clamping: buffer.count), nil, encoding, options)
            }
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            throw lastError(of: context)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw ParseError(message: "the document has no root element", line: 1) }
        return copy(root, depth: 0, lowercase: false)
    }

    /// Parses an HTML page, however broken, and returns its `<html>` element.
    /// `encoding` overrides what the page declares (nil: the page's `<meta charset>`, else Latin-1).
    static func parseHTML(_ bytes: [UInt8], encoding: String?) -> MarkupNode? {
        _ = initialised
        guard !bytes.isEmpty, let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(clamping: buffer.count), nil, encoding, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return copy(root, depth: 0, lowercase: true)
    }

    private static func lastError(of context: xmlParserCtxtPtr) -> ParseError {
        let error = context.pointee.lastError
        var message = error.message.map { String(cString: $0) } ?? "not well-formed"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return ParseError(message: message, line: Int(error.line))
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func copy(_ node: xmlNodePtr, depth: Int, lowercase: Bool) -> MarkupNode {
        var name = string(node.pointee.name)
        if lowercase { name = name.lowercased() }
        var attributes: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            var attributeName = string(a.pointee.name)
            if lowercase { attributeName = attributeName.lowercased() }
            if let prefix = a.pointee.ns?.pointee.prefix { attributeName = string(prefix) + ":" + attributeName }
            var value = ""
            var part = a.pointee.children
            while let p = part {
                if p.pointee.type == XML_TEXT_NODE { value += string(p.pointee.content) }
                part = p.pointee.next
            }
            attributes.append((attributeName, value))
            attribute = a.pointee.next
        }
        var children: [MarkupNode] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maximumDepth {
                    children.append(copy(c, depth: depth + 1, lowercase: lowercase))
                } else {
                    children.append(.text(flatText(c)))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                children.append(.text(string(c.pointee.content)))
            default:
                // Comments, processing instructions and unexpanded entity references carry no article text.
                break
            }
            child = c.pointee.next
        }
        let namespace = node.pointee.ns.map { string($0.pointee.href) }
        return MarkupNode(
            kind: .element, name: name, namespace: namespace, attributes: attributes,
            children: children, text: "")
    }

    /// The text under `node`, gathered without recursion.
    private static func flatText(_ node: xmlNodePtr) -> String {
        var out = ""
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while true {
            if let c = child {
                if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE {
                    out += string(c.pointee.content)
                } else if c.pointee.type == XML_ELEMENT_NODE, let first = c.pointee.children {
                    if let next = c.pointee.next { stack.append(next) }
                    child = first
                    continue
                }
                child = c.pointee.next
            } else if let next = stack.popLast() {
                child = next
            } else {
                break
            }
        }
        return out
    }
}
