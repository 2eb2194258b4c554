"""A loopback HTTP server of feeds that misbehaves the way real sources do.

Used by scripts/check-fetch.py (the behaviour of `gazette fetch`) and bench/fetch_bench.py (its
speed). Every answer is generated from the path, so that a run is repeatable; every request is
logged with the headers a polite client should send.

Paths:
  /feed/NAME.xml?items=N      RSS 2.0 with N items, ETag and Last-Modified, 304 when matched
  /atom/NAME.xml              Atom 1.0 with Last-Modified only
  /gzip/NAME.xml              RSS, gzip-encoded when the client accepts it
  /relative/NAME.xml          RSS whose links and images are relative to the feed's address
  /teasers/NAME.xml           RSS of one-sentence teasers; /page/NAME/I.html is each full article
  /slowteasers/NAME.xml       12 teasers whose pages (/slowpage/…) never answer
  /status/CODE                that status, with a small HTML body
  /hang                       accepts the connection and never answers
  /trickle                    answers 200, then one byte a second, forever
  /loop/a, /loop/b            redirect to each other
  /chain/N                    N redirects (302) before /feed/chain.xml
  /moved/NAME.xml             301 to /feed/NAME.xml
  /html                       an HTML page instead of a feed
  /truncated.xml              the first half of a feed
  /ratelimited                429 with Retry-After: 3600
  /huge.xml                   200, then an endless XML comment, megabytes at a time
"""

import gzip
import http.server
import socketserver
import threading
import time
from email.utils import formatdate
from urllib.parse import parse_qs, urlsplit

# One fixed instant for Last-Modified: the answers never change, so the 304s are real.
LAST_MODIFIED = formatdate(1_717_243_200, usegmt=True)  # 2024-06-01T12:00:00Z


def rss(name, items, relative=False, teasers=False, base="", page_path="page"):
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{name} wire</title><link>https://{name}.example/</link>",
        "<description>Test feed</description>",
    ]
    for i in range(items):
        day = 1 + i % 28
        hour = i % 24
        if relative:
            link = f"articles/{name}-{i}.html"
            body = (
                f"&lt;p&gt;Story {i} from {name}, with a &lt;a href=&quot;../docs/{i}.pdf&quot;&gt;"
                f"document&lt;/a&gt; and a picture.&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;/img/{i}.jpg&quot; alt=&quot;Photo {i}&quot;&gt;&lt;/p&gt;"
            )
        elif teasers:
            link = f"{base}/{page_path}/{name}/{i}.html"
            body = f"Teaser {i} of {name}: read the whole story on the site."
        else:
            link = f"https://{name}.example/news/{i}"
            body = (
                f"&lt;p&gt;{name} report number {i}. Officials said on day {day} that the figure was {i * 7} "
                f"and would be reviewed.&lt;/p&gt;&lt;p&gt;A second paragraph of item {i}.&lt;/p&gt;"
            )
        parts.append(
            f"<item><title>{name} story {i}: figure reaches {i * 7}</title><link>{link}</link>"
            f"<guid>{link}</guid><pubDate>{formatdate(1_717_200_000 + i * 3600 - 86400 * day, usegmt=True)}</pubDate>"
            f"<category>World</category><description>{body}</description></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def atom(name, items):
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{name} atom</title><id>urn:{name}</id><updated>2024-06-01T12:00:00Z</updated>",
        f'<link rel="alternate" href="https://{name}.example/"/>',
    ]
    for i in range(items):
        parts.append(
            f"<entry><title>{name} entry {i}</title><id>urn:{name}:{i}</id>"
            f'<link rel="alternate" href="https://{name}.example/entry/{i}"/>'
            f"<published>2024-05-{1 + i % 28:02d}T0{i % 10}:00:00+09:00</published>"
            f"<updated>2024-05-{1 + i % 28:02d}T0{i % 10}:00:00+09:00</updated>"
            f'<content type="html">&lt;p&gt;Entry {i} of {name}.&lt;/p&gt;</content></entry>'
        )
    parts.append("</feed>")
    return "\n".join(parts).encode()


