import Foundation
import Gazette

/// Writing to the terminal: colour only when stderr is one, and never with NO_COLOR set.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1
    static let useColour = isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// `path:line:col: error: message`, paths shown relative to where the command was run.
    static func print(_ diagnostic: Diagnostic, prefix: String) {
        var line = diagnostic.formatted(pathPrefix: prefix)
        if useColour {
            let label = "\(diagnostic.severity.rawValue):"
            let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            line = line.replacingOccurrences(of: " \(label) ", with: " \(colour)\(label)\u{1B}[0m ")
        }
        error(line)
    }

    /// Prefix that turns a site-relative path into one relative to the current folder.
    static func prefix(forSite site: String) -> String {
        site == "." || site.isEmpty ? "" : (site.hasSuffix("/") ? site : site + "/")
    }
}
