//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

import Foundation

extension MustacheTemplate {
    /// Render template using object
    /// - Parameters:
    ///   - stack: Object
    ///   - context: Context that render is occurring in. Contains information about position in sequence
    ///   - indentation: indentation of partial
    /// - Returns: Rendered text
    func render(context: MustacheContext) -> String {
        var output = MustacheOutput()
        self.render(context: context, into: &output)
        return output.text
    }

    /// Render template using object, appending to `output`: sections, partials and sequences
    /// write into the one output of the whole render instead of each returning its own, which
    /// the level above copied (a page's text was copied once for each level of nesting).
    func render(context: MustacheContext, into output: inout MustacheOutput) {
        var context = context

        if let indentation = context.indentation, indentation != "" {
            // Where indentation goes depends on what this template wrote before each token:
            // a token that writes something after a new line is indented.
            let ownStart = output.count
            for node in storage.nodes {
                let before = output.count
                let onNewLine = output.endsWithNewline(from: ownStart)
                self.render(node, context: &context, into: &output)
                if output.count > before, onNewLine {
                    output.insert(indentation, at: before)
                }
            }
        } else {
            // Tokens lent by their nodes: `for token in tokens` copies each one out of the array.
            for node in storage.nodes {
                self.render(node, context: &context, into: &output)
            }
        }
    }

    /// Renders the token of `node`, reading the common kinds from the node's own fields.
    func render(_ node: TokenNode, context: inout MustacheContext, into output: inout MustacheOutput) {
        switch node.kind {
        case .text:
            output.append(node.name)
        case .variable:
            renderVariable(node.name, transforms: node.transforms, dottedParts: node.dottedParts, context: context, into: &output)
        case .unescapedVariable:
            renderUnescapedVariable(node.name, transforms: node.transforms, dottedParts: node.dottedParts,
                                    context: context, into: &output)
        case .section:
            renderSectionToken(node.name, transforms: node.transforms, template: node.template!,
                               dottedParts: node.dottedParts, context: context, into: &output)
        case .invertedSection:
            var kind: MustacheTypeKinds.Kind?
            let child = self.getChild(named: node.name, transforms: node.transforms, dottedParts: node.dottedParts,
                                      context: context, kind: &kind)
            self.renderInvertedSection(child, kind: kind, with: node.template!, context: context, into: &output)
        case .other:
            renderToken(node.token, context: &context, into: &output)
        }
    }