def page(name, i):
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story</title></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>{name} story {i}</h1><p>The whole story {i} of {name}, as printed.</p>"
        f"<p>A second paragraph with <a href='more/{i}.html'>a relative link</a>.</p></article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="application/rss+xml", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status, location):
        self.send(status, b"", "text/plain", {"Location": location})

    def do_GET(self):
        url = urlsplit(self.path)
        path = url.path
        query = parse_qs(url.query)
        self.server.record(self)
        base = f"http://{self.headers.get('Host')}"
        if path.startswith("/feed/"):
            name = path[len("/feed/") :].removesuffix(".xml")
            items = int(query.get("items", ["10"])[0])
            etag = f'"{name}-{items}-v1"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", headers={"ETag": etag})
            return self.send(200, rss(name, items), headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})
        if path.startswith("/atom/"):
            name = path[len("/atom/") :].removesuffix(".xml")
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                return self.send(304, b"")
            return self.send(200, atom(name, 5), "application/atom+xml", {"Last-Modified": LAST_MODIFIED})
        if path.startswith("/gzip/"):
            name = path[len("/gzip/") :].removesuffix(".xml")
            body = rss(name, 8)
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                return self.send(200, gzip.compress(body, mtime=0), headers={"Content-Encoding": "gzip"})
            return self.send(200, body)
        if path.startswith("/relative/"):
            name = path[len("/relative/") :].removesuffix(".xml")
            return self.send(200, rss(name, 3, relative=True))
        if path.startswith("/teasers/"):
            name = path[len("/teasers/") :].removesuffix(".xml")
            return self.send(200, rss(name, 4, teasers=True, base=base))
        if path.startswith("/slowteasers/"):
            name = path[len("/slowteasers/") :].removesuffix(".xml")
            etag = f'"{name}-slow"'
            return self.send(200, rss(name, 12, teasers=True, base=base, page_path="slowpage"), headers={"ETag": etag})
        if path.startswith("/slowpage/"):
            time.sleep(3600)
            return
        if path.startswith("/page/"):
            _, _, name, leaf = path.split("/", 3)
            i = int(leaf.removesuffix(".html"))
            if i == 3:
                return self.send(404, b"<p>gone</p>", "text/html")
            return self.send(200, page(name, i), "text/html; charset=utf-8")
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self.send(code, b"<html><body>error</body></html>", "text/html")
        if path == "/hang":
            time.sleep(3600)
            return
        if path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                while True:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                return
        if path == "/loop/a":
            return self.redirect(302, "/loop/b")
        if path == "/loop/b":
            return self.redirect(302, f"{base}/loop/a")
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            return self.redirect(302, f"/chain/{n - 1}" if n > 1 else "/feed/chain.xml")
        if path.startswith("/moved/"):
            return self.redirect(301, "/feed/" + path[len("/moved/") :])
        if path == "/html":
            return self.send(
                200,
                b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Our news</h1><p>Subscribe!</p></body></html>",
                "text/html",
            )
        if path == "/truncated.xml":
            body = rss("truncated", 6)
            return self.send(200, body[: len(body) // 2])
        if path == "/ratelimited":
            return self.send(429, b"slow down", "text/plain", {"Retry-After": "3600"})
        if path == "/huge.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<!--" + b"x" * (1 << 20) + b"-->"
            try:
                self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                for _ in range(1000):  # a gigabyte, if anyone read it all
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
            return
        self.send(404, b"no such feed", "text/plain")


class FeedServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.log = []

    def record(self, handler):
        with self.lock:
            self.log.append(
                {
                    "path": handler.path,
                    "if-none-match": handler.headers.get("If-None-Match"),
                    "if-modified-since": handler.headers.get("If-Modified-Since"),
                    "user-agent": handler.headers.get("User-Agent"),
                    "accept-encoding": handler.headers.get("Accept-Encoding"),
                }
            )

    def requests(self):
        with self.lock:
            return list(self.log)

    def clear(self):
        with self.lock:
            self.log.clear()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


def start():
    server = FeedServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
