import GazetteTemplates
import Testing

/// Each construct, case by case; every case is also checked against swift-mustache 2.1.1.
@Suite struct VariableTests {
    @Test func escapedAndRaw() {
        let value: TemplateValue = ["x": "<a href=\"x\">Tom & Jerry's</a>"]
        check("{{x}}", value, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        check("{{{x}}}", value, "<a href=\"x\">Tom & Jerry's</a>")
        check("{{&x}}", value, "<a href=\"x\">Tom & Jerry's</a>")
        check("{{ x }}|{{& x }}|{{{ x }}}", ["x": "<"], "&lt;|<|<")
    }

    @Test func scalars() {
        check("{{i}} {{n}} {{t}} {{f}} {{z}}", ["i": 42, "n": -7, "t": true, "f": false, "z": 0], "42 -7 true false 0")
        check("[{{missing}}][{{nothing}}]", ["nothing": nil], "[][]")
        check("{{s}}", ["s": "héllo 日本 😀"], "héllo 日本 😀")
        check("{{s}}", ["s": ""], "")
    }

    @Test func collectionsPrintAsSwiftDescribesThem() {
        check("{{l}}", ["l": ["a\"b", 1, true, [2]]], "[&quot;a\\&quot;b&quot;, 1, true, [2]]")
        check("{{{l}}}", ["l": []], "[]")
        check("{{{o}}}", ["o": ["k": "v"]], "[\"k\": \"v\"]")
        check("{{{o}}}", ["o": [:]], "[:]")
    }

    @Test func dottedNames() {
        let value: TemplateValue = ["a": ["b": ["c": "deep"]], "b": ["c": "root"]]
        check("{{a.b.c}}", value, "deep")
        check("{{a.x.c}}", value, "")
        // The first part is found in `a`; the rest must be found from there, not further out.
        check("{{#a}}{{b.c}}{{/a}}", ["a": ["b": ["x": 1]], "b": ["c": "root"]], "")
        check("{{#a}}{{b.c}}{{/a}}", ["a": ["x": 1], "b": ["c": "root"]], "root")
        check("{{a..b.c}}", value, "deep")
    }

    @Test func anchoredAndImplicitNames() {
        let value: TemplateValue = ["name": "root", "items": [["name": "inner"], ["other": 1]]]
        check("{{#items}}[{{name}}|{{.name}}]{{/items}}", value, "[inner|inner][root|]")
        check("{{#list}}{{.}},{{/list}}", ["list": ["a", "b"]], "a,b,")
        check("{{.}}", "top", "top")
        check("{{..}}|{{}}", "top", "top|top")
    }

    @Test func views() {
        let view = DictionaryView(["title": "<Hi>", "nothing": .null])
        let value: TemplateValue = ["v": .view(view), "nothing": "outer", "title": "outer"]
        check("{{v.title}}|{{#v}}{{title}}{{/v}}", value, "&lt;Hi&gt;|&lt;Hi&gt;")
        // `.null` stops the look-up; an absent field lets it go on down the stack.
        check("{{#v}}[{{nothing}}][{{missing}}]{{/v}}", value.merging(["missing": "outer"]), "[][outer]")
        // A view prints as nothing.
        check("[{{v}}]", value, "[]")
    }
}

@Suite struct SectionTests {
    @Test func truthiness() {
        let value: TemplateValue = [
            "t": true, "f": false, "empty": [], "list": [1, 2], "object": [:], "view": .view(DictionaryView([:])),
            "emptyString": "", "zero": 0, "null": nil,
        ]
        for (name, shown) in [
            ("t", true), ("f", false), ("empty", false), ("list", true), ("object", true), ("view", true),
            ("emptyString", true), ("zero", true), ("null", false), ("missing", false),
        ] {
            check("{{#\(name)}}Y{{/\(name)}}", value, shown ? (name == "list" ? "YY" : "Y") : "")
            check("{{^\(name)}}N{{/\(name)}}", value, shown ? "" : "N")
        }
    }

    @Test func listsObjectsAndClimbing() {
        let value: TemplateValue = ["title": "T", "days": [["date": "d1", "items": ["a", "b"]], ["date": "d2", "items": []]]]
        check(
            "{{#days}}{{date}}:{{#items}}{{.}}/{{title}};{{/items}}{{^items}}none{{/items}} {{/days}}", value,
            "d1:a/T;b/T; d2:none ")
        check("{{#o}}{{a}}{{b}}{{/o}}", ["o": ["a": 1], "b": 2], "12")
        check("{{#s}}[{{.}}]{{/s}}{{#n}}[{{.}}]{{/n}}", ["s": "str", "n": 7], "[str][7]")
    }

    @Test func invertedEmptyListIsPushed() {
        check("{{^l}}{{.}}{{/l}}", ["l": []], "[]")
    }

