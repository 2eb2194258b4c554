//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Protocol for objects that can be rendered as a sequence in Mustache
public protocol MustacheSequence: Sequence {}

extension MustacheSequence {
    /// Render section using template, appending to `string`
    func renderSection(with template: MustacheTemplate, context: MustacheContext, into string: inout String) {
        var sequenceContext = MustacheSequenceContext(first: true)

        var iterator = makeIterator()
        guard var currentObject = iterator.next() else { return }

        while let object = iterator.next() {
            template.render(context: context.withSequence(currentObject, sequenceContext: sequenceContext), into: &string)
            currentObject = object
            sequenceContext.first = false
            sequenceContext.index += 1
        }

        sequenceContext.last = true
        template.render(context: context.withSequence(currentObject, sequenceContext: sequenceContext), into: &string)
    }

    /// Render inverted section using template
    func renderInvertedSection(with template: MustacheTemplate, context: MustacheContext) -> String {
        var iterator = makeIterator()
        if iterator.next() == nil {
            return template.render(context: context.withObject(self))
        }
        return ""
    }
}

extension Array: MustacheSequence {}
extension Set: MustacheSequence {}
extension ReversedCollection: MustacheSequence {}
