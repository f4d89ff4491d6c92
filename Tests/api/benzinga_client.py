"""A small Benzinga News API client, written only from Benzinga's published parameter list, run against
Tickerwire's /api/v2 endpoints: if this client works unchanged, so do clients written for Benzinga.

Usage: benzinga_client.py BASE_URL TOKEN   (the server must hold the fixtures pushed by scripts/api-conformance)
"""
import email.utils
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE, TOKEN = sys.argv[1], sys.argv[2]


def news(path="/api/v2/news", **params):
    params["token"] = TOKEN
    url = BASE + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(urllib.request.Request(url, headers={"accept": "application/json"})) as r:
        assert r.status == 200, r.status
        return json.load(r)


def status_of(**params):
    try:
        news(**params)
        return 200
    except urllib.error.HTTPError as e:
        body = json.load(e)
        assert e.headers["Content-Type"] == "application/problem+json", e.headers["Content-Type"]
        assert body["status"] == e.code and body["code"] and body["detail"], body
        return e.code


def check_item(item, output):
    for key in ("id", "author", "created", "updated", "title", "url", "image", "channels", "stocks", "tags"):
        assert key in item, (key, item)
    assert isinstance(item["id"], int)
    email.utils.parsedate_to_datetime(item["created"])  # RFC 2822
    email.utils.parsedate_to_datetime(item["updated"])
    assert isinstance(item["image"], list)
    assert all(set(c) == {"name"} for c in item["channels"])
    assert all({"name", "exchange"} <= set(s) for s in item["stocks"])
    assert all(set(t) == {"name"} for t in item["tags"])
    assert ("body" in item) == (output == "full"), (output, item.keys())
    assert ("teaser" in item) == (output in ("abstract", "full"))
    if "teaser" in item:
        assert len(item["teaser"]) <= 256


def main():
    everything = news(pageSize=100)
    assert len(everything) >= 3, everything
    for output in ("headline", "abstract", "full"):
        for item in news(pageSize=5, displayOutput=output):
            check_item(item, output)

    apple = news(tickers="AAPL", displayOutput="full")
    assert apple and all(any(s["name"] == "AAPL" for s in i["stocks"]) for i in apple), apple
    both = news(tickers="AAPL,MSFT")
    assert len(both) >= len(apple)

    # Pages do not overlap and cover what one big page does.
    first, second = news(pageSize=2, page=0), news(pageSize=2, page=1)
    assert not {i["id"] for i in first} & {i["id"] for i in second}
    assert [i["id"] for i in first + second] == [i["id"] for i in news(pageSize=4)]

    # Sorting: newest first by default; ascending on request.
    ids = [i["id"] for i in everything]
    assert ids == sorted(ids, reverse=True)
    assert [i["id"] for i in news(pageSize=100, sort="created:asc")] == sorted(ids)

    # Dates: the fixtures were published on 2024-05-02; nothing on 2001-01-01.
    assert news(date="2024-05-02")
    assert news(dateFrom="2024-05-01", dateTo="2024-05-03")
    assert news(date="2001-01-01") == []
    assert news(publishedSince=4102444800) == []  # 2100
    assert news(updatedSince=0)

    # Channels: an earnings story is under Earnings.
    earnings = news(channels="Earnings")
    assert earnings and all(any(c["name"] == "Earnings" for c in i["channels"]) for i in earnings)

    one = news(path="/api/v2/news/%d" % ids[0])
    assert isinstance(one, list) and len(one) == 1 and one[0]["id"] == ids[0]
    assert isinstance(news(path="/api/v2/news-removed"), list)

    # What Benzinga's list allows but this server refuses, with a precise problem.
    assert status_of(pageSize=10000) == 400
    assert status_of(tickers="NOTATICKERX") == 400
    assert status_of(dateFrom="02/05/2024") == 400
    assert status_of(displayOutput="everything") == 400
    print("benzinga client: ok (%d items)" % len(everything))


main()
