"""Live-delivery benchmarks against a running `tickerwire serve`:

  latency  POST articles at a steady rate and time each one until its SSE event reaches a subscriber
  fanout   hold N SSE subscribers open at once and report the server's resident memory

Usage: bench_serve.py latency BASE KEY [--rate 200] [--seconds 10]
       bench_serve.py fanout BASE KEY PID [--subscribers 1000]
"""
import argparse
import asyncio
import http.client
import json
import socket
import statistics
import threading
import time
import urllib.parse


def percentile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))] if s else float("nan")


def sse_reader(host, port, key, path, seen, ready, stop):
    conn = socket.create_connection((host, port))
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\nAccept: text/event-stream\r\n\r\n".encode())
    buf = b""
    ready.set()
    conn.settimeout(0.5)
    while not stop.is_set():
        try:
            chunk = conn.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        now = time.perf_counter()
        buf += chunk
        while b"\n\n" in buf:
            event, buf = buf.split(b"\n\n", 1)
            for line in event.split(b"\n"):
                if line.startswith(b"data: {"):
                    try:
                        data = json.loads(line[6:])
                    except ValueError:
                        continue  # a chunked-encoding boundary inside the line; rare with small events
                    ext = data.get("external_id")
                    if ext and ext not in seen:
                        seen[ext] = now
    conn.close()


def latency(args):
    u = urllib.parse.urlparse(args.base)
    seen, ready, stop = {}, threading.Event(), threading.Event()
    t = threading.Thread(target=sse_reader, args=(u.hostname, u.port, args.key, "/v1/stream?tickers=AAPL", seen, ready, stop), daemon=True)
    t.start()
    ready.wait()
    time.sleep(0.5)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    sent = {}
    interval = 1.0 / args.rate
    total = int(args.rate * args.seconds)
    start = time.perf_counter()
    for k in range(total):
        target = start + k * interval
        while time.perf_counter() < target:
            time.sleep(max(0, min(0.001, target - time.perf_counter())))
        ext = f"lat-{int(start * 1000)}-{k}"
        body = json.dumps({"id": ext, "title": f"Benchmark item {k}", "body": f"Apple Inc AAPL reported item {k}; shares rose {k % 9 + 1}%.", "source": "bench"})
        sent[ext] = time.perf_counter()
        conn.request("POST", "/v1/articles", body=body, headers={"Authorization": f"Bearer {args.key}", "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        assert r.status == 202, r.status
    time.sleep(1)
    stop.set()
    lat = [(seen[e] - sent[e]) * 1000 for e in sent if e in seen]
    achieved = total / (time.perf_counter() - start - 1)
    print(json.dumps({"bench": "post_to_sse", "sent": total, "received": len(lat), "rate": round(achieved, 1),
                      "p50_ms": round(percentile(lat, 0.5), 2), "p99_ms": round(percentile(lat, 0.99), 2), "max_ms": round(max(lat), 2)}))


async def hold(host, port, key, opened):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /v1/stream HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n\r\n".encode())
    await writer.drain()
    line = await reader.readuntil(b": connected")
    opened.append(1)
    return reader, writer


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


async def fanout(args):
    u = urllib.parse.urlparse(args.base)
    before = rss_mb(args.pid)
    opened = []
    conns = []
    for batch in range(0, args.subscribers, 100):
        conns += await asyncio.gather(*[hold(u.hostname, u.port, args.key, opened) for _ in range(min(100, args.subscribers - batch))])
    await asyncio.sleep(2)
    held = rss_mb(args.pid)
    # One article reaches every subscriber.
    loop = asyncio.get_running_loop()
    def post():
        c = http.client.HTTPConnection(u.hostname, u.port)
        c.request("POST", "/v1/articles", body=json.dumps({"title": "Fan-out check", "body": "Apple Inc AAPL said hello.", "id": f"fan-{time.time()}"}),
                  headers={"Authorization": f"Bearer {args.key}", "Content-Type": "application/json"})
        return c.getresponse().status
    await loop.run_in_executor(None, post)
    got = 0
    async def wait_event(reader):
        nonlocal got
        try:
            await asyncio.wait_for(reader.readuntil(b"event: article"), 10)
            got += 1
        except Exception:
            pass
    await asyncio.gather(*[wait_event(r) for r, _ in conns])
    print(json.dumps({"bench": "sse_fanout", "subscribers": len(opened), "delivered": got, "rss_before_mb": round(before, 1), "rss_held_mb": round(held, 1)}))
    for _, w in conns:
        w.close()


ap = argparse.ArgumentParser()
ap.add_argument("mode", choices=["latency", "fanout"])
ap.add_argument("base")
ap.add_argument("key")
ap.add_argument("pid", nargs="?", type=int)
ap.add_argument("--rate", type=float, default=200)
ap.add_argument("--seconds", type=float, default=10)
ap.add_argument("--subscribers", type=int, default=1000)
args = ap.parse_args()
if args.mode == "latency":
    latency(args)
else:
    asyncio.run(fanout(args))
