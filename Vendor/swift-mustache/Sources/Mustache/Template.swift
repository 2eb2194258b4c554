//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Class holding Mustache template
public struct MustacheTemplate: Sendable, CustomStringConvertible {
    /// Initialize template
    /// - Parameter string: Template text
    /// - Throws: MustacheTemplate.Error
    public init(string: String) throws {
        let template = try Self.parse(string)
        self.storage = Storage(tokens: template.tokens, text: string, filename: nil)
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil) -> String {
        self.render(context: .init(object, library: library))
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    ///   - reload: Should I reload this template when rendering. This is only available in debug builds
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil, reload: Bool) -> String {
        #if DEBUG
        if reload {
            guard let filename else {
                preconditionFailure("Can only use reload if template was generated from a file")
            }
            do {
                guard let template = try MustacheTemplate(filename: filename) else { return "Cannot find template at \(filename)" }
                return template.render(context: .init(object, library: library, reloadPartials: reload))
            } catch {
                return "\(error)"
            }
        }
        #endif
        return self.render(context: .init(object, library: library))
    }

    internal init(_ tokens: [Token], text: String, filename: String? = nil) {
        self.storage = Storage(tokens: tokens, text: text, filename: filename)
    }

    public var description: String { self.text }

    enum Token: Sendable /* , CustomStringConvertible */ {
        case text(String)
        case variable(name: String, transforms: [String] = [])
        case unescapedVariable(name: String, transforms: [String] = [])
        case section(name: String, transforms: [String] = [], template: MustacheTemplate)
        case invertedSection(name: String, transforms: [String] = [], template: MustacheTemplate)
        case blockDefinition(name: String, template: MustacheTemplate)
        case blockExpansion(name: String, default: MustacheTemplate, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        case dynamicNamePartial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        case contentType(MustacheContentType)
    }

    /// A token behind a reference, as a render reads it: a token read out of an array of enums
    /// is copied, each of its strings and nested templates retained (and released after), where
    /// one held by a class is lent in place.
    final class TokenNode: Sendable {
        let token: Token
        /// What a render reads of the common tokens, held apart from the enum: binding an enum's
        /// payload in a `switch` copied the whole token (a retain of each of its strings, arrays
        /// and templates, and a release after), for every token of every page.
        enum Kind: UInt8, Sendable {
            case text, variable, unescapedVariable, section, invertedSection, other
        }
        let kind: Kind
        /// The text of a `.text` token, or the name of a variable or section; "" otherwise.
        let name: String
        let transforms: [String]
        /// A section's template.
        let template: MustacheTemplate?
        /// The parts of a dotted variable or section name (`page.title`), split once here
        /// rather than at each look-up; nil for other names (see `getChild`).
        let dottedParts: [String]?

        init(_ token: Token) {
            self.token = token
            switch token {
            case .text(let text):
                (kind, name, transforms, template) = (.text, text, [], nil)
            case .variable(let name, let transforms):
                (kind, self.name, self.transforms, template) = (.variable, name, transforms, nil)
            case .unescapedVariable(let name, let transforms):
                (kind, self.name, self.transforms, template) = (.unescapedVariable, name, transforms, nil)
            case .section(let name, let transforms, let template):
                (kind, self.name, self.transforms, self.template) = (.section, name, transforms, template)
            case .invertedSection(let name, let transforms, let template):
                (kind, self.name, self.transforms, self.template) = (.invertedSection, name, transforms, template)
            default:
                (kind, name, transforms, template) = (.other, "", [], nil)
            }
            dottedParts = kind == .text || kind == .other ? nil : Self.dottedParts(of: name)
        }

        /// The parts `getChild` resolves a name by when it takes it apart at its dots (a name
        /// of more than one byte, with a dot, not starting with one), empty parts skipped.
        static func dottedParts(of name: String) -> [String]? {
            guard name.utf8.count > 1, name.utf8.first != UInt8(ascii: "."), name.utf8.contains(UInt8(ascii: ".")) else {
                return nil
            }
            return name.split(separator: ".").map(String.init)
        }
    }

    /// The tokens, text and file name, behind one reference: a template is copied with each
    /// section, partial or block token a render reads, which retained each of them.
    final class Storage: Sendable {
        let nodes: [TokenNode]
        let text: String
        let filename: String?

        init(tokens: [Token], text: String, filename: String?) {
            self.nodes = tokens.map(TokenNode.init)
            self.text = text
            self.filename = filename
        }
    }

    let storage: Storage
    /// The tokens as the parser handles them (rendering reads `storage.nodes`).
    var tokens: [Token] { storage.nodes.map(\.token) }
    var text: String { storage.text }
    var filename: String? { storage.filename }
}
