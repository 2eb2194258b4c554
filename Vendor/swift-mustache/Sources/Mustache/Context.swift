//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// The objects a look-up searches, innermost first: a list each section or sequence element
/// extends by one node, where an array was copied whole (every element retained) at each push.
final class MustacheStack {
    let object: Any
    /// What `object` is (see `MustacheTypeKinds`), found once as it is pushed: every look-up
    /// that passes this level reads it here instead of finding the object's type again.
    let kind: MustacheTypeKinds.Kind
    let parent: MustacheStack?

    init(_ object: Any, kind: MustacheTypeKinds.Kind, parent: MustacheStack?) {
        self.object = object
        self.kind = kind
        self.parent = parent
    }
}

/// Context while rendering mustache tokens
struct MustacheContext {
    /// The innermost object pushed, which links to those below it.
    let stack: MustacheStack
    let sequenceContext: MustacheSequenceContext?
    let indentation: String?
    let inherited: [String: MustacheTemplate]?
    let contentType: MustacheContentType
    let library: MustacheLibrary?
    let reloadPartials: Bool
    /// What the types met in this render can do, found once per type (see `MustacheTypeKinds`).
    /// Shared by every context derived from the first, which never leaves its thread.
    let kinds: MustacheTypeKinds

    /// initialize context with a single objectt
    init(_ object: Any, library: MustacheLibrary? = nil, reloadPartials: Bool = false, kinds: MustacheTypeKinds? = nil) {
        let kinds = kinds ?? MustacheTypeKinds()
        self.kinds = kinds
        self.stack = MustacheStack(object, kind: kinds.kind(of: object), parent: nil)
        self.sequenceContext = nil
        self.indentation = nil
        self.inherited = nil
        self.contentType = HTMLContentType()
        self.library = library
        self.reloadPartials = reloadPartials
    }

    private init(
        stack: MustacheStack,
        sequenceContext: MustacheSequenceContext?,
        indentation: String?,
        inherited: [String: MustacheTemplate]?,
        contentType: MustacheContentType,
        library: MustacheLibrary? = nil,
        reloadPartials: Bool,
        kinds: MustacheTypeKinds
    ) {
        self.kinds = kinds
        self.stack = stack
        self.sequenceContext = sequenceContext
        self.indentation = indentation
        self.inherited = inherited
        self.contentType = contentType
        self.library = library
        self.reloadPartials = reloadPartials
    }

    /// return context with object add to stack; `kind`: the object's, when the caller knows it.
    func withObject(_ object: Any, kind: MustacheTypeKinds.Kind? = nil) -> MustacheContext {
        .init(
            stack: MustacheStack(object, kind: kind ?? self.kinds.kind(of: object), parent: self.stack),
            sequenceContext: nil,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: self.contentType,
            library: self.library,
            reloadPartials: self.reloadPartials,
            kinds: self.kinds
        )
    }

    /// return context with indent and parameter information for invoking a partial
    func withPartial(indented: String?, inheriting: [String: MustacheTemplate]?) -> MustacheContext {
        let indentation: String?
        if let indented {
            indentation = (self.indentation ?? "") + indented
        } else {
            indentation = self.indentation
        }
        let inherits: [String: MustacheTemplate]?
        if let inheriting {
            if let originalInherits = self.inherited {
                inherits = originalInherits.merging(inheriting) { value, _ in value }
            } else {
                inherits = inheriting
            }
        } else {
            inherits = self.inherited
        }
        return .init(
            stack: self.stack,
            sequenceContext: nil,
            indentation: indentation,
            inherited: inherits,
            contentType: HTMLContentType(),
            library: self.library,
            reloadPartials: self.reloadPartials,
            kinds: self.kinds
        )
    }

    /// return context with indent information for invoking an inheritance block
    func withBlockExpansion(indented: String?) -> MustacheContext {
        let indentation: String?
        if let indented {
            indentation = (self.indentation ?? "") + indented
        } else {
            indentation = self.indentation
        }
        return .init(
            stack: self.stack,
            sequenceContext: nil,
            indentation: indentation,
            inherited: self.inherited,
            contentType: self.contentType,
            library: self.library,
            reloadPartials: self.reloadPartials,
            kinds: self.kinds
        )
    }

    /// return context with sequence info and sequence element added to stack
    func withSequence(_ object: Any, sequenceContext: MustacheSequenceContext) -> MustacheContext {
        .init(
            stack: MustacheStack(object, kind: self.kinds.kind(of: object), parent: self.stack),
            sequenceContext: sequenceContext,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: self.contentType,
            library: self.library,
            reloadPartials: self.reloadPartials,
            kinds: self.kinds
        )
    }

    /// return context with sequence info and sequence element added to stack
    func withContentType(_ contentType: MustacheContentType) -> MustacheContext {
        .init(
            stack: self.stack,
            sequenceContext: self.sequenceContext,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: contentType,
            library: self.library,
            reloadPartials: self.reloadPartials,
            kinds: self.kinds
        )
    }
}