    @Test func nestedListsAndBooleansInLists() {
        check("{{#l}}({{#.}}{{.}}{{/.}}){{/l}}", ["l": [[1, 2], [3]]], "(12)(3)")
        check("{{#l}}{{.}},{{/l}}", ["l": [true, false]], "true,false,")
    }
}

@Suite struct TransformTests {
    @Test func listTransforms() {
        let value: TemplateValue = ["l": ["b", "c", "a"], "n": [3, 1, 2], "mixed": ["a", 1], "e": []]
        check("{{first(l)}}{{last(l)}}{{count(l)}}{{empty(l)}}{{empty(e)}}", value, "ba3falsetrue")
        check(
            "{{#reversed(l)}}{{.}}{{/reversed(l)}}|{{#sorted(l)}}{{.}}{{/sorted(l)}}|{{#sorted(n)}}{{.}}{{/sorted(n)}}", value,
            "acb|abc|123")
        check("[{{sorted(mixed)}}]{{#sorted(mixed)}}x{{/sorted(mixed)}}", value, "[]")
        check("{{plusone(count(l))}} {{count(reversed(l))}} {{last(reversed(l))}}", value, "4 3 b")
        check("{{#empty(e)}}none{{/empty(e)}}{{^empty(l)}}some{{/empty(l)}}", value, "nonesome")
    }

    @Test func stringTransforms() {
        let value: TemplateValue = ["s": "o'neil-smith x1y ÉCOLE ǆemal", "e": ""]
        check("{{uppercased(s)}}", value, "O&#39;NEIL-SMITH X1Y ÉCOLE ǄEMAL")
        check("{{lowercased(s)}}", value, "o&#39;neil-smith x1y école ǆemal")
        check("{{capitalized(s)}}", value, "O&#39;neil-Smith X1Y École ǅemal")
        check("{{reversed(s)}}", ["s": "abc😀"], "😀cba")
        check("{{empty(s)}}{{empty(e)}}{{#empty(e)}}!{{/empty(e)}}", value, "falsetrue!")
        check("[{{count(s)}}][{{first(s)}}][{{plusone(s)}}]", value, "[][][]")
    }

    @Test func integerTransforms() {
        let value: TemplateValue = ["n": 7, "z": 0]
        check("{{plusone(n)}} {{minusone(n)}} {{equalzero(n)}} {{equalzero(z)}} {{odd(n)}} {{even(n)}}", value, "8 6 false true true false")
        check("{{minusone(minusone(z))}}", value, "-2")
        check("[{{count(n)}}][{{uppercased(n)}}]", value, "[][]")
    }

    @Test func objectTransforms() {
        let value: TemplateValue = ["o": ["b": 2, "a": 1, "c": "x"], "one": ["k": "v"], "e": [:]]
        check("{{count(o)}} {{empty(o)}} {{empty(e)}}", value, "3 false true")
        check("{{#sorted(o)}}{{key}}={{value}};{{/sorted(o)}}", value, "a=1;b=2;c=x;")
        check("{{#enumerated(one)}}{{key}}={{value}}{{/enumerated(one)}}", value, "k=v")
        check("{{{sorted(one)}}}", value, "[(key: \"k\", value: \"v\")]")
        check("{{#sorted(one)}}{{{.}}}{{/sorted(one)}}", value, "(key: \"k\", value: \"v\")")
    }

    @Test func sequencePositions() {
        let value: TemplateValue = ["l": ["a", "b", "c"], "flag": true]
        check("{{#l}}{{index()}}{{#first()}}<{{/first()}}{{.}}{{#last()}}>{{/last()}}{{^last()}},{{/last()}}{{/l}}", value, "0<a,1b,2c>")
        check("{{#l}}{{plusone(index())}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/l}}", value, "1e 2o 3e ")
        // A boolean section keeps the position; an object section, a partial or a block drops it.
        check("{{#l}}{{#flag}}{{index()}}{{/flag}}{{/l}}", value, "012")
        check("{{#l}}{{#o}}[{{index()}}]{{/o}}{{/l}}", ["l": [1, 2], "o": [:]], "[][]")
        check("{{index()}}", value, "")
    }

    @Test func unknownTransformsGiveNothing() {
        check("[{{negate(n)}}][{{#nosuch(n)}}x{{/nosuch(n)}}][{{^nosuch(n)}}y{{/nosuch(n)}}]", ["n": 1], "[][][y]")
    }
}

@Suite struct TagTests {
    @Test func comments() {
        check("a{{! note }}b", [:], "ab")
        check("a\n  {{! standalone\n  comment }}\nb", [:], "a\nb")
    }