    func renderVariable(_ variable: String, transforms: [String], dottedParts: [String]?, context: MustacheContext,
                        into output: inout MustacheOutput) {
        var kind: MustacheTypeKinds.Kind?
        if let child = getChild(named: variable, transforms: transforms, dottedParts: dottedParts, context: context, kind: &kind) {
            // Plain strings are by far the most common value: skip the protocol casts below.
            if case .string = kind {
                context.contentType.escapeText(exactly(child, as: String.self), into: &output)
            } else if let text = child as? String {
                context.contentType.escapeText(text, into: &output)
            } else if let template = child as? MustacheTemplate {
                template.render(context: context, into: &output)
            } else if let renderable = child as? MustacheCustomRenderable {
                context.contentType.escapeText(renderable.renderText, into: &output)
            } else if let lambda = child as? MustacheLambda {
                output.append(self.renderLambda(lambda, parameter: "", context: context))
            } else {
                context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(child)), into: &output)
            }
        }
    }

    func renderUnescapedVariable(_ variable: String, transforms: [String], dottedParts: [String]?,
                                 context: MustacheContext, into output: inout MustacheOutput) {
        var kind: MustacheTypeKinds.Kind?
        if let child = getChild(named: variable, transforms: transforms, dottedParts: dottedParts, context: context, kind: &kind) {
            if case .string = kind {
                output.append(exactly(child, as: String.self))
            } else if let text = child as? String {
                output.append(text)
            } else if let renderable = child as? MustacheCustomRenderable {
                output.append(renderable.renderText)
            } else if let lambda = child as? MustacheLambda {
                output.append(self.renderUnescapedLambda(lambda, parameter: "", context: context))
            } else {
                output.append(String(describing: unwrapIfAnyContainsOptional(child)))
            }
        }
    }

    func renderSectionToken(_ variable: String, transforms: [String], template: MustacheTemplate, dottedParts: [String]?,
                            context: MustacheContext, into output: inout MustacheOutput) {
        var kind: MustacheTypeKinds.Kind?
        let child = self.getChild(named: variable, transforms: transforms, dottedParts: dottedParts, context: context, kind: &kind)
        if let child, case .other = kind, let lambda = child as? MustacheLambda {
            output.append(self.renderUnescapedLambda(lambda, parameter: template.text, context: context))
            return
        }
        self.renderSection(child, kind: kind, with: template, context: context, into: &output)
    }

    /// Any token; `render(_:context:into:)` takes the common kinds from their nodes.
    func renderToken(_ token: Token, context: inout MustacheContext, into output: inout MustacheOutput) {
        switch token {
        case .text(let text):
            output.append(text)

        case .variable(let variable, let transforms):
            renderVariable(variable, transforms: transforms, dottedParts: nil, context: context, into: &output)

        case .unescapedVariable(let variable, let transforms):
            renderUnescapedVariable(variable, transforms: transforms, dottedParts: nil, context: context, into: &output)

        case .section(let variable, let transforms, let template):
            renderSectionToken(variable, transforms: transforms, template: template, dottedParts: nil,
                               context: context, into: &output)

        case .invertedSection(let variable, let transforms, let template):
            let child = self.getChild(named: variable, transforms: transforms, context: context)
            self.renderInvertedSection(child, with: template, context: context, into: &output)

        case .blockExpansion(let name, let defaultTemplate, let indented):
            if let override = context.inherited?[name] {
                override.render(context: context.withBlockExpansion(indented: indented), into: &output)
            } else {
                defaultTemplate.render(context: context.withBlockExpansion(indented: indented), into: &output)
            }

        case .partial(let name, let indentation, let overrides):
            if var template = context.library?.getTemplate(named: name) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            output.append("Cannot find template at \(filename)")
                            return
                        }
                        template = partialTemplate
                    } catch {
                        output.append("\(error)")
                        return
                    }
                }
                #endif
                template.render(context: context.withPartial(indented: indentation, inheriting: overrides), into: &output)
            }

        case .dynamicNamePartial(let name, let indentation, let overrides):
            let child = self.getChild(named: name, transforms: [], context: context)
            guard let childName = child as? String else {
                return
            }
            if var template = context.library?.getTemplate(named: childName) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            output.append("Cannot find template at \(filename)")
                            return
                        }
                        template = partialTemplate
                    } catch {
                        output.append("\(error)")
                        return
                    }
                }
                #endif
                template.render(context: context.withPartial(indented: indentation, inheriting: overrides), into: &output)
            }

        case .contentType(let contentType):
            context = context.withContentType(contentType)

        case .blockDefinition:
            fatalError("Should not be rendering block definitions")
        }
    }

    /// Render a section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext) -> String {
        var output = MustacheOutput()
        self.renderSection(child, with: template, context: context, into: &output)
        return output.text
    }

    /// `kind`: the child's, when the caller knows it.
    func renderSection(_ child: Any?, kind: MustacheTypeKinds.Kind? = nil, with template: MustacheTemplate, context: MustacheContext,
                       into output: inout MustacheOutput) {
        // Strings, dictionaries and plain parents are neither sequences, nor Bool, nor custom
        // renderables: they take the `.some` case below, without the protocol casts.
        if let child {
            let kind = kind ?? context.kinds.kind(of: child)
            switch kind {
            case .string, .dictionary, .parent:
                template.render(context: context.withObject(child, kind: kind), into: &output)
                return
            case .bool:
                if exactly(child, as: Bool.self) { template.render(context: context, into: &output) }
                return
            case .sequence(let sections):
                sections.render(child, template, context, &output)
                return
            case .int, .other:
                break
            }
        }
        switch child {
        case let array as any MustacheSequence:
            array.renderSection(with: template, context: context, into: &output)
        case let bool as Bool:
            if bool { template.render(context: context, into: &output) }
        case let null as MustacheCustomRenderable where null.isNull == true:
            break
        case .some(let value):
            template.render(context: context.withObject(value), into: &output)
        case .none:
            break
        }
    }

    /// Render an inverted section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderInvertedSection(_ child: Any?, kind: MustacheTypeKinds.Kind? = nil, with template: MustacheTemplate,
                               context: MustacheContext, into output: inout MustacheOutput) {
        if let child {
            switch kind ?? context.kinds.kind(of: child) {
            case .string, .dictionary, .parent:
                return
            case .bool:
                if !exactly(child, as: Bool.self) { template.render(context: context, into: &output) }
                return
            case .sequence(let sections):
                sections.renderInverted(child, template, context, &output)
                return
            case .int, .other:
                break
            }
        }
        switch child {
        case let array as any MustacheSequence:
            array.renderInvertedSection(with: template, context: context, into: &output)
        case let bool as Bool:
            if !bool { template.render(context: context, into: &output) }
        case let null as MustacheCustomRenderable where null.isNull == true:
            template.render(context: context, into: &output)
        case .some:
            break
        case .none:
            template.render(context: context, into: &output)
        }
    }

    func renderLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: context.contentType.escapeText(string))
                    return self.renderSection(context.stack.object, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(result)))
            }
        }
    }

    func renderUnescapedLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: string)
                    return self.renderSection(context.stack.object, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return String(describing: unwrapIfAnyContainsOptional(result))
            }
        }
    }

    /// Get child object from variable name
    func getChild(named name: String, transforms: [String], dottedParts: [String]? = nil, context: MustacheContext) -> Any? {
        var kind: MustacheTypeKinds.Kind?
        return getChild(named: name, transforms: transforms, dottedParts: dottedParts, context: context, kind: &kind)
    }

    /// `getChild`, setting `kind` to what the value is (see `MustacheTypeKinds`): found there
    /// anyway, and wanted next by the caller, which found the value's type a second time.
    func getChild(named name: String, transforms: [String], dottedParts: [String]?, context: MustacheContext,
                  kind foundKind: inout MustacheTypeKinds.Kind?) -> Any? {
        let kinds = context.kinds
        func _getImmediateChild(named name: String, from object: Any) -> Any? {
            _getImmediateChild(named: name, from: object, kind: kinds.kind(of: object))
        }
        // `kind`: the object's (a level of the stack knows its own).
        func _getImmediateChild(named name: String, from object: Any, kind: MustacheTypeKinds.Kind) -> Any? {
            // The kinds of types met before, without the casts below, which give the same answers.
            switch kind {
            case .dictionary:
                return exactly(object, as: [String: Any].self)[name]
            case .string, .bool, .int:
                return nil
            case .parent(let children):
                return children(object, name)
            case .sequence, .other:
                // A sequence on the stack (an item of a sequence of sequences) is looked into
                // as before: Mirror finds what it finds.
                break
            }
            // A dictionary is the most common context: a concrete cast is far cheaper than the
            // protocol casts below, which give the same answer for it.
            if let dictionary = object as? [String: Any] {
                return dictionary[name]
            }
            // A string, number or Bool pushed by a section has no children: Mirror finds none.
            if object is String || object is Bool || object is Int {
                return nil
            }
            let child = {
                let object: Any? =
                    if let custom = object as? MustacheCustomRepresentation {
                        custom.representation
                    } else {
                        object
                    }
                if let customBox = object as? MustacheParent {
                    return customBox.child(named: name)
                } else if let object {
                    let mirror = Mirror(reflecting: object)
                    return mirror.getValue(forKey: name)
                } else {
                    return nil
                }
            }()
            return child
        }

        func _getChild(named names: ArraySlice<String>, from object: Any) -> Any? {
            guard let name = names.first else { return object }
            var object = object
            if case .other = kinds.kind(of: object), let lambda = object as? MustacheLambda {
                guard let result = lambda("") else { return nil }
                object = result
            }
            guard let childObject = _getImmediateChild(named: name, from: object) else { return nil }
            let names2 = names.dropFirst()
            return _getChild(named: names2, from: childObject)
        }

        // A dotted name (`page.title`): as upstream's `_getChildInStack` with the name split at its dots,
        // taking the parts one by one instead of making an array of new strings for each look-up.
        func _getDottedInStack(_ name: String, from stack: MustacheStack) -> Any? {
            if let dottedParts { return _getPartsInStack(dottedParts, from: stack) }
            var rest = Substring(name)
            // The next part between dots; empty parts are skipped, as `split(separator:)` does.
            func nextPart() -> String? {
                while rest.utf8.first == UInt8(ascii: ".") { rest = rest.dropFirst() }
                if rest.isEmpty { return nil }
                guard let dot = rest.utf8.firstIndex(of: UInt8(ascii: ".")) else {
                    defer { rest = rest[rest.endIndex...] }
                    return String(rest)
                }
                defer { rest = rest[dot...] }
                return String(rest[..<dot])
            }
            guard let first = nextPart() else { return stack.object }
            var found: Any?
            var node: MustacheStack? = stack
            while let current = node {
                if let child = _getImmediateChild(named: first, from: current.object, kind: current.kind) {
                    found = child
                    break
                }
                node = current.parent
            }
            guard var object = found else { return nil }
            while let part = nextPart() {
                if case .other = kinds.kind(of: object), let lambda = object as? MustacheLambda {
                    guard let result = lambda("") else { return nil }
                    object = result
                }
                guard let child = _getImmediateChild(named: part, from: object) else { return nil }
                object = child
            }
            return object
        }

        // `_getDottedInStack` over parts split beforehand.
        func _getPartsInStack(_ parts: [String], from stack: MustacheStack) -> Any? {
            guard let first = parts.first else { return stack.object }
            var found: Any?
            var node: MustacheStack? = stack
            while let current = node {
                if let child = _getImmediateChild(named: first, from: current.object, kind: current.kind) {
                    found = child
                    break
                }
                node = current.parent
            }
            guard var object = found else { return nil }
            for part in parts.dropFirst() {
                if case .other = kinds.kind(of: object), let lambda = object as? MustacheLambda {
                    guard let result = lambda("") else { return nil }
                    object = result
                }
                guard let child = _getImmediateChild(named: part, from: object) else { return nil }
                object = child
            }
            return object
        }

        // work out which object to access. "." means the current object, if the variable name is ""
        // and we have a transform to run on the variable then we need the context object, otherwise
        // the name is split by "." and we use mirror to get the correct child object. If we cannot find
        // the root object we look up the context stack until we can find one with a matching name. The
        // stack climbing can be disabled by prefixing the variable name with a "."
        // The name's length and first byte decide the case, as `name == "."` and `name == ""`
        // did with two string comparisons on every look-up.
        var child: Any?
        let count = name.utf8.count
        let first = name.utf8.first
        if count == 1, first == UInt8(ascii: ".") {
            child = context.stack.object
        } else if count == 0, !transforms.isEmpty {
            child = context.sequenceContext
        } else if first == UInt8(ascii: "."), name.first == "." {
            let nameSplit = name.split(separator: ".").map { String($0) }
            child = _getChild(named: nameSplit[...], from: context.stack.object)
        } else if count > 0, !Self.containsDot(name) {
            // A plain name: the first object on the stack that has it, as upstream's `_getChildInStack`
            // finds it, without an array of one name for each look-up.
            var node: MustacheStack? = context.stack
            while let current = node {
                if let found = _getImmediateChild(named: name, from: current.object, kind: current.kind) {
                    // No transforms (nearly every variable): what the steps below would return,
                    // without copying the value through them.
                    if transforms.isEmpty {
                        let kind = kinds.kind(of: found)
                        if case .other = kind, let custom = found as? MustacheCustomRepresentation {
                            let representation = custom.representation
                            foundKind = representation.map { kinds.kind(of: $0) }
                            return representation
                        }
                        foundKind = kind
                        return found
                    }
                    child = found
                    break
                }
                node = current.parent
            }
        } else {
            child = _getDottedInStack(name, from: context.stack)
        }

        // Only a type of the general kind can be a custom representation.
        var childKind: MustacheTypeKinds.Kind?
        if let found = child {
            let kind = kinds.kind(of: found)
            if case .other = kind, let custom = found as? MustacheCustomRepresentation {
                child = custom.representation
            } else {
                childKind = kind
            }
        }

        // skip transforms if child is already nil
        guard var child else {
            return nil
        }

        // if we want to run a transform and the current child can have transforms applied to it then
        // run transform on the current child
        for transform in transforms.reversed() {
            if let runnable = child as? MustacheTransformable,
                let transformed = runnable.transform(transform)
            {
                child = transformed
                childKind = nil
                continue
            }

            // return nil if transform is unsuccessful or has returned nil
            return nil
        }
        foundKind = childKind ?? kinds.kind(of: child)
        return child
    }

    /// Whether `name` has a `.`, scanning its bytes in place.
    static func containsDot(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: ".")) }
            ?? name.utf8.contains(UInt8(ascii: "."))
    }

    private func unwrapIfAnyContainsOptional(_ value: Any) -> Any {
        guard let opt = value as? AnyOptional else { return value }
        return opt.anyWrapped ?? value  // nil? keep the original Optional.none
    }
}
