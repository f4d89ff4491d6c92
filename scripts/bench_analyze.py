"""Measures `tickerwire analyze` against a bare pyahocorasick scan of the same bytes (see bench-analyze)."""
import argparse, json, os, statistics, subprocess, sys, time

import ahocorasick

ap = argparse.ArgumentParser()
ap.add_argument("--binary", required=True)
ap.add_argument("--megabytes", type=int, default=100)
ap.add_argument("--work", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--names", required=True)
ap.add_argument("--runs", type=int, default=5)
a = ap.parse_args()

# A corpus of the requested size: the source articles repeated with fresh ids.
src = [json.loads(l) for l in open(a.corpus, encoding="utf-8") if l.strip()]
path = os.path.join(a.work, f"corpus-{a.megabytes}mb.ndjson")
if not os.path.exists(path):
    with open(path, "w", encoding="utf-8") as f:
        size, i = 0, 0
        while size < a.megabytes << 20:
            s = src[i % len(src)]
            line = json.dumps({"id": f"b{i}", "title": s.get("title", ""), "body": s.get("text") or s.get("body", ""),
                               "published": s.get("published")}) + "\n"
            f.write(line)
            size += len(line.encode())
            i += 1
data = open(path, "rb").read()
articles = data.count(b"\n")
mb = len(data) / 1e6

# The reference: every company name and short name from the master, lower-cased, in one automaton.
A = ahocorasick.Automaton()
for line in open(a.names, encoding="utf-8"):
    if line.startswith("#"):
        continue
    cells = line.rstrip("\n").split("\t")
    for name in [cells[2]] + [n for n in cells[3].split("|") if n]:
        A.add_word(name.lower(), 1)
A.make_automaton()

def bare_scan():
    text = data.decode("utf-8").lower()
    t = time.perf_counter()
    n = sum(1 for _ in A.iter(text))
    return time.perf_counter() - t, n

def tickerwire():
    t = time.perf_counter()
    with open(path, "rb") as f:
        p = subprocess.run(["/usr/bin/time", "-f", "%M", a.binary, "analyze", "--data", a.work], stdin=f, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    rss_kb = int(p.stderr.decode().strip().splitlines()[-1])
    return elapsed, rss_kb

def first_output(data_dir):
    one = (json.dumps({"id": "first", "title": src[0].get("title", ""), "body": src[0].get("text", "")}) + "\n").encode()
    t = time.perf_counter()
    p = subprocess.Popen([a.binary, "analyze", "--data", data_dir], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(one)
    p.stdin.close()
    p.stdout.readline()
    elapsed = time.perf_counter() - t
    p.wait()
    return elapsed

import shutil, tempfile
scan, tw, rss, ttfo, cold = [], [], [], [], []
for _ in range(a.runs):  # interleaved, so both see the same machine load
    s, matches = bare_scan()
    scan.append(s)
    e, r = tickerwire()
    tw.append(e)
    rss.append(r)
    ttfo.append(first_output(a.work))  # the compiled master is cached in the data directory by now
    fresh = tempfile.mkdtemp()
    cold.append(first_output(fresh))  # a first run ever: the master is compiled, then cached
    shutil.rmtree(fresh)
s_med, t_med = statistics.median(scan), statistics.median(tw)
print(f"corpus: {mb:.1f} MB, {articles} articles ({a.runs} runs each, medians)")
print(f"pyahocorasick bare scan ({len(A)} names): {mb / s_med:7.1f} MB/s  ({s_med:.2f} s, {matches} raw matches)")
print(f"tickerwire analyze (whole process):     {mb / t_med:7.1f} MB/s  ({t_med:.2f} s, {articles / t_med:,.0f} articles/s)")
# Each run's pair ran back to back, so its ratio is less disturbed by load that comes and goes on a shared machine.
pairs = sorted(s / t for s, t in zip(scan, tw))
print(f"ratio tickerwire / pyahocorasick: {s_med / t_med:.2f}x (of the medians); per run {', '.join(f'{r:.2f}' for r in pairs)}, "
      f"median {statistics.median(pairs):.2f}x")
print(f"peak RSS: {statistics.median(rss) / 1024:.0f} MB")
print(f"time to first article's output: {statistics.median(ttfo) * 1000:.0f} ms (compiled master cached), "
      f"{statistics.median(cold) * 1000:.0f} ms (first run, compiling it)")
