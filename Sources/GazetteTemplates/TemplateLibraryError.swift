/// Every syntax error of the templates given to `TemplateLibrary.init(templates:)`.
public struct TemplateLibraryError: Error, Sendable, CustomStringConvertible {
    /// Each with its `template` set, sorted by template name, line and column.
    public let errors: [TemplateSyntaxError]

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
