#!/usr/bin/env python3
"""Alternates two gazette binaries on the same scenario and prints each one's median wall time.

    python3 bench/compare.py OLD_BINARY NEW_BINARY [cold|edit|nochange|template] [RUNS]

`edit` replaces the first article with an edited copy (a new inode, as an editor's save does);
`template` writes the default theme's article.mustache with a changed comment into the site's
Templates/, so that every article page is rendered again.

A change worth a few percent drowns in this machine's drift between benchmark runs; alternating
the two binaries run by run, each on its own copy of the 10,000-article corpus (from `make bench`,
in /dev/shm/gazette-bench), compares them under the same conditions.
"""
import os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BASE = os.environ.get("BENCH_DIR", "/dev/shm/gazette-bench")
CORPUS = os.path.join(BASE, "site-10000")
NOW = ["--now", "2030-01-01T00:00:00Z"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binaries = [os.path.abspath(b) for b in sys.argv[1:3]]
    scenario = sys.argv[3] if len(sys.argv) > 3 else "edit"
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    if not os.path.isdir(CORPUS):
        sys.exit(f"{CORPUS} not found: run `BENCH_SIZES=10000 make bench` once to generate it")
    sites = []
    for i in range(2):
        site = os.path.join(BASE, f"compare-{i}")
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(site + "-out", ignore_errors=True)
        shutil.copytree(CORPUS, site, ignore=shutil.ignore_patterns(".gazette", "public"))
        sites.append(site)

    def build(binary, site, *extra):
        start = time.perf_counter()
        subprocess.run([binary, "build", "--site", site, "--output", site + "-out", "--quiet", *NOW, *extra],
                       check=True)
        return time.perf_counter() - start

    articles = []
    for binary, site in zip(binaries, sites):
        build(binary, site)
        articles.append(sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                               for f in fs if f.endswith(".md"))[0])
    originals = [open(a, encoding="utf-8").read() for a in articles]
    if scenario == "nochange":
        time.sleep(3)  # stamps younger than two seconds are not trusted
        for binary, site in zip(binaries, sites):
            build(binary, site)
    template = open(os.path.join(ROOT, "Templates", "article.mustache"), encoding="utf-8").read()
    times = [[], []]
    for run in range(runs):
        for i, (binary, site) in enumerate(zip(binaries, sites)):
            if scenario == "cold":
                shutil.rmtree(os.path.join(site, ".gazette"), ignore_errors=True)
                out = f"{site}-cold-{run}"
                start = time.perf_counter()
                subprocess.run([binary, "build", "--site", site, "--output", out, "--quiet", *NOW], check=True)
                times[i].append(time.perf_counter() - start)
                shutil.rmtree(out)
            elif scenario == "edit":
                with open(articles[i] + ".tmp", "w", encoding="utf-8") as f:
                    f.write(originals[i] + f"\nEdit {run}.\n")
                os.replace(articles[i] + ".tmp", articles[i])
                times[i].append(build(binary, site))
            elif scenario == "template":
                os.makedirs(os.path.join(site, "Templates"), exist_ok=True)
                with open(os.path.join(site, "Templates", "article.mustache"), "w", encoding="utf-8") as f:
                    f.write(template + f"<!-- edit {run} -->\n")
                times[i].append(build(binary, site))
            else:
                times[i].append(build(binary, site))
    for binary, t in zip(binaries, times):
        print(f"{binary}: {scenario} median {statistics.median(t):.3f} s over {runs} runs")
    for site in sites:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(site + "-out", ignore_errors=True)


if __name__ == "__main__":
    main()