    @Test func setDelimiters() {
        check("{{=<% %>=}}<%x%> {{x}} <%={{ }}=%>{{x}}", ["x": "1"], "1 {{x}} 1")
        check("{{=| |=}}|#a||.||/a|", ["a": ["x", "y"]], "xy")
        // Delimiters set inside a section end with it.
        check("{{#s}}{{=<% %>=}}<%x%><%/s%>{{x}}", ["s": true, "x": "1"], "11")
    }

    @Test func standaloneLines() {
        let value: TemplateValue = ["a": true, "l": ["x", "y"]]
        check("begin\n  {{#a}}\n  in\n  {{/a}}\nend\n", value, "begin\n  in\nend\n")
        check("begin\r\n{{#a}}\r\nin\r\n{{/a}}\r\nend", value, "begin\r\nin\r\nend")
        check("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>", value, "<ul>\n  <li>x</li>\n  <li>y</li>\n</ul>")
        check("x {{#a}}\ny{{/a}}", value, "x \ny")
        check("  {{#a}}x{{/a}}  \n", value, "  x  \n")
    }

    @Test func contentTypePragma() {
        check("{{%CONTENT_TYPE:TEXT}}{{x}}", ["x": "<b>"], "<b>")
        check("{{%CONTENT_TYPE:TEXT}}{{x}}{{>p}}", ["x": "<"], partials: ["p": "{{x}}"], "<&lt;")
    }
}

@Suite struct PartialTests {
    @Test func partials() {
        let partials = ["item": "<li>{{name}}</li>\n", "list": "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n"]
        let value: TemplateValue = ["items": [["name": "a"], ["name": "<b>"]]]
        check("{{>list}}", value, partials: partials, "<ul>\n  <li>a</li>\n  <li>&lt;b&gt;</li>\n</ul>\n")
        check("[{{>missing}}]", value, "[]")
        check("[{{> item }}]", ["name": "x"], partials: partials, "[<li>x</li>\n]")
    }

    @Test func standaloneIndentation() {
        let partials = ["p": "one\n{{{text}}}\ntwo\n"]
        check("\\\n  {{>p}}\n/", ["text": "<\n->"], partials: partials, "\\\n  one\n  <\n->\n  two\n/")
        check("  {{>p}} inline\n", ["text": "x"], partials: partials, "  one\nx\ntwo\n inline\n")
    }

    @Test func dynamicPartials() {
        let partials = ["card": "[{{title}}]"]
        check("{{>*kind}}", ["kind": "card", "title": "T"], partials: partials, "[T]")
        check("{{>*kind}}|{{>*nothing}}", ["kind": 1], partials: partials, "|")
    }

    @Test func recursivePartial() {
        let value: TemplateValue = ["name": "root", "children": [["name": "a", "children": [["name": "a1", "children": []]]]]]
        check("{{>node}}", value, partials: ["node": "{{name}}({{#children}}{{>node}}{{/children}})"], "root(a(a1()))")
    }
}

@Suite struct InheritanceTests {
    let layout = "<title>{{$title}}Default{{/title}}</title>\n<main>\n  {{$content}}\n  nothing\n  {{/content}}\n</main>\n"

    @Test func parentsAndBlocks() {
        let partials = ["layout": layout]
        check(
            "{{<layout}}{{$title}}Home {{name}}{{/title}}{{/layout}}", ["name": "<N>"], partials: partials,
            // A block's indentation is added to its lines' own, as swift-mustache does.
            "<title>Home &lt;N&gt;</title>\n<main>\n    nothing\n</main>\n")
        check(
            "{{<layout}}\n{{$content}}\n<p>{{name}}</p>\n<p>two</p>\n{{/content}}\n{{/layout}}\n", ["name": "n"], partials: partials,
            "<title>Default</title>\n<main>\n  <p>n</p>\n  <p>two</p>\n</main>\n")
        check("{{$title}}standalone default{{/title}}", [:], "standalone default")
    }

    @Test func multiLevelInheritanceAndBlocksInPartials() {
        let partials = [
            "base": "[{{$a}}base-a{{/a}}|{{$b}}base-b{{/b}}|{{>inner}}]",
            "middle": "{{<base}}{{$a}}middle-a{{/a}}{{/base}}",
            "inner": "({{$b}}inner-b{{/b}})",
        ]
        check("{{<middle}}{{$b}}child-b{{/b}}{{/middle}}", [:], partials: partials, "[middle-a|child-b|(child-b)]")
        // The outermost override wins.
        check("{{<middle}}{{$a}}child-a{{/a}}{{/middle}}", [:], partials: partials, "[child-a|base-b|(inner-b)]")
    }
}

extension TemplateValue {
    /// This object with `other`'s fields added.
    func merging(_ other: TemplateValue) -> TemplateValue {
        guard case .object(var fields) = self, case .object(let more) = other else { return self }
        fields.merge(more) { $1 }
        return .object(fields)
    }
}
