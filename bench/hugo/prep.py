#!/usr/bin/env python3
"""Build a Hugo content dir from the corpus: news/ = hard links to the corpus files
(Hugo 0.111 cannot synthesise pages, so every date-archive page needs a stub _index.md).
Usage: prep.py CORPUS_DIR CONTENT_DIR"""
import os, re, shutil, subprocess, sys
corpus, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
subprocess.run(["cp", "-al", os.path.abspath(corpus), os.path.join(out, "news")], check=True)
date_re = re.compile(r"^date: (\d{4})-(\d\d)-(\d\d)", re.M)
periods = set()
for root, _, files in os.walk(corpus):
    for f in files:
        if f.endswith(".md"):
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                y, m, d = date_re.search(fh.read(400)).groups()
            periods.update([(y,), (y, m), (y, m, d)])
def stub(rel, fm):
    os.makedirs(os.path.join(out, rel), exist_ok=True)
    with open(os.path.join(out, rel, "_index.md"), "w") as fh:
        fh.write("---\n" + fm + "---\n")
hide = "build:\n  render: never\n"
stub("news", hide)
stub("archive", hide)
for p in sorted(periods):
    key = "-".join(p)
    stub(os.path.join("archive", *p), 'title: "%s"\nperiod: "%s"\nurl: "/%s/"\n' % (key, key, "/".join(p)))
print("hugo content: %d archive stubs" % len(periods), file=sys.stderr)
