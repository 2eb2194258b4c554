/// One render: walks compiled programs node by node, writing UTF-8 bytes into one buffer.
///
/// The context stack is one array for the whole render: a section pushes its value before its
/// body and pops it after, so no context is copied. What else swift-mustache's context carries
/// from level to level (the position in a list, indentation, block overrides, escaping) is a
/// plain `Scope` value; indentations and overrides themselves sit in arrays of the renderer
/// that the scope points into, pushed and popped around the partials and blocks that add
/// them.
struct Renderer: ~Copyable {
    private var output: OutputBuffer
    private var stack: [TemplateValue] = []
    /// The indentations in force, each the whole prefix of a line (outer ones included).
    private var indentations: [[UInt8]] = []
    /// The overrides of the parent calls being rendered, each pointing to the enclosing call's.
    private var overrideFrames: [OverrideFrame] = []
    private let templates: [String: Template]
    /// Partials kept from earlier renders, and those being rendered to keep (innermost last).
    private var memo = PartialMemo(limit: 0)
    /// Whether the caller gave a memo to use.
    private var memoizing = false
    private var recordings: [Recording] = []

    /// A partial being rendered to keep in the memo: what it wrote from `start`, and the names
    /// it found below `base`, the stack frame of the object it is rendered over.
    struct Recording {
        let base: Int
        let start: Int
        var dependencies: [PartialMemo.Dependency] = []
        /// False once it met what the memo cannot keep.
        var keepable = true
    }

    struct Scope {
        /// The position in the innermost list section, while no object section, partial or
        /// block has been entered since (as swift-mustache clears its sequence context).
        var position: SequencePosition?
        /// `indentations[indentation]`, written before each line; -1 when none.
        var indentation: Int32
        /// The innermost parent call's overrides, `overrideFrames[overrides]`; -1 when none.
        var overrides: Int32
        /// HTML-escape `{{x}}` (`{{%CONTENT_TYPE:…}}` changes it for the rest of its template).
        var escapes: Bool

        static let root = Scope(position: nil, indentation: -1, overrides: -1, escapes: true)
    }

    struct OverrideFrame {
        let program: Program
        let blocks: [String: Range<Int32>]
        let outer: Int32
    }

    /// A buffer reused page after page has the room of the largest page: `capacity` is that.
    private init(capacity: Int, templates: [String: Template]) {
        self.output = OutputBuffer(capacity: capacity)
        self.templates = templates
    }

    /// Renders `program` over `value`, appending to `buffer`.
    static func render(_ program: Program, _ value: TemplateValue, templates: [String: Template], into buffer: inout [UInt8]) {
        var renderer = Renderer(capacity: max(buffer.capacity - buffer.count, 4096), templates: templates)
        renderer.render(program, value, into: &buffer)
    }

    /// Renders `program` over `value`, appending to `buffer`, reusing and adding to `memo`.
    static func render(
        _ program: Program, _ value: TemplateValue, templates: [String: Template], memo: inout PartialMemo, into buffer: inout [UInt8]
    ) {
        var renderer = Renderer(capacity: max(buffer.capacity - buffer.count, 4096), templates: templates)
        // Moved in and out, never copied: a copy would copy its table at the first change.
        swap(&renderer.memo, &memo)
        renderer.memoizing = true
        renderer.render(program, value, into: &buffer)
        swap(&renderer.memo, &memo)
    }

    private mutating func render(_ program: Program, _ value: TemplateValue, into buffer: inout [UInt8]) {
        stack.reserveCapacity(16)
        stack.append(value)
        render(program, 0, program.rootEnd, .root)
        output.copy(to: &buffer)
    }

    // MARK: - Nodes

    /// Renders `program.nodes[start..<end]`.
    private mutating func render(_ program: Program, _ start: Int, _ end: Int, _ scope: Scope) {
        if scope.indentation >= 0 {
            renderIndented(program, start, end, scope)
            return
        }
        var scope = scope
        var index = start
        while index < end {
            index = render(program, index, &scope)
        }
    }

