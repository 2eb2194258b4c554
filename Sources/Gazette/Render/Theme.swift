import Foundation
import GazetteTemplates

/// The templates and assets a site is rendered with: the default theme that the binary carries,
/// with any file of the same name in the site's own `Templates/` taking its place.
public struct Theme: Sendable {
    public static let folder = "Templates"
    /// Templates every theme must have; partials may come on top.
    public static let pageTemplates = ["layout", "article", "home", "category", "archive", "404"]

    public var library: TemplateLibrary
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
        var library = TemplateLibrary()
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(template.text, named: name)
            } catch {
                problems.append(
                    Diagnostic(
                        path: template.path, line: error.line, column: error.column,
                        message: "template syntax: \(error.message)"))
            }
        }
        // An unknown partial would render as nothing: for a theme, a mistake worth stopping for.
        for missing in library.missingPartials() {
            problems.append(
                Diagnostic(
                    path: templates[missing.template]?.path ?? missing.template, line: missing.line,
                    column: missing.column,
                    message: "template names the partial '\(missing.partial)', which does not exist"))
        }
        for name in pageTemplates where templates[name] == nil {
            problems.append(Diagnostic(path: "\(folder)/\(name).mustache", message: "the theme has no '\(name)' template"))
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
        return Theme(
            library: library,
            assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            sources: templates.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text) })
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
