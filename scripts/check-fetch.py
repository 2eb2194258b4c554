#!/usr/bin/env python3
"""`gazette fetch` against a loopback server that misbehaves the way real sources do.

    python3 scripts/check-fetch.py .build/debug/gazette

Shows, by running the binary on real site folders:
- the good sources imported in a run bounded by the timeout, not by the slowest source
  (one source never answers, another trickles a byte a second);
- each failure named with its reason (500, 404, redirect loop, too many redirects, HTML instead
  of a feed, truncated XML, 429 with Retry-After, a body far over the cap);
- peak memory bounded while a source streams a gigabyte;
- gzip asked for and decoded; relative links resolved against the feed's final address;
- full text read from each new item's page, falling back to the teaser;
- the second run sending conditional requests, rewriting nothing, leaving the rate-limited
  source alone, and going straight to a permanently moved feed;
- an OPML file as the sources file; a bad sources file refused at its line;
- every source failing exiting non-zero; the site building afterwards;
- a fetched item and the same feed imported from a file being the same article.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feedserver  # noqa: E402

GAZETTE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/gazette")
TIMEOUT = 3
checks = 0
failures = []


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def run(*args):
    """Runs gazette; returns (exit code, stdout, stderr, seconds, None)."""
    start = time.monotonic()
    done = subprocess.run([GAZETTE, *args], capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start, None


def run_measured(*args):
    """As `run`, with the child's peak RSS from wait4."""
    start = time.monotonic()
    process = subprocess.Popen([GAZETTE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read both pipes to the end, then reap the child with wait4 for its own rusage.
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    return process.returncode, out.decode(), err.decode(), seconds, usage.ru_maxrss / 1024


def snapshot(folder):
    """Every file under `folder` with its bytes and modification time (ns)."""
    result = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            st = os.stat(path)
            with open(path, "rb") as f:
                result[os.path.relpath(path, folder)] = (f.read(), st.st_mtime_ns, st.st_ino)
    return result


def articles(site):
    """Front matter text of every imported article, by path."""
    found = {}
    for root, _, files in os.walk(os.path.join(site, "content")):
        for name in files:
            if name.endswith(".md"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    found[os.path.relpath(path, site)] = f.read()
    return found


def with_title(site, fragment):
    matches = [text for text in articles(site).values() if fragment in text.split("\n---\n", 1)[0]]
    return matches[0] if matches else ""


def new_site(root, name):
    site = os.path.join(root, name)
    code, out, err, _, _ = run("init", site)
    assert code == 0, err
    # The sample article is not what these checks are about.
    shutil.rmtree(os.path.join(site, "content"))
    os.makedirs(os.path.join(site, "content"))
    return site


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def sources_yaml(entries):
    lines = []
    for entry in entries:
        lines.append(f"- name: {entry['name']}")
        for key in ("url", "category", "full_text"):
            if key in entry:
                value = entry[key]
                lines.append(f"  {key}: {str(value).lower() if isinstance(value, bool) else value}")
        if "tags" in entry:
            lines.append(f"  tags: [{', '.join(entry['tags'])}]")
    return "\n".join(lines) + "\n"


def error_line(err, name):
    return next((line for line in err.splitlines() if line.startswith(f"{name}: error: ")), "")


def main():
    server = feedserver.start()
    b = server.base
    root = tempfile.mkdtemp(prefix="gazette-fetch-")
    try:
        # ---- The first run: every kind of source at once.
        site = new_site(root, "site")
        good = [
            {"name": "Alpha Wire", "url": f"{b}/feed/alpha.xml?items=12"},
            {"name": "Beta Atom", "url": f"{b}/atom/beta.xml"},
            {"name": "Gamma Gzip", "url": f"{b}/gzip/gamma.xml"},
            {"name": "Relative", "url": f"{b}/relative/rel.xml", "category": "Local", "tags": ["wire", "checked"]},
            {"name": "Teasers", "url": f"{b}/teasers/tea.xml", "full_text": True},
            {"name": "Moved", "url": f"{b}/moved/delta.xml"},
        ]
        bad = {
            "Server Error": (f"{b}/status/500", "HTTP 500"),
            "Not Found": (f"{b}/status/404", "HTTP 404"),
            "Never Answers": (f"{b}/hang", f"no complete answer within {TIMEOUT} s"),
            "Trickle": (f"{b}/trickle", f"no complete answer within {TIMEOUT} s"),
            "Loop": (f"{b}/loop/a", "redirect loop"),
            "Long Chain": (f"{b}/chain/9", "more than 5 redirects"),
            "Homepage": (f"{b}/html", "HTML page, not a feed"),
            "Truncated": (f"{b}/truncated.xml", "not well-formed XML"),
            "Rate Limited": (f"{b}/ratelimited", "HTTP 429"),
            "Huge": (f"{b}/huge.xml", "over the 20 MB cap"),
        }
        entries = good[:3] + [{"name": n, "url": u} for n, (u, _) in bad.items()] + good[3:]
        write(os.path.join(site, "sources.yml"), sources_yaml(entries))

        code, out, err, seconds, peak = run_measured("fetch", "--site", site, "--timeout", str(TIMEOUT))
        print(f"first run: exit {code} in {seconds:.2f} s, peak {peak:.0f} MB")
        check(code == 0, f"a run with good sources exits 0 (got {code}): {err}")
        # Two sources never finish; with 16 sources and 8 at a time the run is at most two
        # timeouts, whatever the hanging servers do.
        check(seconds < 2 * TIMEOUT + 4, f"the run is bounded by the timeout ({seconds:.1f} s with --timeout {TIMEOUT})")
        check(peak < 200, f"peak memory stays bounded while a source streams a gigabyte ({peak:.0f} MB)")
        for name, (_, reason) in bad.items():
            line = error_line(err, name)
            check(reason in line, f"{name}'s failure is named with its reason ({reason!r}): {line!r}")
        check("not asked again before" in error_line(err, "Rate Limited"), "the rate-limited source says when it will be asked again")
        check(
            re.search(r"^Alpha Wire: 12 new, 0 unchanged$", out, re.M) is not None,
            f"each good source gets one line with its counts: {out}",
        )
        check(
            "Fetched 16 sources: 6 read, 0 not modified, 10 failed; 42 new articles, 0 updated" in out,
            f"the summary counts sources and articles: {out}",
        )
        found = articles(site)
        check(len(found) == 12 + 5 + 8 + 3 + 4 + 10, f"every good item is imported once ({len(found)} files)")

        requests = server.requests()
        agents = {r["user-agent"] for r in requests}
        check(
            all(a and a.startswith("Gazette/") and "+http" in a for a in agents),
            f"every request names Gazette, its version and the site: {agents}",
        )
        gzip_requests = [r for r in requests if r["path"].startswith("/gzip/")]
        check(
            gzip_requests and "gzip" in (gzip_requests[0]["accept-encoding"] or ""), "gzip is asked for (Accept-Encoding)"
        )
        check("gamma story 3" in with_title(site, "gamma story 3"), "a gzip-encoded feed is decoded and imported")

        relative = with_title(site, "rel story 1")
        check(f'original_url: "{b}/relative/articles/rel-1.html"' in relative, f"a relative item link is resolved against the feed's URL:\n{relative}")
        check(f"]({b}/docs/1.pdf)" in relative, "a relative link in the text is resolved")
        check(f"]({b}/img/1.jpg)" in relative, "a relative image source is resolved")
        check('category: "Local"' in relative and '"wire", "checked"' in relative, "a source's category and tags are applied")
        check('tags: ["World"' in relative, "the feed's own category becomes a tag under a source's category")

        full = with_title(site, "tea story 1")
        check("The whole story 1 of tea, as printed." in full, f"full_text reads the item's page:\n{full}")
        check("Copyright" not in full and "Home" not in full, "the page's furniture is left out")
        check(f"({b}/page/tea/more/1.html)" in full, "links in the page are resolved against the page's URL")
        check("# tea story" not in full, "the page's headline is not repeated in the text")
        fallback = with_title(site, "tea story 3")
        check("Teaser 3 of tea" in fallback, "an item whose page fails keeps the feed's text")
        teaser_warning = next((line for line in err.splitlines() if line.startswith("Teasers: warning: 'tea story 3")), "")
        check("cannot read its page (HTTP 404" in teaser_warning, f"the page's failure is a warning naming it: {teaser_warning!r}")

        moved = with_title(site, "delta story 2")
        check(moved != "", "a permanently redirected feed is read")
        check("Moved: 10 new, 0 unchanged (moved permanently to" in out, "the permanent redirect is reported")

        # ---- The second run: conditional, nothing rewritten.
        before = snapshot(os.path.join(site, "content"))
        server.clear()
        code, out, err, seconds, _ = run_measured("fetch", "--site", site, "--timeout", str(TIMEOUT))
        print(f"second run: exit {code} in {seconds:.2f} s")
        requests = server.requests()
        paths = [r["path"] for r in requests]
        check(code == 0, f"the second run exits 0 ({code})")
        alpha = [r for r in requests if r["path"].startswith("/feed/alpha.xml")]
        check(alpha and alpha[0]["if-none-match"] == '"alpha-12-v1"', f"the ETag is sent back (If-None-Match): {alpha}")
        beta = [r for r in requests if r["path"].startswith("/atom/beta.xml")]
        check(
            beta and beta[0]["if-modified-since"] == feedserver.LAST_MODIFIED,
            f"Last-Modified is sent back (If-Modified-Since): {beta}",
        )
        check("Alpha Wire: not modified" in out and "Beta Atom: not modified" in out, f"a 304 is reported as not modified: {out}")
        check("/ratelimited" not in paths, "the rate-limited source is not asked again before its Retry-After")
        check("Rate Limited: skipped" in out, f"the skipped source says why: {out}")
        check("/moved/delta.xml" not in paths and "/feed/delta.xml" in paths, f"a permanent redirect is remembered: {paths}")
        check(
            not any(p.startswith("/page/") for p in paths), "full text is fetched only for new items, not on every run"
        )
        check(snapshot(os.path.join(site, "content")) == before, "the second run rewrites nothing (bytes, times and inodes)")
        check("0 new articles, 0 updated" in out, f"the second run imports nothing: {out}")

        code, out, err, _, _ = run_measured("fetch", "--site", site, "--status")
        check(code == 0 and "Server Error: never fetched successfully; 2 failures in a row; last error: HTTP 500" in out, f"--status shows health: {out}")
        check("Rate Limited: " in out and "rate-limited until" in out, "--status shows the rate limit")
        check("Alpha Wire: last success" in out, "--status shows the last success")

        code, out, err, _, _ = run_measured("fetch", "--site", site, "--only", "alpha wire", "--timeout", str(TIMEOUT))
        check(code == 0 and "Fetched 1 source:" in out and "Server Error" not in err, f"--only fetches one source: {out}{err}")
        code, out, err, _, _ = run_measured("fetch", "--site", site, "--only", "Nope")
        check(code != 0 and "no source named 'Nope'" in err, f"--only with an unknown name is an error: {err}")

        code, out, err, _, _ = run_measured("build", "--site", site)
        check(code == 0, f"the fetched site builds: {err}")

        # Two runs never write one site at once (a cron job overlapping a run by hand).
        slow = subprocess.Popen(
            [GAZETTE, "fetch", "--site", site, "--only", "Never Answers", "--timeout", str(TIMEOUT)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Once the server has the request, the first run holds the lock (taken before fetching).
        server.clear()
        deadline = time.monotonic() + 20
        while not any(r["path"] == "/hang" for r in server.requests()) and time.monotonic() < deadline:
            time.sleep(0.05)
        code, out, err, _, _ = run_measured("fetch", "--site", site, "--only", "Alpha Wire")
        check(code != 0 and "another gazette fetch or import is writing into this site" in err, f"a second run at once is refused: {err}")
        code, out, err, _, _ = run_measured("import", "--site", site, os.devnull)
        check(code != 0 and "another gazette fetch or import" in err, f"so is an import during a fetch: {err}")
        slow.wait(timeout=60)

        # ---- A fetched item and the same item imported from a file are one article.
        saved = os.path.join(root, "alpha.xml")
        with urllib.request.urlopen(f"{b}/feed/alpha.xml?items=12") as response, open(saved, "wb") as f:
            f.write(response.read())
        before = snapshot(os.path.join(site, "content"))
        code, out, err, _, _ = run_measured("import", "--site", site, saved)
        check(code == 0 and "Imported 0, unchanged 12" in out, f"importing the fetched feed from a file finds the same articles: {out}{err}")
        check(snapshot(os.path.join(site, "content")) == before, "and writes nothing")

        # ---- Full text on a site whose pages never answer: bounded by twice the timeout.
        slow_site = new_site(root, "slowpages")
        write(os.path.join(slow_site, "sources.yml"), sources_yaml([{"name": "Slow Pages", "url": f"{b}/slowteasers/slow.xml", "full_text": True}]))
        code, out, err, seconds, _ = run_measured("fetch", "--site", slow_site, "--timeout", str(TIMEOUT))
        print(f"full text with hanging pages: exit {code} in {seconds:.2f} s")
        check(code == 0, f"a full-text source whose pages hang is still read: {err}")
        check(seconds < 2 * TIMEOUT + 3, f"its pages share a budget of twice the timeout ({seconds:.1f} s)")
        check("Slow Pages: 8 new, 0 unchanged" in out, f"the items whose pages were tried keep the feed's text: {out}")
        check("4 new items left for the next run" in err, f"the items out of time are left for the next run, and said so: {err}")
        with open(os.path.join(slow_site, ".gazette", "fetch", "sources.json")) as f:
            check('"etag"' not in f.read(), "with items left over, the validators are not kept (the next run reads the feed again)")

        # ---- OPML as the sources file.
        opml_site = new_site(root, "opml")
        opml = os.path.join(root, "subscriptions.opml")
        write(
            opml,
            f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="Asia" title="Asia">
    <outline type="rss" text="Epsilon" xmlUrl="{b}/feed/epsilon.xml?items=3" htmlUrl="https://epsilon.example/"/>
    <outline type="rss" text="Zeta &amp; Co" xmlUrl="{b}/atom/zeta.xml"/>
  </outline>
</body></opml>
""",
        )
        code, out, err, _, _ = run_measured("fetch", "--site", opml_site, "--sources", opml)
        check(code == 0 and "Epsilon: 3 new" in out and "Zeta & Co: 5 new" in out, f"an OPML file works as the sources file: {out}{err}")
        check('category: "Asia"' in with_title(opml_site, "epsilon story 1"), "an OPML folder becomes the category")

        # ---- Every source failing exits non-zero; so does a bad sources file.
        dead_site = new_site(root, "dead")
        write(
            os.path.join(dead_site, "sources.yml"),
            sources_yaml([{"name": "A", "url": f"{b}/status/500"}, {"name": "B", "url": f"{b}/html"}]),
        )
        code, out, err, _, _ = run_measured("fetch", "--site", dead_site)
        check(code != 0 and "error: no source could be read (2 failed)" in err, f"every source failing exits non-zero: {code} {err}")

        write(os.path.join(dead_site, "sources.yml"), f"- name: A\n  url: {b}/feed/a.xml\n- name: B\n  url: ftp://example.org/feed\n")
        server.clear()
        code, out, err, _, _ = run_measured("fetch", "--site", dead_site)
        check(
            code != 0 and re.search(r"sources\.yml:4:8: error: url: 'ftp://example.org/feed' is not an http or https URL", err),
            f"a bad URL in sources.yml is an error at its line and column: {err}",
        )
        check(server.requests() == [], "nothing is fetched from a list with a mistake in it")
        write(os.path.join(dead_site, "sources.yml"), "- name: A\n  url: 'unclosed\n")
        code, out, err, _, _ = run_measured("fetch", "--site", dead_site)
        check(code != 0 and "sources.yml:" in err and "error:" in err, f"broken YAML is an error with its place: {err}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
        server.shutdown()

    if failures:
        print(f"check-fetch: {len(failures)} of {checks} checks failed", file=sys.stderr)
        sys.exit(1)
    print(f"check-fetch: all {checks} checks passed")


if __name__ == "__main__":
    main()
