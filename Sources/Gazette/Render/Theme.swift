import Foundation
import Mustache

/// The templates and assets a site is rendered with: the default theme that the binary carries,
/// with any file of the same name in the site's own `Templates/` taking its place.
public struct Theme: Sendable {
    public static let folder = "Templates"
    /// Templates every theme must have; partials may come on top.
    public static let pageTemplates = ["layout", "article", "home", "category", "archive", "404"]

    public var library: MustacheLibrary
    /// Site-relative output path (`assets/style.css`) and bytes of each asset, sorted by path.
    public var assets: [(path: String, bytes: [UInt8])]
    /// Text of each template by name, for the build cache's fingerprint.
    public var sources: [(name: String, text: String)]

    /// The default theme alone.
    public static func defaultTheme() throws(BuildFailure) -> Theme {
        try load(siteDirectory: nil)
    }

    /// The default theme overlaid with the site's `Templates/` folder, when there is one.
    public static func load(siteDirectory: URL?) throws(BuildFailure) -> Theme {
        var templates: [String: (path: String, text: String)] = [:]
        var assets: [String: [UInt8]] = [:]
        for file in DefaultTheme.files {
            guard let data = Data(base64Encoded: file.base64) else { continue }
            if file.path.hasSuffix(".mustache") {
                let name = String(file.path.dropLast(".mustache".count))
                templates[name] = ("\(folder)/\(file.path)", String(decoding: data, as: UTF8.self))
            } else {
                assets[file.path] = [UInt8](data)
            }
        }
        var problems: [Diagnostic] = []
        if let site = siteDirectory {
            let root = site.appendingPathComponent(folder)
            for relative in Self.files(under: root.path) {
                let path = "\(folder)/\(relative)"
                guard let data = FileManager.default.contents(atPath: root.path + "/" + relative) else { continue }
                if relative.hasSuffix(".mustache") {
                    let bytes = [UInt8](data)
                    if let bad = firstInvalidUTF8Offset(in: bytes) {
                        let pos = textPosition(ofByte: bad, in: bytes)
                        problems.append(Diagnostic(path: path, line: pos.line, column: pos.column, message: "invalid UTF-8"))
                        continue
                    }
                    templates[String(relative.dropLast(".mustache".count))] = (path, String(decoding: bytes, as: UTF8.self))
                } else if relative.hasPrefix("assets/") {
                    assets[relative] = [UInt8](data)
                }
            }
        }
        var library = MustacheLibrary()
        FastHTMLContentType.registerOnce()
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: FastHTMLContentType.pragma + template.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma takes the first line; report lines as the author wrote them.
                problems.append(Diagnostic(path: template.path, line: error.context.lineNumber - 1,
                                           column: error.context.columnNumber,
                                           message: "template syntax: \(Self.describe(error.error))"))
            } catch {
                problems.append(Diagnostic(path: template.path, message: "template syntax: \(error)"))
            }
            problems += Self.missingPartials(in: template.text, path: template.path, known: Set(templates.keys))
        }
        for name in pageTemplates where templates[name] == nil {
            problems.append(Diagnostic(path: "\(folder)/\(name).mustache", message: "the theme has no '\(name)' template"))
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
        return Theme(library: library,
                     assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                     sources: templates.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text) })
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with '}}'"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// swift-mustache renders an unknown partial as nothing; for a theme that is a mistake worth
    /// stopping for, at the line that names it.
    static func missingPartials(in text: String, path: String, known: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i + 2 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{"),
                  bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 3
            var name: [UInt8] = []
            while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")) {
                name.append(bytes[j])
                j += 1
            }
            let partial = String(decoding: name, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !partial.isEmpty, !partial.hasPrefix("*"), !known.contains(partial) {
                let pos = textPosition(ofByte: i, in: bytes)
                problems.append(Diagnostic(path: path, line: pos.line, column: pos.column,
                                           message: "template names the partial '\(partial)', which does not exist"))
            }
            i = j
        }
        return problems
    }

    static func files(under root: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, _ rel: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
            for name in names where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                let full = dir + "/" + name
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { continue }
                let r = rel.isEmpty ? name : rel + "/" + name
                if isDir.boolValue { walk(full, r) } else { out.append(r) }
            }
        }
        walk(root, "")
        return out.sorted()
    }
}
