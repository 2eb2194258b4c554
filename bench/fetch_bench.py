#!/usr/bin/env python3
"""`gazette fetch` benchmark: `make bench-fetch` (also the last part of `make bench`).

50 sources of 50 items each, served by the loopback feed server of the tests
(scripts/feedserver.py), fetched into a new site: the first run imports 2,500 articles, the
second gets 50 answers of 304 Not Modified. Prints the median wall time and peak RSS of RUNS
runs of each, each run in a site of its own.

Environment: FETCH_SOURCES (default 50), FETCH_ITEMS (default 50), BENCH_RUNS (default 5),
GAZETTE (default .build/release/gazette).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import feedserver  # noqa: E402

GAZETTE = os.path.abspath(os.environ.get("GAZETTE", os.path.join(ROOT, ".build", "release", "gazette")))
SOURCES = int(os.environ.get("FETCH_SOURCES", "50"))
ITEMS = int(os.environ.get("FETCH_ITEMS", "50"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(args):
    """Wall seconds and peak RSS (MB) of one gazette run, which must succeed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen([GAZETTE, *args], stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"gazette {' '.join(args)} failed:\n{err.read().decode()}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def main():
    server = feedserver.start()
    root = tempfile.mkdtemp(prefix="gazette-fetch-bench-")
    first, second = [], []
    try:
        for run in range(RUNS):
            site = os.path.join(root, f"site-{run}")
            timed(["init", site])
            with open(os.path.join(site, "sources.yml"), "w") as f:
                for i in range(SOURCES):
                    f.write(f"- name: Source {i:02d}\n  url: {server.base}/feed/s{i:02d}.xml?items={ITEMS}\n")
            wall, rss, out = timed(["fetch", "--site", site])
            expected = f"{SOURCES * ITEMS} new articles"
            if expected not in out:
                sys.exit(f"the first run did not import {expected}:\n{out}")
            first.append((wall, rss))
            wall, rss, out = timed(["fetch", "--site", site])
            if f"{SOURCES} not modified" not in out:
                sys.exit(f"the second run was not all 304s:\n{out}")
            second.append((wall, rss))
            shutil.rmtree(site)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        server.shutdown()

    print(f"\ngazette fetch: {SOURCES} sources x {ITEMS} items from a loopback server, median of {RUNS} runs")
    print("| run | wall | peak RSS |")
    print("|---|---|---|")
    for label, runs in (
        (f"first ({SOURCES * ITEMS} new articles)", first),
        (f"second ({SOURCES} x 304 Not Modified)", second),
    ):
        print(
            f"| {label} | {statistics.median(w for w, _ in runs):.2f} s | {statistics.median(r for _, r in runs):.0f} MB |"
        )


if __name__ == "__main__":
    main()
