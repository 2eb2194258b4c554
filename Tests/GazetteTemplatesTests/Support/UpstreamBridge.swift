import Foundation
import GazetteTemplates
import Mustache

/// swift-mustache 2.1.1 as the reference: the same templates over the `Any` equivalent of a
/// `TemplateValue`.
enum Upstream {
    /// The `Any` that swift-mustache renders as `value` renders here: `String`, `Bool`, `Int`,
    /// `[Any]` (`[String]` when every element is a string, `[Int]` when every element is an
    /// integer, so that `sorted` applies as it does here), `[String: Any]` (built with
    /// `mapValues`, which keeps the dictionary's order, so that a printed object lists its keys
    /// in the same order), a `MustacheParent` for a view, and `NSNull` for null (which stops a
    /// look-up, as null does here; a key that is absent is left out of both).
    static func anyValue(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let string): return string
        case .bool(let flag): return flag
        case .int(let int): return int
        case .list(let elements):
            var strings: [String] = []
            var ints: [Int] = []
            for element in elements {
                switch element {
                case .string(let s) where ints.isEmpty: strings.append(s)
                case .int(let i) where strings.isEmpty: ints.append(i)
                default: return elements.map(anyValue)
                }
            }
            if !ints.isEmpty { return ints }
            return strings
        case .object(let object): return object.mapValues(anyValue)
        case .view(let view): return ViewParent(view: view)
        case .null: return NSNull()
        }
    }

    /// A view as swift-mustache sees one: its fields through `MustacheParent`, and no text of
    /// its own when printed (as a view prints nothing here).
    struct ViewParent: MustacheParent, CustomStringConvertible {
        let view: any TemplateObject

        func child(named name: String) -> Any? {
            view.value(forKey: name).map(Upstream.anyValue)
        }

        var description: String { "" }
    }

    struct Failure: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    /// Renders template `main` of `templates` over `value`.
    static func render(_ templates: [String: String], main: String, _ value: TemplateValue) -> Result<String, Failure> {
        var library = MustacheLibrary()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                return .failure(Failure(description: "\(name): \(error)"))
            }
        }
        guard let output = library.render(anyValue(value), withTemplate: main) else {
            return .failure(Failure(description: "no template \(main)"))
        }
        return .success(output)
    }
}

/// GazetteTemplates, with the same shape of result as `Upstream.render`.
enum Gazette {
    static func render(_ templates: [String: String], main: String, _ value: TemplateValue) -> Result<String, Upstream.Failure> {
        do {
            let library = try TemplateLibrary(templates: templates)
            guard let output = library.render(value, template: main) else {
                return .failure(Upstream.Failure(description: "no template \(main)"))
            }
            return .success(output)
        } catch {
            return .failure(Upstream.Failure(description: "\(error)"))
        }
    }
}

/// A view over a dictionary, to test views with: fields computed when asked (here, looked up).
final class DictionaryView: TemplateObject {
    let fields: [String: TemplateValue]

    init(_ fields: [String: TemplateValue]) {
        self.fields = fields
    }

    func value(forKey key: String) -> TemplateValue? {
        fields[key]
    }
}

/// A readable rendering of a value for failure messages: objects with sorted keys, views
/// marked.
func dump(_ value: TemplateValue) -> String {
    switch value {
    case .string(let s): return String(reflecting: s)
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .list(let l): return "[" + l.map(dump).joined(separator: ", ") + "]"
    case .object(let o):
        return "{" + o.keys.sorted().map { "\(String(reflecting: $0)): \(dump(o[$0]!))" }.joined(separator: ", ") + "}"
    case .view(let v):
        if let d = v as? DictionaryView { return "view" + dump(.object(d.fields)) }
        return "view(\(type(of: v)))"
    case .null: return "null"
    }
}

/// The fixtures folder of this test target, found from this file's path (no bundle needed).
enum Fixtures {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // GazetteTemplatesTests
        .appendingPathComponent("Fixtures")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    /// The default theme's templates (the repository's `Templates/`) by name (file name
    /// without `.mustache`).
    static func theme() throws -> [String: String] {
        let folder = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
        var templates: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            templates[String(file.dropLast(".mustache".count))] = try String(
                contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        return templates
    }

    /// The theme's English labels (`Templates/i18n/en.yml`: one `key: value` a line, values
    /// plain or double-quoted), as the build gives them to templates under `t`.
    static func labels() throws -> [String: String] {
        let file = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates/i18n/en.yml")
        var labels: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            labels[String(line[..<colon])] = value
        }
        return labels
    }
}

/// A small, fast, seeded generator (SplitMix64), so that every random case reproduces.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }
}
