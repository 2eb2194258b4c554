import Testing
@testable import Gazette

@Suite struct ArticleViewFieldTests {
    /// The template names of an article's fields (README, "An article") and what each stands
    /// for: found by length and first byte, then one comparison.
    static let fields: [(String, ArticleView.Field)] = [
        ("title", .title), ("slug", .slug), ("url", .url), ("permalink", .permalink), ("date", .date),
        ("date_iso", .date), ("date_display", .dateDisplay), ("time_display", .timeDisplay), ("weekday", .weekday),
        ("timezone", .timezone), ("utc_offset", .utcOffset), ("day_url", .dayUrl), ("category", .category),
        ("category_slug", .categorySlug), ("category_url", .categoryUrl), ("tags", .tags), ("source", .source),
        ("publisher", .publisher), ("author", .author), ("original_url", .originalUrl), ("summary", .summary),
        ("summary_html", .summaryHtml), ("draft", .draft), ("updated", .updated), ("params", .params),
        ("content", .content), ("has_neighbours", .hasNeighbours), ("previous", .previous), ("next", .next),
    ]

    @Test func everyNameFindsItsField() {
        for (name, field) in Self.fields {
            #expect(ArticleView.field(named: name) == field, "\(name)")
        }
    }

    /// Names of the same length and first letter, near misses and front matter keys are not
    /// fields: they go on to the front matter.
    @Test func otherNamesAreNotFields() {
        var others = ["", "t", "Title", "TITLE", "titles", "titl", "region", "params_", "perma_link", "publishers",
                      "summary_htm", "date-iso", "tagz", "nxt", "néxt", "tïtle", "has_neighbour"]
        for (name, _) in Self.fields {
            others.append(String(name.dropLast()) + "X")
            others.append("X" + name.dropFirst())
        }
        for name in others {
            #expect(ArticleView.field(named: name) == nil, "\(name)")
        }
    }
}
