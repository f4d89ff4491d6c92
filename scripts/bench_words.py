"""Times TextVectors (tickerwire bench words) and PostgreSQL's to_tsvector on the same articles, interleaved (see bench-words)."""
import argparse, csv, json, os, statistics, subprocess, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--binary", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--articles", type=int, default=5000)
ap.add_argument("--pg-url", required=True)
ap.add_argument("--runs", type=int, default=5)
a = ap.parse_args()

with open(a.corpus, encoding="utf-8") as f:
    items = [json.loads(line) for _, line in zip(range(a.articles), f)]
with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
    csv.writer(f).writerows((i.get("title", ""), i.get("body", "")) for i in items)
    table = f.name
psql = ["psql", a.pg_url, "-qAt", "-v", "ON_ERROR_STOP=1"]
subprocess.run(psql + ["-c", "CREATE TABLE words_bench (title text, body text)", "-c", f"\\copy words_bench FROM '{table}' CSV"], check=True)
os.unlink(table)
vector = "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')"

node, postgres = [], []
for _ in range(a.runs):
    out = subprocess.run([a.binary, "bench", "words", a.corpus, "--articles", str(len(items)), "--runs", "1", "--json"],
                         check=True, capture_output=True, text=True).stdout
    node.append(json.loads(out)["median_us_per_article"])
    t = time.perf_counter()
    subprocess.run(psql + ["-c", f"SELECT sum(length({vector})) FROM words_bench"], check=True, capture_output=True)
    postgres.append((time.perf_counter() - t) * 1e6 / len(items))
n, p = statistics.median(node), statistics.median(postgres)
print(f"{len(items)} articles, {a.runs} runs each, interleaved; median µs an article:")
print(f"  tickerwire TextVectors (node)  {n:8.1f}   runs {', '.join(f'{x:.1f}' for x in node)}")
print(f"  PostgreSQL to_tsvector         {p:8.1f}   runs {', '.join(f'{x:.1f}' for x in postgres)}")
print(f"  the node takes {n / p:.2f} of PostgreSQL's time ({p / n:.1f}x faster)")
