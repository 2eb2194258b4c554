/// A template that cannot be compiled, and where: `line` and `column` (both 1-based, the
/// column counted in characters) point at the start of the tag where the problem starts, e.g.
/// the opening tag of a section that is never closed.
public struct TemplateSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name the template was registered under, when it was compiled by a `TemplateLibrary`.
    public var template: String?
    public var line: Int
    public var column: Int
    public var message: String

    public init(template: String? = nil, line: Int, column: Int, message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = template.map { "\($0):" } ?? ""
        return "\(place)\(line):\(column): \(message)"
    }
}
