"""Merges three public listings into one security master (a TSV the analysis module loads).

Rules (see ARCHITECTURE.md, "Security master"):
- One row per company. A company with a US exchange listing (ADRs included) is keyed by its US
  symbol; its other listings go in `listings`.
- Non-US symbols take the Yahoo-style suffix users know (7203.T, 0700.HK, SAP.DE, BP.L ...).
- OTC-only US lines are dropped: news names the company, and its home listing is the real one.
- US listings that have since gone (in investpy's older list, absent from SEC's current one) are kept
  with status `former`, so archives still resolve.
Columns: symbol, exchange, name, short_name, country, cik, isin, listings (SYM@EXCH|...), status, prominence
"""

import argparse
import csv
import os
import re
import sys

import pyarrow.parquet as pq
from pytickersymbols import PyTickerSymbols

# investpy country -> (Yahoo suffix, exchange name, symbol mapper)
def _plain(s):
    return s

def _hk(s):
    return s.lstrip("0").zfill(4)

def _class_suffix(s):
    # Reuters-style lower-case class letters (ERICb, ACOx) become Yahoo's "-B".
    m = re.match(r"^([A-Z0-9&]+?)([a-z])$", s)
    return f"{m.group(1)}-{m.group(2).upper()}" if m else s

def _strip_tail(letter):
    def f(s):
        s = re.sub(r"n$", "", s)
        return s[:-1] if len(s) > 2 and s.endswith(letter) else s
    return f

COUNTRIES = {
    "japan": ("T", "TSE", _plain),
    "hong kong": ("HK", "HKEX", _hk),
    "south korea": ("KS", "KRX", _plain),
    "taiwan": ("TW", "TWSE", _plain),
    "india": ("NS", "NSE", _plain),
    "united kingdom": ("L", "LSE", lambda s: s.rstrip(".")),
    "australia": ("AX", "ASX", _plain),
    "canada": ("TO", "TSX", _class_suffix),
    "germany": ("DE", "XETRA", _strip_tail("G")),
    "switzerland": ("SW", "SIX", _plain),
    "south africa": ("JO", "JSE", _strip_tail("J")),
    "netherlands": ("AS", "Euronext Amsterdam", _plain),
    "spain": ("MC", "BME", _plain),
    "sweden": ("ST", "Nasdaq Stockholm", _class_suffix),
    "russia": ("ME", "MOEX", _plain),
    "brazil": ("SA", "B3", _plain),
    "singapore": ("SI", "SGX", _plain),
    "malaysia": ("KL", "Bursa Malaysia", _plain),
    "thailand": ("BK", "SET", _plain),
    "indonesia": ("JK", "IDX", _plain),
    "mexico": ("MX", "BMV", _plain),
    "israel": ("TA", "TASE", _plain),
    "norway": ("OL", "Oslo Bors", _plain),
    "denmark": ("CO", "Nasdaq Copenhagen", _class_suffix),
    "finland": ("HE", "Nasdaq Helsinki", _class_suffix),
    "belgium": ("BR", "Euronext Brussels", _plain),
    "austria": ("VI", "Wiener Borse", _plain),
    "poland": ("WA", "GPW", _plain),
    "turkey": ("IS", "Borsa Istanbul", _plain),
    "new zealand": ("NZ", "NZX", _plain),
    "philippines": ("PS", "PSE", _plain),
    "france": ("PA", "Euronext Paris", _plain),
    "italy": ("MI", "Borsa Italiana", _plain),
    "ireland": ("IR", "Euronext Dublin", _plain),
    "portugal": ("LS", "Euronext Lisbon", _plain),
    "argentina": ("BA", "BYMA", _plain),
    "chile": ("SN", "Santiago", _plain),
    "saudi arabia": ("SR", "Tadawul", _plain),
    "vietnam": ("VN", "HOSE", _plain),
}
# Countries whose investpy symbols are Reuters codes, not exchange codes: only index members
# (from pytickersymbols, which has real Yahoo symbols) are reliable there.
REUTERS_CODED = {"france", "italy", "india_reuters"}

SUFFIX_EXCHANGE = {
    "T": "TSE", "L": "LSE", "DE": "XETRA", "PA": "Euronext Paris", "MC": "BME", "ST": "Nasdaq Stockholm",
    "AS": "Euronext Amsterdam", "HE": "Nasdaq Helsinki", "BR": "Euronext Brussels", "SW": "SIX",
    "MI": "Borsa Italiana", "HK": "HKEX", "SS": "SSE", "SZ": "SZSE", "KS": "KRX", "AX": "ASX",
}

