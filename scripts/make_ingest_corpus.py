"""Writes N unique market-news articles of about 3 KB each as NDJSON, for the ingest benchmark.

The sentences are our own templates, filled with companies from the security master, figures and dates drawn
from a seeded generator: every article is different (so nothing is a duplicate), and the text has what analysis
looks for (names, tickers, amounts, events, sentiment words) at about the density of real market news (per KB:
about 5 amounts, 1.5 instruments, 1.5 events; measured on ../shared/eval/dev-articles.jsonl with `analyze`).
"""
import argparse
import json
import random

TEMPLATES = [
    "{a} ({ta}) reported third-quarter revenue of ${m} million, up {p}% from a year earlier, beating analyst estimates.",
    "Shares of {a} rose {p}% to ${px} in premarket trading after the company raised its full-year guidance.",
    "{a} said it agreed to acquire {b} for about ${b1} billion in cash and stock, a premium of {p}% to Friday's close.",
    "Analysts at {broker} upgraded {a} to Buy from Hold and raised their price target to ${px} from ${px2}.",
    "{a} cut its dividend by {p}% and said it would lay off about {n} workers as demand weakened.",
    "Regulators opened a probe into {a} over its accounting, sending the stock down {p}% on {day}.",
    "{b} shares fell {p}% after the company missed earnings expectations and lowered its outlook for the year.",
    "The company announced a ${b1} billion share buyback program, its largest ever, and reaffirmed its targets.",
    "{a} priced an offering of ${m} million of senior notes due {year} with a coupon of {c}%.",
    "In a note to clients, {broker} reiterated its Overweight rating on {b}, citing strong margins and cash flow.",
    "Net income rose to ${m} million, or ${eps} a share, compared with ${m2} million a year ago.",
    "Management expects revenue between ${b1} billion and ${b2} billion for the fiscal year ending in {month}.",
    "{a} and {b} said they would form a joint venture to build plants in Texas and Ohio, investing ${b1} billion.",
    "A lawsuit filed on {day} accuses {b} of misleading investors about the safety of its products.",
    "The stock has gained {p}% so far this year, outperforming the broader market, which rose {p2}%.",
    "{a} named a new chief executive, effective {month} 1, after its founder stepped down.",
    "Trading volume was about {n} shares, roughly double the daily average over the past three months.",
    "Investors will watch the company's results on {day} for signs that higher costs are squeezing profits.",
    "{b} said it received regulatory approval for its new drug, which could bring in ${m} million in annual sales.",
    "The deal is expected to close in the second half of {year}, subject to shareholder and regulatory approvals.",
]
# Sentences without figures or names: context, quotes and background, as most of a real story is.
NARRATIVE = [
    "The move comes as companies across the sector try to adjust to slower growth and tighter budgets.",
    "Executives told analysts on a conference call that they remained confident in the long-term plan.",
    "\"We are seeing healthy demand from our largest customers,\" the chief financial officer said in a statement.",
    "Some investors have questioned whether the strategy can deliver the returns management has promised.",
    "The industry has been consolidating for several years as smaller players struggle to keep up.",
    "Officials did not respond to requests for comment outside regular business hours.",
    "The decision follows months of talks with suppliers, customers and labor representatives.",
    "Analysts said the results showed the business was holding up better than many had feared.",
    "Competition has intensified as new entrants offer lower prices and faster delivery.",
    "The company has spent heavily on technology and marketing to win back younger shoppers.",
    "Supply chain problems that hurt earlier quarters have largely eased, according to the filing.",
    "Critics argue that the plan does little to address the underlying problems in the business.",
    "The board said it would review its options, including a possible sale of some divisions.",
    "Economists expect interest rates to stay higher for longer, weighing on consumer spending.",
    "The new products are expected to reach stores in time for the holiday shopping season.",
    "People familiar with the matter said the talks were at an early stage and could still fall apart.",
    "Investors have grown more cautious in recent weeks amid uncertainty about the economy.",
    "The firm plans to expand into new markets in Europe and Asia over the next few years.",
    "Management said it would provide more details at an investor day later this year.",
    "The announcement was made after the market closed, and further updates are expected.",
]
# Figures without company names, as in a story's middle paragraphs.
FIGURES = [
    "That compares with {p}% growth in the same period last year and {p2}% the year before.",
    "Gross margin came in at {p}.{d}%, while operating expenses were about ${m} million.",
    "The unit employs about {n} people and had sales of roughly ${b1}.{d} billion last year.",
    "Prices in the segment have climbed {p}% since {month}, to an average of ${px} per unit.",
    "About {p}% of the total came from overseas markets, up from {p2}% three years ago.",
]
BROKERS = ["Morgan Stanley", "Goldman Sachs", "JPMorgan", "Barclays", "Citi", "UBS", "Jefferies", "Wells Fargo", "Truist", "Bernstein"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "June", "September", "December"]


def companies(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 9 and cols[8] == "active" and cols[1] in ("NASDAQ", "NYSE") and int(cols[9] or 0) >= 50:
                out.append((cols[2], cols[0]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--securities", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--bytes", type=int, default=3000, help="body length to reach (real stories: the dev set's median is about 1,300)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = companies(args.securities)
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(args.articles):
            (a, ta), (b, _) = rng.sample(names, 2)

            def fill(t):
                return t.format(
                    a=a, ta=ta, b=b, broker=rng.choice(BROKERS), day=rng.choice(DAYS), month=rng.choice(MONTHS),
                    m=rng.randint(10, 990), m2=rng.randint(10, 990), b1=rng.randint(1, 40), b2=rng.randint(41, 90),
                    p=rng.randint(1, 40), p2=rng.randint(1, 20), px=rng.randint(10, 900), px2=rng.randint(10, 900),
                    n=rng.randint(100, 90000), d=rng.randint(0, 9), eps=f"{rng.uniform(0.1, 9):.2f}", c=f"{rng.uniform(1, 9):.3f}",
                    year=rng.randint(2025, 2034))

            title = fill(rng.choice(TEMPLATES[:6])).split(",")[0].rstrip(".")
            body, size = [], 0
            while size < args.bytes:
                r = rng.random()
                s = fill(rng.choice(TEMPLATES)) if r < 0.14 else fill(rng.choice(FIGURES)) if r < 0.26 else rng.choice(NARRATIVE)
                body.append(s)
                size += len(s) + 1
            record = {"id": f"bench-{args.seed}-{k}", "source": "bench", "title": title, "body": " ".join(body),
                      "published": f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}T{k % 24:02d}:{k % 60:02d}:00Z"}
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
