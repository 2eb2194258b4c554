import Foundation
import GazetteTemplates

/// The templates and assets a site is rendered with: the default theme that the binary carries,
/// with any file of the same name in the site's own `Templates/` taking its place.
///
/// `Templates/` is read by the rules of `static/` (`SiteFile`): regular files, and links to
/// regular files inside the site; anything else is left out with a warning, so that a link can
/// publish nothing from outside the site and a pipe cannot stop the build. Hidden files (an
/// editor's swap files, `.DS_Store`) are not part of the theme.
public struct Theme: Sendable {
    public static let folder = "Templates"
    /// Templates every theme must have; partials may come on top.
    public static let pageTemplates = ["layout", "article", "home", "category", "section", "sections", "archive", "404"]

    public var library: TemplateLibrary
    /// Site-relative output path (`assets/style.css`) and bytes of each asset, sorted by path.
    public var assets: [(path: String, bytes: [UInt8])]
    /// Text of each template by name, and of each translation table (`i18n/ja.yml`), for the
    /// build cache's fingerprint.
    public var sources: [(name: String, text: String)]
    /// The translation tables (`Templates/i18n/<language>.yml`) by file name (`ja.yml`): the
    /// default theme's, each added to key by key by the site's file of the same name.
    public var translations: [String: [(path: String, text: String)]] = [:]
    /// Files of `Templates/` left out, and why.
    public var warnings: [Diagnostic] = []

    /// The default theme alone.
    public static func defaultTheme() throws(BuildFailure) -> Theme {
        try load(siteDirectory: nil)
    }

    /// The default theme overlaid with the site's `Templates/` folder, when there is one.
    public static func load(siteDirectory: URL?) throws(BuildFailure) -> Theme {
        var templates: [String: (path: String, text: String)] = [:]
        var translations: [String: [(path: String, text: String)]] = [:]
        var assets: [String: [UInt8]] = [:]
        for file in DefaultTheme.files {
            guard let data = Data(base64Encoded: file.base64) else { continue }
            if file.path.hasSuffix(".mustache") {
                let name = String(file.path.dropLast(".mustache".count))
                templates[name] = ("\(folder)/\(file.path)", String(decoding: data, as: UTF8.self))
            } else if let table = Self.translationName(file.path) {
                translations[table] = [("\(folder)/\(file.path)", String(decoding: data, as: UTF8.self))]
            } else {
                assets[file.path] = [UInt8](data)
            }
        }
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        if let site = siteDirectory {
            for relative in Self.files(under: FileSystem.join(site.path, folder)) {
                let path = "\(folder)/\(relative)"
                let table = Self.translationName(relative)
                guard relative.hasSuffix(".mustache") || relative.hasPrefix("assets/") || table != nil else { continue }
                let bytes: [UInt8]
                switch SiteFile.open(site: site, path: path) {
                case .success(let read): bytes = read
                case .failure(let problem):
                    warnings.append(.warning(path: path, problem.message))
                    continue
                }
                if relative.hasSuffix(".mustache") || table != nil {
                    if let bad = firstInvalidUTF8Offset(in: bytes) {
                        let pos = textPosition(ofByte: bad, in: bytes)
                        problems.append(Diagnostic(path: path, line: pos.line, column: pos.column, message: "invalid UTF-8"))
                        continue
                    }
                    if let table {
                        translations[table, default: []].append((path, String(decoding: bytes, as: UTF8.self)))
                    } else {
                        templates[String(relative.dropLast(".mustache".count))] = (path, String(decoding: bytes, as: UTF8.self))
                    }
                } else {
                    assets[relative] = bytes
                }
            }
        }
        var library = TemplateLibrary(vocabulary: ArticleView.vocabulary)
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
            sources: templates.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text) }
                + translations.sorted { $0.key < $1.key }.flatMap { name, files in files.map { ("i18n/\(name)", $0.text) } },
            translations: translations,
            warnings: warnings)
    }

    /// `ja.yml` for `i18n/ja.yml`; nil for any other file.
    static func translationName(_ relative: String) -> String? {
        guard relative.hasPrefix("i18n/"), relative.hasSuffix(".yml") else { return nil }
        let name = relative.dropFirst("i18n/".count)
        return name.contains("/") ? nil : String(name)
    }

    /// The labels of `language`, and what is missing or wrong in its tables.
    public func labels(language: String) -> (Labels, [Diagnostic]) {
        Labels.resolve(language: language, tables: translations)
    }

    /// The files below `root`, relative to it and sorted, but for hidden ones and those in
    /// hidden folders. Links are listed, not followed.
    static func files(under root: String) -> [String] {
        guard FileSystem.kind(root) == .directory else { return [] }
        return FileSystem.listFiles(root).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }
}
