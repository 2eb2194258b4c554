//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// What the values of one render can do, found once per type instead of at every look-up.
///
/// Each look-up used to ask a value whether it is a dictionary, a string, a `Bool`, an `Int`, a
/// `MustacheCustomRepresentation` and a `MustacheParent`, and each section whether its value is
/// a sequence, a `Bool` or a `MustacheCustomRenderable`: a dynamic cast each, most of them to a
/// protocol (a search of the runtime's conformance cache). A render meets a handful of types,
/// so the answers are kept by type here, in a short list searched by identity.
///
/// One instance serves one thread: a render makes its own, shared by the contexts derived from
/// its first, unless the caller passes one to reuse across the renders it makes on one thread
/// (`MustacheLibrary.render(_:withTemplate:kinds:)`).
public final class MustacheTypeKinds {
    enum Kind {
        /// `[String: Any]`.
        case dictionary
        /// `String`, `Bool`, `Int`: no children.
        case string, bool, int
        /// A `MustacheParent` that is nothing else a template treats differently (not a custom
        /// representation, sequence, custom renderable, lambda or template): its children are
        /// found with the function, and in a section it is pushed on the stack as it is.
        case parent((Any, String) -> Any?)
        /// A `MustacheSequence` that is nothing else a template treats differently (not a
        /// custom representation, custom renderable, lambda, template, `Bool` or parent): its
        /// sections are rendered with the functions (patch 15).
        case sequence(SequenceSections)
        /// Anything else: the general path decides.
        case other
    }

    /// A sequence type's section and inverted section, made for that type.
    struct SequenceSections {
        let render: (Any, MustacheTemplate, MustacheContext, inout MustacheOutput) -> Void
        let renderInverted: (Any, MustacheTemplate, MustacheContext, inout MustacheOutput) -> Void
    }

    private struct Entry {
        let type: ObjectIdentifier
        let kind: Kind
    }

    /// Room for the types of a render, behind `let` pointers: arrays in `var` properties cost
    /// a dynamic exclusivity check on each access, more than the search itself.
    private static let capacity = 32
    private let entries = UnsafeMutablePointer<Entry>.allocate(capacity: MustacheTypeKinds.capacity)
    private let count = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    public init() {
        self.count.initialize(to: 0)
    }

    deinit {
        self.entries.deinitialize(count: self.count.pointee)
        self.entries.deallocate()
        self.count.deallocate()
    }

    func kind(of object: Any) -> Kind {
        let id = ObjectIdentifier(type(of: object))
        let n = self.count.pointee
        var i = 0
        while i < n {
            if self.entries[i].type == id { return self.entries[i].kind }
            i += 1
        }
        let kind = Self.classify(object)
        // A render meets a few types; an unusual one beyond these is classified each time.
        if n < Self.capacity {
            (self.entries + n).initialize(to: Entry(type: id, kind: kind))
            self.count.pointee = n + 1
        }
        return kind
    }

    /// Only exact types get the first four kinds: a cast to `String` or `[String: Any]` can
    /// also succeed for values of other types (bridged, wrapped in `AnyHashable`), depending
    /// on the value; those take the general path, which casts each value.
    private static func classify(_ object: Any) -> Kind {
        let type = type(of: object)
        if type == [String: Any].self { return .dictionary }
        if type == String.self { return .string }
        if type == Bool.self { return .bool }
        if type == Int.self { return .int }
        let special = object is MustacheCustomRepresentation || object is MustacheCustomRenderable
            || object is MustacheLambda || object is MustacheTemplate || object is Bool
        if !special, !(object is MustacheParent), let sequenceType = type as? any MustacheSequence.Type {
            return .sequence(Self.sections(of: sequenceType))
        }
        if special || object is any MustacheSequence {
            return .other
        }
        if let parentType = type as? any MustacheParent.Type {
            return .parent(Self.children(of: parentType))
        }
        return .other
    }

    private static func sections<S: MustacheSequence>(of _: S.Type) -> SequenceSections {
        SequenceSections(
            render: { object, template, context, output in
                exactly(object, as: S.self).renderSection(with: template, context: context, into: &output)
            },
            renderInverted: { object, template, context, output in
                exactly(object, as: S.self).renderInvertedSection(with: template, context: context, into: &output)
            }
        )
    }

    private static func children<T: MustacheParent>(of _: T.Type) -> (Any, String) -> Any? {
        { object, name in exactly(object, as: T.self).child(named: name) }
    }
}

/// The value in `object`, whose type is known to be exactly `T` (its kind says so): read by
/// opening the existential rather than cast (patch 15). A cast from `Any` goes through the
/// runtime's general cast, about 250 instructions each, for every variable and every look-up
/// in a dictionary; this is a type comparison and a copy.
@inline(__always)
func exactly<T>(_ object: Any, as _: T.Type) -> T {
    func open<U>(_ value: U) -> T {
        precondition(U.self == T.self, "not exactly \(T.self)")
        return unsafeBitCast(value, to: T.self)
    }
    return open(object)
}
