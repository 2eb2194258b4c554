#!/usr/bin/env python3
"""`gazette import` at scale: `make bench-import` (also part of `make bench`).

Imports one feed of 100 new items (from the loopback feed server's generator) into an empty site
and into a copy of the bench's 100,000-article corpus, and prints the median wall time of RUNS
runs of each. Into the large site, three cases: the first import ever (every article read, the
import index written), then an import with the index in place, which is what a site that
imports every day meets. Story matching runs in every case.

Environment: IMPORT_SITE_SIZE (default 100000), BENCH_RUNS (default 3), BENCH_DIR,
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
sys.path.insert(0, os.path.join(ROOT, "bench"))
import feedserver  # noqa: E402

GAZETTE = os.path.abspath(os.environ.get("GAZETTE", os.path.join(ROOT, ".build", "release", "gazette")))
SIZE = int(os.environ.get("IMPORT_SITE_SIZE", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
os.environ.setdefault("BENCH_SIZES", str(SIZE))
import bench  # noqa: E402  (the corpus cache of `make bench`)


def timed(args):
    start = time.perf_counter()
    done = subprocess.run([GAZETTE, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"gazette {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall, done.stdout


def main():
    corpus = bench.corpus(SIZE)
    work = tempfile.mkdtemp(prefix="gazette-import-bench-", dir=bench.BASE)
    feeds = []
    for run in range(RUNS + 1):
        path = os.path.join(work, f"feed-{run}.xml")
        with open(path, "wb") as f:
            f.write(feedserver.rss(f"newwire{run}", 100))
        feeds.append(path)
    results = {"empty": [], "first": [], "indexed": []}
    try:
        for run in range(RUNS):
            empty = os.path.join(work, f"empty-{run}")
            os.makedirs(os.path.join(empty, "content"))
            shutil.copy(os.path.join(corpus, "site.yml"), empty)
            results["empty"].append(timed(["import", "--site", empty, feeds[run]])[0])
            shutil.rmtree(empty)
        large = os.path.join(work, "large")
        shutil.copytree(corpus, large, ignore=shutil.ignore_patterns(".gazette", "public"))
        # Stamps under two seconds old are not kept in the index: let the copy settle.
        time.sleep(2.5)
        for run in range(RUNS):
            shutil.rmtree(os.path.join(large, ".gazette"), ignore_errors=True)
            wall, out = timed(["import", "--site", large, feeds[run]])
            results["first"].append(wall)
            time.sleep(2.5)
            # The index now holds every article; the articles just written are read again.
            wall, out = timed(["import", "--site", large, feeds[RUNS]])
            results["indexed"].append(wall)
            if "Imported 100" not in out and run == 0:
                sys.exit(f"the indexed import did not import 100 articles:\n{out}")
            # Back to the corpus alone for the next run.
            for root, _, files in os.walk(os.path.join(large, "content")):
                for name in files:
                    if "newwire" in name:
                        os.remove(os.path.join(root, name))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\ngazette import: 100 new items, median of {RUNS} runs")
    print("| site | wall |")
    print("|---|---|")
    print(f"| empty | {statistics.median(results['empty']):.2f} s |")
    print(f"| {SIZE:,} articles, first import (no index) | {statistics.median(results['first']):.2f} s |")
    print(f"| {SIZE:,} articles, with the import index | {statistics.median(results['indexed']):.2f} s |")


if __name__ == "__main__":
    main()
