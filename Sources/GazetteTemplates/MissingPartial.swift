/// A partial or parent that a template names and the library does not have.
public struct MissingPartial: Sendable, Equatable, CustomStringConvertible {
    /// The template that names it.
    public let template: String
    /// The missing partial's name.
    public let partial: String
    /// Where the tag that names it starts (1-based; the column in characters).
    public let line: Int
    public let column: Int

    public init(template: String, partial: String, line: Int, column: Int) {
        self.template = template
        self.partial = partial
        self.line = line
        self.column = column
    }

    public var description: String {
        "\(template):\(line):\(column): template names the partial '\(partial)', which does not exist"
    }
}
