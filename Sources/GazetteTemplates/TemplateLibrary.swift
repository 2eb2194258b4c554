/// Templates by name: each can name the others as partials (`{{>name}}`) or parents
/// (`{{<name}}…{{/name}}`). A value, safe to share between threads; rendering reads it only.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]
    /// What `register(_:named:)` compiles templates with.
    private let vocabulary: TemplateVocabulary

    public init(vocabulary: TemplateVocabulary = .none) {
        self.vocabulary = vocabulary
    }

    /// Compiles every template.
    /// - Throws: `TemplateLibraryError` with the syntax error of every template that has one,
    ///   sorted by template name.
    public init(templates texts: [String: String], vocabulary: TemplateVocabulary = .none) throws(TemplateLibraryError) {
        self.vocabulary = vocabulary
        var errors: [TemplateSyntaxError] = []
        for (name, text) in texts {
            do {
                templates[name] = try Template(text, vocabulary: vocabulary)
            } catch {
                var error = error
                error.template = name
                errors.append(error)
            }
        }
        guard errors.isEmpty else {
            throw TemplateLibraryError(
                errors: errors.sorted { ($0.template ?? "", $0.line, $0.column) < ($1.template ?? "", $1.line, $1.column) })
        }
    }

    /// Adds `template` under `name`, replacing any template of that name.
    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    /// Compiles `text` and adds it under `name`, replacing any template of that name.
    public mutating func register(_ text: String, named name: String) throws(TemplateSyntaxError) {
        do {
            templates[name] = try Template(text, vocabulary: vocabulary)
        } catch {
            var error = error
            error.template = name
            throw error
        }
    }

    public func template(named name: String) -> Template? {
        templates[name]
    }

    /// The names of the templates, sorted.
    public var names: [String] {
        templates.keys.sorted()
    }

    /// Renders `value` with the template `name`; nil when there is no such template.
    public func render(_ value: TemplateValue, template name: String) -> String? {
        var bytes: [UInt8] = []
        guard render(value, template: name, into: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `value` rendered with the template `name` to `buffer`, which
    /// the caller owns: cleared with `removeAll(keepingCapacity: true)` and reused page after
    /// page, it stops growing after the largest page.
    /// - Returns: false, and leaves `buffer` as it was, when there is no such template.
    @discardableResult
    public func render(_ value: TemplateValue, template name: String, into buffer: inout [UInt8]) -> Bool {
        guard let template = templates[name] else { return false }
        Renderer.render(template.program, value, templates: templates, into: &buffer)
        return true
    }

    /// Like `render(_:template:into:)`, reusing the partials `memo` kept from earlier renders
    /// and keeping those rendered here (see `PartialMemo`).
    @discardableResult
    public func render(_ value: TemplateValue, template name: String, into buffer: inout [UInt8], memo: inout PartialMemo) -> Bool {
        guard let template = templates[name] else { return false }
        Renderer.render(template.program, value, templates: templates, memo: &memo, into: &buffer)
        return true
    }

    /// The partials and parents that templates name but this library does not have, sorted by
    /// template, line and column. A missing partial renders as nothing, as in swift-mustache;
    /// this is how to find them before rendering. Dynamic partials (`{{>*name}}`) are named by
    /// the context and cannot be checked here.
    public func missingPartials() -> [MissingPartial] {
        var missing: [MissingPartial] = []
        for (name, template) in templates {
            for reference in template.partialReferences where templates[reference.name] == nil {
                missing.append(MissingPartial(template: name, partial: reference.name, line: reference.line, column: reference.column))
            }
        }
        return missing.sorted { ($0.template, $0.line, $0.column) < ($1.template, $1.line, $1.column) }
    }
}