    /// swift-mustache indents what a partial or block writes piece by piece: before each piece
    /// (a line of text, a tag's output) that writes something, when what this body wrote so
    /// far ends with the character "\n" (not "\r\n").
    private mutating func renderIndented(_ program: Program, _ start: Int, _ end: Int, _ scope: Scope) {
        var scope = scope
        let bodyStart = output.count
        let indentation = Int(scope.indentation)
        var index = start
        while index < end {
            let node = program.nodes[index]
            if node.kind == .text {
                // One node holds what swift-mustache keeps as a piece per line.
                program.text.withUnsafeBufferPointer { text in
                    var lineStart = Int(node.start)
                    let textEnd = Int(node.end)
                    while lineStart < textEnd {
                        var lineEnd = lineStart
                        while lineEnd < textEnd, text[lineEnd] != .newline { lineEnd += 1 }
                        if lineEnd < textEnd { lineEnd += 1 }
                        if endsWithNewline(from: bodyStart) { output.append(indentations[indentation]) }
                        output.append(UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd]))
                        lineStart = lineEnd
                    }
                }
                index += 1
                continue
            }
            let indent = endsWithNewline(from: bodyStart)
            let before = output.count
            if indent { output.append(indentations[indentation]) }
            let afterIndentation = output.count
            index = render(program, index, &scope)
            if indent, output.count == afterIndentation {
                output.truncate(to: before)
            }
        }
    }

    /// Whether what was written since `start` ends with the character "\n": a final "\r\n" is
    /// one character, not "\n".
    private func endsWithNewline(from start: Int) -> Bool {
        let count = output.count
        guard count > start, output[count - 1] == .newline else { return false }
        return count - 1 == start || output[count - 2] != .carriageReturn
    }

    /// Renders the node at `index`; returns the index of the next node.
    private mutating func render(_ program: Program, _ index: Int, _ scope: inout Scope) -> Int {
        let node = program.nodes[index]
        switch node.kind {
        case .text:
            program.text.withUnsafeBufferPointer { text in
                output.append(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.end)]))
            }
            return index + 1

        case .variable, .rawVariable:
            if let value = resolve(program, node.name, scope) {
                write(value, escaped: node.kind == .variable && scope.escapes)
            }
            return index + 1

        case .section:
            guard let value = resolve(program, node.name, scope) else { return Int(node.end) }
            let start = Int(node.start), end = Int(node.end)
            switch value {
            case .list(let elements):
                guard !elements.isEmpty else { break }
                var inner = scope
                let last = elements.count - 1
                for position in 0...last {
                    inner.position = SequencePosition(first: position == 0, last: position == last, index: position)
                    stack.append(elements[position])
                    render(program, start, end, inner)
                    stack.removeLast()
                }
            case .bool(let flag):
                if flag { render(program, start, end, scope) }
            case .null:
                break
            case .string, .int, .object, .view:
                var inner = scope
                inner.position = nil
                stack.append(value)
                render(program, start, end, inner)
                stack.removeLast()
            }
            return Int(node.end)

        case .invertedSection:
            let start = Int(node.start), end = Int(node.end)
            switch resolve(program, node.name, scope) {
            case nil, .null?, .bool(false)?:
                render(program, start, end, scope)
            case .list(let elements)? where elements.isEmpty:
                // swift-mustache pushes the empty list: `{{.}}` inside renders it.
                var inner = scope
                inner.position = nil
                stack.append(.list(elements))
                render(program, start, end, inner)
                stack.removeLast()
            default:
                break
            }
            return Int(node.end)

        case .partial:
            renderPartial(program, program.partials[Int(node.extra)], scope)
            return Int(node.end)

        case .blockExpansion:
            // Which text a block shows depends on the calls around it: not kept.
            for r in recordings.indices { recordings[r].keepable = false }
            let block = program.blocks[Int(node.extra)]
            var inner = scope
            inner.position = nil
            let pushed = pushIndentation(block.indentation, &inner)
            if let (overrideProgram, range) = override(named: block.name, scope) {
                render(overrideProgram, Int(range.lowerBound), Int(range.upperBound), inner)
            } else {
                render(program, Int(node.start), Int(node.end), inner)
            }
            if pushed { indentations.removeLast() }
            return Int(node.end)

        case .escapeOn:
            scope.escapes = true
            return index + 1

        case .escapeOff:
            scope.escapes = false
            return index + 1
        }
    }

    private mutating func renderPartial(_ program: Program, _ call: Program.PartialCall, _ scope: Scope) {
        let template: Template?
        if let dynamicName = call.dynamicName {
            guard case .string(let name)? = resolve(program, dynamicName, scope) else { return }
            template = templates[name]
        } else {
            template = templates[call.name]
        }
        guard let template else { return }
        if memoizing, call.overrides == nil, case .view(let object)? = stack.last, let identity = object.renderingIdentity {
            var indentation: [UInt8] = scope.indentation >= 0 ? indentations[Int(scope.indentation)] : []
            if let own = call.indentation { indentation += own }
            let key = PartialMemo.Key(
                program: ObjectIdentifier(template.program), type: ObjectIdentifier(type(of: object)), identity: identity,
                indentation: indentation)
            if let entry = memo.entries[key], entry.program === template.program, dependenciesHold(entry.dependencies) {
                memo.reused += 1
                entry.bytes.withUnsafeBufferPointer { output.append($0) }
                return
            }
            recordings.append(Recording(base: stack.count - 1, start: output.count))
            renderPartialBody(template, call, program, scope)
            let recording = recordings.removeLast()
            memo.rendered += 1
            if recording.keepable {
                let bytes = output.bytes(from: recording.start)
                memo.keep(PartialMemo.Entry(program: template.program, bytes: bytes, dependencies: recording.dependencies), for: key)
            }
            return
        }
        renderPartialBody(template, call, program, scope)
    }

    /// Whether each name a kept partial found below its object gives what it gave then.
    private mutating func dependenciesHold(_ dependencies: [PartialMemo.Dependency]) -> Bool {
        for dependency in dependencies {
            guard PartialMemo.same(resolve(dependency.program, dependency.name, .root), dependency.value) else { return false }
        }
        return true
    }

    private mutating func renderPartialBody(_ template: Template, _ call: Program.PartialCall, _ program: Program, _ scope: Scope) {
        // A partial starts with swift-mustache's fresh context: no list position, HTML escaping.
        var inner = Scope.root
        inner.indentation = scope.indentation
        inner.overrides = scope.overrides
        var pushed = false
        if let indentation = call.indentation {
            pushed = pushIndentation(indentation, &inner)
        }
        if let overrides = call.overrides {
            overrideFrames.append(OverrideFrame(program: program, blocks: overrides, outer: scope.overrides))
            inner.overrides = Int32(overrideFrames.count - 1)
        }
        render(template.program, 0, template.program.rootEnd, inner)
        if call.overrides != nil { overrideFrames.removeLast() }
        if pushed { indentations.removeLast() }
    }

    /// Adds `indentation` to the scope's; whether it pushed one (to pop after).
    private mutating func pushIndentation(_ indentation: [UInt8], _ scope: inout Scope) -> Bool {
        guard !indentation.isEmpty else { return false }
        if scope.indentation >= 0 {
            indentations.append(indentations[Int(scope.indentation)] + indentation)
        } else {
            indentations.append(indentation)
        }
        scope.indentation = Int32(indentations.count - 1)
        return true
    }

    /// The outermost override of block `name`: the first parent call to name a block wins, as
    /// swift-mustache merges a nested call's overrides under the enclosing ones.
    private func override(named name: String, _ scope: Scope) -> (Program, Range<Int32>)? {
        var found: (Program, Range<Int32>)?
        var frame = scope.overrides
        while frame >= 0 {
            let overrides = overrideFrames[Int(frame)]
            if let range = overrides.blocks[name] { found = (overrides.program, range) }
            frame = overrides.outer
        }
        return found
    }

    // MARK: - Look-up

    /// The value a name stands for, transforms applied; nil when there is none (a missing
    /// name, or a transform that does not apply). It may be `.null`, which every caller treats
    /// as nil. While partials are being kept, a name found below one's object is noted for it.
    private mutating func resolve(_ program: Program, _ name: Program.Name, _ scope: Scope) -> TemplateValue? {
        if recordings.isEmpty { return evaluate(program, name, scope, frame: nil) }  // Inlined with no frame to find.
        var frame = Int.max
        let value = evaluate(program, name, scope, frame: &frame)
        // Frames below the innermost recording's base may be below outer ones' too.
        var r = recordings.count - 1
        while r >= 0, frame < recordings[r].base {
            if PartialMemo.comparable(value) {
                recordings[r].dependencies.append(PartialMemo.Dependency(program: program, name: name, value: value))
            } else {
                recordings[r].keepable = false
            }
            r -= 1
        }
        return value
    }

    /// `resolve` without the notes; `frame`, when asked for, gets the stack frame a climbing
    /// name was found in (or -1 when none has it).
    @inline(__always)
    private func evaluate(_ program: Program, _ name: Program.Name, _ scope: Scope, frame: UnsafeMutablePointer<Int>?) -> TemplateValue? {
        // Most names: one key, no transforms.
        if name.kind == .climbing, name.keyEnd == name.keyStart + 1, name.transformEnd == name.transformStart {
            return lookUp(program, Int(name.keyStart), frame: frame)
        }
        var value: TemplateValue
        var transform = Int(name.transformStart)
        let transformEnd = Int(name.transformEnd)
        switch name.kind {
        case .implicit:
            value = stack[stack.count - 1]
        case .sequencePosition:
            guard let position = scope.position, transform < transformEnd,
                let transformed = program.transforms[transform].apply(to: position)
            else { return nil }
            value = transformed
            transform += 1
        case .anchored:
            value = stack[stack.count - 1]
            for key in Int(name.keyStart)..<Int(name.keyEnd) {
                guard let child = Self.child(of: value, program, key) else { return nil }
                value = child
            }
        case .climbing:
            let keyStart = Int(name.keyStart), keyEnd = Int(name.keyEnd)
            if keyStart == keyEnd {
                value = stack[stack.count - 1]
            } else {
                guard let found = lookUp(program, keyStart, frame: frame) else { return nil }
                value = found
                for key in (keyStart + 1)..<keyEnd {
                    guard let child = Self.child(of: value, program, key) else { return nil }
                    value = child
                }
            }
        }
        // `null` gives nil through any transform, and renders as nil does where it is used.
        while transform < transformEnd {
            guard let transformed = program.transforms[transform].apply(to: value) else { return nil }
            value = transformed
            transform += 1
        }
        return value
    }

    /// The first object down the stack, from the top, that has a field `program.keys[k]`;
    /// `frame`, when asked for, gets its place in the stack (-1 when none has it).
    @inline(__always)
    private func lookUp(_ program: Program, _ k: Int, frame: UnsafeMutablePointer<Int>?) -> TemplateValue? {
        let key = program.keys[k]
        return stack.withUnsafeBufferPointer { frames in
            var index = frames.count - 1
            while index >= 0 {
                switch frames[index] {
                case .object(let object):
                    if let value = object[key] {
                        frame?.pointee = index
                        return value
                    }
                case .view(let view):
                    if let value = view.value(forKey: key, slot: Int(program.slots[k])) {
                        frame?.pointee = index
                        return value
                    }
                case .string, .bool, .int, .list, .null:
                    break
                }
                index -= 1
            }
            frame?.pointee = -1
            return nil
        }
    }

    /// The field `program.keys[k]` of `value`.
    private static func child(of value: TemplateValue, _ program: Program, _ k: Int) -> TemplateValue? {
        switch value {
        case .object(let object): return object[program.keys[k]]
        case .view(let view): return view.value(forKey: program.keys[k], slot: Int(program.slots[k]))
        case .string, .bool, .int, .list, .null: return nil
        }
    }

    // MARK: - Writing values

    /// Writes a value as `{{x}}` does. Consumes it: its string is written in place, without a
    /// copy of its reference.
    private mutating func write(_ value: consuming TemplateValue, escaped: Bool) {
        switch consume value {
        case .string(var string):
            string.withUTF8 { bytes in
                if escaped {
                    HTMLEscaping.append(bytes, to: &output)
                } else {
                    output.append(bytes)
                }
            }
        case .int(let int):
            write(.string(String(int)), escaped: false)
        case .bool(let flag):
            output.append(flag ? "true" : "false")
        case let value where value.isCollection:
            write(.string(ValueDescription.describe(value)), escaped: escaped)
        case .view(let view):
            // A view has no text of its own; a dictionary entry prints as swift-mustache's
            // `(key:value:)` tuple does.
            if let entry = view as? DictionaryEntry {
                write(.string(ValueDescription.describe(entry)), escaped: escaped)
            }
        default:
            return
        }
    }
}
