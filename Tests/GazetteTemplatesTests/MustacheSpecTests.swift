import Foundation
import GazetteTemplates
import Testing

/// The Mustache spec (github.com/mustache/spec, MIT, `Fixtures/spec`), every case run through
/// both engines: GazetteTemplates must give swift-mustache 2.1.1's bytes on every case, and the
/// spec's expected text wherever swift-mustache does.
@Suite struct MustacheSpecTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let data: JSONValue
        let template: String
        let expected: String
        let partials: [String: String]?
        var file = ""

        enum CodingKeys: String, CodingKey {
            case name, data, template, expected, partials
        }

        var testDescription: String { "\(file): \(name)" }
    }

    struct SpecFile: Decodable {
        let tests: [Case]
    }

    /// JSON as the spec writes its data. Non-integer numbers have no `TemplateValue`.
    enum JSONValue: Decodable {
        case value(TemplateValue)
        case unsupported

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .value(.null)
            } else if let bool = try? container.decode(Bool.self) {
                self = .value(.bool(bool))
            } else if let int = try? container.decode(Int.self) {
                self = .value(.int(int))
            } else if (try? container.decode(Double.self)) != nil {
                self = .unsupported
            } else if let string = try? container.decode(String.self) {
                self = .value(.string(string))
            } else if let array = try? container.decode([JSONValue].self) {
                var values: [TemplateValue] = []
                for element in array {
                    guard case .value(let value) = element else { self = .unsupported; return }
                    values.append(value)
                }
                self = .value(.list(values))
            } else {
                let object = try container.decode([String: JSONValue].self)
                var values: [String: TemplateValue] = [:]
                for (key, element) in object {
                    guard case .value(let value) = element else { self = .unsupported; return }
                    values[key] = value
                }
                self = .value(.object(values))
            }
        }
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "inheritance", "dynamic-names"]

    static func cases() throws -> [Case] {
        var all: [Case] = []
        for file in files {
            let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("spec/\(file).json"))
            for var test in try JSONDecoder().decode(SpecFile.self, from: data).tests {
                test.file = file
                all.append(test)
            }
        }
        return all
    }

    /// Where swift-mustache 2.1.1 itself departs from the spec (its own spec tests skip the
    /// two inheritance cases); GazetteTemplates matches swift-mustache there too.
    static let upstreamDepartures: Set<String> = [
        "inheritance: Intrinsic indentation",
        "inheritance: Nested block reindentation",
    ]

    @Test func specFilesAreThere() throws {
        let cases = try Self.cases()
        #expect(cases.count > 150)
    }

    @Test(arguments: try cases())
    func specCase(_ test: Case) throws {
        guard case .value(let data) = test.data else {
            // Decimal numbers: no TemplateValue to hold them.
            return
        }
        var templates = test.partials ?? [:]
        templates["__main__"] = test.template
        let ours = Gazette.render(templates, main: "__main__", data)
        let theirs = Upstream.render(templates, main: "__main__", data)
        let message = """
            \(test.file): \(test.name)
            template: \(String(reflecting: test.template))
            partials: \(test.partials ?? [:])
            data: \(dump(data))
            GazetteTemplates: \(ours)
            swift-mustache:   \(theirs)
            expected:         \(String(reflecting: test.expected))
            """
        switch (ours, theirs) {
        case (.success(let a), .success(let b)):
            #expect(a == b, Comment(rawValue: message))
            let departs = Self.upstreamDepartures.contains("\(test.file): \(test.name)")
            #expect((b == test.expected) != departs, Comment(rawValue: message))
        default:
            Issue.record(Comment(rawValue: "a spec case failed to compile\n" + message))
        }
    }
}