LEGAL = re.compile(
    r"[\s,]+(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|ag|se|sa|s\.a|nv|n\.v|spa|s\.p\.a|"
    r"llc|lp|l\.p|holdings?|group|/de|/md|/nv|kgaa|ab|asa|oyj|a/s|bhd|tbk|pcl|jsc|pjsc|adr|ads)\.?$",
    re.I,
)


def name_key(name):
    """A key that matches one company's names across sources ("ALIBABA GROUP HOLDING LTD" == "Alibaba Group Holding Ltd.")."""
    n = name.lower().replace("&", " and ").replace(".com", " com")
    n = re.sub(r"[^a-z0-9 ]+", " ", n)
    n = re.sub(r"\s+", " ", n).strip()
    prev = None
    while prev != n:
        prev = n
        n = LEGAL.sub("", " " + n).strip()
    return n


def isin_check(cusip9):
    """The ISIN of a US CUSIP: 'US' + CUSIP + Luhn check digit over the letters-as-numbers string."""
    body = "US" + cusip9
    digits = "".join(str(int(c, 36)) for c in body)
    total = 0
    for i, d in enumerate(reversed(digits)):
        v = int(d) * (2 if i % 2 == 0 else 1)
        total += v // 10 + v % 10
    return body + str((10 - total % 10) % 10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edgar", required=True)
    ap.add_argument("--investpy", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    rows = {}  # symbol -> record
    by_key = {}  # name_key -> symbol (US first)
    by_isin = {}

    def add(rec):
        rows[rec["symbol"]] = rec
        by_key.setdefault(name_key(rec["name"]), rec["symbol"])
        if rec["isin"]:
            by_isin.setdefault(rec["isin"], rec["symbol"])

    # 1. SEC: current US listings, in SEC's order (largest companies first).
    sec = pq.read_table(os.path.join(a.edgar, "company_tickers.parquet")).to_pylist()
    cusips = pq.read_table(os.path.join(a.edgar, "ct.pq")).to_pylist()
    isin_of_ticker = {}
    for c in cusips:
        if c["Cusip"] and len(c["Cusip"]) == 9 and c["Ticker"]:
            isin_of_ticker.setdefault(c["Ticker"], isin_check(c["Cusip"]))
    by_cik = {}
    for rank, r in enumerate(sec):
        exch = {"Nasdaq": "NASDAQ", "NYSE": "NYSE", "CBOE": "CBOE"}.get(r["exchange"] or "")
        if not exch:
            continue
        sym = r["ticker"].replace("-", ".")
        cik = str(int(r["cik"]))
        if cik in by_cik:  # a second class or a preferred line of a company already listed
            rows[by_cik[cik]]["listings"].append(f"{sym}@{exch}")
            continue
        by_cik[cik] = sym
        prominence = max(30, 100 - rank // 100)
        add(dict(symbol=sym, exchange=exch, name=r["name"], short="", country="US", cik=cik,
                 isin=isin_of_ticker.get(r["ticker"], ""), listings=[], status="active", prominence=prominence))

    # 2. Index members with real Yahoo symbols.
    index_isins = set()
    for s in PyTickerSymbols().get_all_stocks():
        ysym = s.get("symbol") or ""
        if "." not in ysym:
            continue  # US members come from SEC
        suffix = ysym.rsplit(".", 1)[1]
        exch = SUFFIX_EXCHANGE.get(suffix)
        if not exch:
            continue
        isins = s.get("isins") or []
        us_line = next((x["yahoo"] for x in s.get("symbols", []) if x.get("google", "").split(":")[0] in ("NYSE", "NASDAQ")), None)
        home = f"{ysym}@{exch}"
        target = (us_line if us_line in rows else None) or next((by_isin[i] for i in isins if i in by_isin), None) \
            or (by_key.get(name_key(s["name"])) if by_key.get(name_key(s["name"])) in rows and rows[by_key[name_key(s["name"])]]["country"] == "US" else None)
        index_isins.update(isins)
        if target:
            rec = rows[target]
            for i in isins:
                by_isin.setdefault(i, target)
            if home not in rec["listings"]:
                rec["listings"].append(home)
            rec["short"] = rec["short"] or s["name"]
            continue
        if ysym in rows:
            continue
        add(dict(symbol=ysym, exchange=exch, name=s["name"], short="", country=s.get("country", ""), cik="",
                 isin=isins[0] if isins else "", listings=[], status="active", prominence=70))
        for i in isins[1:]:
            by_isin.setdefault(i, ysym)

    # 3. investpy: the rest of the world, and US listings since gone.
    sec_isins = set(by_isin)
    with open(a.investpy, newline="", encoding="utf-8") as f:
        inv = list(csv.DictReader(f))
    seen = set()
    for r in inv:
        country, isin, sym = r["country"], r["isin"], r["symbol"].strip()
        if not sym or (country, isin, sym) in seen or DEPOSITARY.search(r["full_name"] + " " + r["name"]):
            continue
        seen.add((country, isin, sym))
        if country == "united states":
            if isin in sec_isins or not isin.startswith("US") or sym.replace("-", ".") in rows:
                continue
            if name_key(r["full_name"]) in by_key:
                continue
            add(dict(symbol=sym, exchange="US", name=r["full_name"], short=r["name"], country="US", cik="", isin=isin,
                     listings=[], status="former", prominence=25))
            continue
        if country not in COUNTRIES or country in REUTERS_CODED:
            continue
        suffix, exch, mapper = COUNTRIES[country]
        if country == "china":
            continue
        ysym = f"{mapper(sym)}.{suffix}"
        home_country = isin[:2]
        listing = f"{ysym}@{exch}"
        existing = by_isin.get(isin) or (by_key.get(name_key(r["full_name"])) if len(name_key(r["full_name"])) > 3 else None)
        at_home = COUNTRY_OF_ISIN.get(home_country) == country or (country == "hong kong" and home_country in OFFSHORE)
        if existing and existing in rows:
            rec = rows[existing]
            # Argentine and Mexican lines of foreign companies are depositary receipts with local ISINs: not listings.
            if at_home and country not in ("argentina", "mexico") and listing not in rec["listings"] and rec["symbol"] != ysym:
                rec["listings"].append(listing)
            rec["short"] = rec["short"] or r["name"]
            continue
        # A foreign venue's line of a company from elsewhere (HSBC in Hong Kong, BHP in Johannesburg) is not its home.
        if not at_home and not (home_country in OFFSHORE or home_country not in COUNTRY_OF_ISIN):
            continue  # a foreign venue's line of a company from elsewhere (HSBC in Hong Kong, BHP in Johannesburg)
        if ysym in rows:
            continue
        add(dict(symbol=ysym, exchange=exch, name=r["full_name"], short=r["name"], country=country.title(), cik="",
                 isin=isin, listings=[], status="active", prominence=40))

    # 3b. Mainland China: Shanghai (6xxxxx) and Shenzhen (0/3xxxxx) A-shares.
    for r in inv:
        if r["country"] != "china" or not r["symbol"].isdigit():
            continue
        sym = r["symbol"]
        ysym = f"{sym}.SS" if sym.startswith(("6", "9")) else f"{sym}.SZ"
        exch = "SSE" if ysym.endswith(".SS") else "SZSE"
        existing = by_isin.get(r["isin"]) or by_key.get(name_key(r["full_name"]))
        if existing and existing in rows:
            if f"{ysym}@{exch}" not in rows[existing]["listings"]:
                rows[existing]["listings"].append(f"{ysym}@{exch}")
            continue
        if ysym in rows:
            continue
        add(dict(symbol=ysym, exchange=exch, name=r["full_name"], short=r["name"], country="China", cik="",
                 isin=r["isin"], listings=[], status="active", prominence=35))

    # 4. A foreign line with the same symbol and first name word as a US listing is that company's home line
    #    (BHP.AX for BHP, CRH.IR for CRH): fold it into the US row, whose symbol wins.
    us_by_symbol = {r["symbol"]: r for r in rows.values() if r["country"] == "US" and r["status"] == "active"}
    for sym in [k for k, r in rows.items() if r["country"] != "US" and "." in k]:
        rec = rows[sym]
        us = us_by_symbol.get(sym.rsplit(".", 1)[0])
        a_key, b_key = name_key(rec["name"]) + " ", name_key(us["name"]) + " " if us else ""
        if us and (a_key.startswith(b_key) or b_key.startswith(a_key)):
            us["listings"].append(f"{sym}@{rec['exchange']}")
            us["short"] = "|".join(x for x in [us["short"], rec["name"], rec["short"]] if x)
            del rows[sym]

    # Display names: SEC writes "AMAZON COM INC" and "PROGRESSIVE CORP/OH/"; news and users read "Amazon.com Inc".
    # (The same rules as AliasGenerator.displayName, which still applies to users' own imports.)
    legal_forms = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "ag", "se", "sa", "nv",
                   "spa", "llc", "lp", "kgaa", "ab", "asa", "oyj", "a/s", "bhd", "berhad", "tbk", "pcl", "jsc", "pjsc", "s.a", "n.v",
                   "s.p.a", "l.p", "de", "md", "the", "adr", "ads", "cl", "class", "tr", "kk", "k.k", "sab", "cv", "reit"}
    title_case_forms = {"inc", "corp", "co", "ltd", "limited", "company", "corporation", "incorporated", "the", "class", "cl"}

    def display_name(legal):
        s = legal.strip()
        slash = s.find("/")
        if slash >= 0 and len(s) - slash <= 6:
            s = s[:slash].strip()
        letters = [c for c in s if c.isalpha()]
        if not letters or any(c.islower() for c in letters):
            return s
        words = s.split()
        if "COM" in words:
            k = words.index("COM")
            if k > 0 and k + 1 < len(words) and words[k + 1].startswith("INC"):
                words[k - 1] += ".COM"
                del words[k]
        out = []
        for w in words:
            no_vowel = not any(c in "AEIOUY" for c in w)  # HSBC, CVS: an acronym, not a word
            if (len(w) <= 3 or "&" in w or no_vowel) and w.lower().strip(",.") not in title_case_forms:
                out.append(w)  # acronyms and forms written in capitals: IBM, AT&T, SE, AG, NV
            else:
                out.append(w[:1] + w[1:].lower())
        return " ".join(out)
    for rec in rows.values():
        rec["name"] = display_name(rec["name"])

    # Short names: keep clean names only, not listing labels ("Alibaba Cedear", "Jd.Com Inc Adr", "Electrolux B").
    noise_words = {"adr", "cedear", "drc", "ord", "pref", "class", "cl", "ads", "gdr"}
    noise_tails = {"b", "a", "n", "inc", "co", "ltd"}
    def useful_short(short, legal):
        words = short.lower().split(" ")
        if len(short) < 4 or "(" in short or short.lower() == legal.lower():
            return False
        if len(words) > 1 and words[-1] in noise_tails:
            return False
        return not any(w in noise_words for w in words)
    for rec in rows.values():
        rec["short"] = "|".join(x for x in dict.fromkeys(rec["short"].split("|")) if x and useful_short(x, rec["name"]))

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        f.write("# symbol\texchange\tname\tshort_name\tcountry\tcik\tisin\tlistings\tstatus\tprominence\n")
        f.write("# Generated by scripts/build-security-master from SEC (edgartools), pytickersymbols and investpy. Do not edit: "
                "curated names go in aliases.tsv.\n")
        for rec in sorted(rows.values(), key=lambda r: (-r["prominence"], r["symbol"])):
            cells = [rec["symbol"], rec["exchange"], rec["name"], rec["short"], rec["country"], rec["cik"], rec["isin"],
                     "|".join(rec["listings"]), rec["status"], str(rec["prominence"])]
            f.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
    print(f"{len(rows)} instruments written to {a.out}", file=sys.stderr)


OFFSHORE = {"KY", "BM", "VG", "JE", "GG", "IM", "LU", "CW", "PA"}
DEPOSITARY = re.compile(r"\b(CEDEAR|DRC?|BDR|ADR|GDR|ADS)\b", re.IGNORECASE)

COUNTRY_OF_ISIN = {
    "JP": "japan", "HK": "hong kong", "KR": "south korea", "TW": "taiwan", "IN": "india", "GB": "united kingdom",
    "AU": "australia", "CA": "canada", "DE": "germany", "CH": "switzerland", "ZA": "south africa", "NL": "netherlands",
    "ES": "spain", "SE": "sweden", "RU": "russia", "BR": "brazil", "SG": "singapore", "MY": "malaysia", "TH": "thailand",
    "ID": "indonesia", "MX": "mexico", "IL": "israel", "NO": "norway", "DK": "denmark", "FI": "finland", "BE": "belgium",
    "AT": "austria", "PL": "poland", "TR": "turkey", "NZ": "new zealand", "PH": "philippines", "FR": "france",
    "IT": "italy", "IE": "ireland", "PT": "portugal", "AR": "argentina", "CL": "chile", "SA": "saudi arabia",
    "VN": "vietnam", "CN": "china", "US": "united states",
}

if __name__ == "__main__":
    main()
