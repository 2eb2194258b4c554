import Testing

@testable import Gazette

@Suite struct MarkdownRendererTests {
    @Test func rendersCommonMarkWithSmartPunctuation() {
        let out = MarkdownRenderer().render("\"Quoted\" -- it's *here*...\n\n- one\n- two\n")
        #expect(out.html.contains("<p>“Quoted” – it’s <em>here</em>…</p>"))
        #expect(out.html.contains("<li>one</li>"))
    }

    @Test func rawHTMLIsDroppedUnlessTheSiteAllowsIt() {
        let markdown = "Text <script>alert(1)</script> <b>bold</b>\n\n<iframe src=\"x\"></iframe>\n\n[x](javascript:alert(1))\n"
        let safe = MarkdownRenderer().render(markdown).html
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("<iframe"))
        #expect(!safe.contains("javascript:"))
        let unsafe = MarkdownRenderer(allowRawHTML: true).render(markdown).html
        #expect(unsafe.contains("<b>bold</b>"))
    }

    @Test func firstParagraphIsTheSummary() {
        let out = MarkdownRenderer().render("# Heading\n\n> quote\n\nFirst *para* with `code`\nand a break.\n\nSecond.\n")
        #expect(out.firstParagraphText == "First para with code and a break.")
        #expect(out.firstParagraphHTML == "<p>First <em>para</em> with <code>code</code>\nand a break.</p>\n")
    }

    @Test func emptyAndOddInput() {
        #expect(MarkdownRenderer().render("").html == "")
        #expect(MarkdownRenderer().render("\u{0}x").html.contains("x"))
    }
}
