/// A problem found in the site's input, with the place it was found.
///
/// Printed the way compilers print them, so that editors and terminals can jump to the spot:
/// `content/2022/03/x.md:4:7: error: date: expected ISO 8601`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// The file, relative to the site folder (`content/a.md`, `Templates/article.mustache`).
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, severity: Severity = .error, message: String) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.message = message
    }

    public static func warning(path: String, line: Int = 1, column: Int = 1, _ message: String) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .warning, message: message)
    }

    public var description: String { formatted() }

    /// `prefix` lets the command line show paths relative to where the user stands; an
    /// absolute path (an output folder named on the command line) is shown as it is.
    public func formatted(pathPrefix prefix: String = "") -> String {
        "\(path.hasPrefix("/") ? "" : prefix)\(path):\(line):\(column): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.message) < (b.path, b.line, b.column, b.message)
    }
}

/// Every problem of a phase that failed, so that the user sees all of them at once.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
