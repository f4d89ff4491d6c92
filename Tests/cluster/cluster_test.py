#!/usr/bin/env python3
"""Several tickerwire nodes on one PostgreSQL, as real processes on loopback (run by scripts/cluster-test).

Scenarios (each in a schema of its own):
  sse         three nodes; articles pushed to node 1 reach an SSE stream on node 3 (p99 < 100 ms)
  webhooks    three nodes, 10,000 webhook deliveries, node 2 killed (SIGKILL) halfway: each is delivered; none is
              sent twice by live nodes (only what the killed node had sent and not yet recorded is sent again)
  recovery    two nodes ingesting while PostgreSQL restarts: they reconnect, and every acknowledged article is stored
  throughput  two nodes, 20,000 articles pushed in batches: each stored, and the rate against the goal of 2,000/s
Usage: cluster_test.py --binary B --pg-dir D --pg-url URL [--only NAME ...] [--json FILE]
"""
import argparse
import http.client
import http.server
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time

KEY = "tw_cluster_test_admin_key_0123456789"
WORDS = """harbor quartz lantern meadow copper violet summit orchard glacier falcon ember willow canyon saffron timber
marble cobalt prairie thistle beacon walnut granite juniper lagoon maple nickel opal pepper quarry raven sierra tundra
umber velvet wharf yarrow zephyr anchor basalt cedar delta fjord garnet hazel iris jasper kestrel linden mosaic nectar
oasis pylon quiver russet sable tangent upland vortex wicker xenon yonder zenith amber bramble cinder dune estuary
fern gorge heron inlet jetty kelp larch mantle nimbus ochre pebble quill reef sorrel tarn umbra vale wren yew
shipment forecast margin quarter revenue outlook demand supply pricing contract factory tariff dividend buyback
guidance analyst upgrade rating capacity order backlog segment growth decline expansion partnership launch""".split()
COMPANIES = ["Apple Inc. (NASDAQ: AAPL)", "Microsoft Corp. (NASDAQ: MSFT)", "Alibaba Group Holding Ltd (NYSE: BABA)",
             "Nvidia Corp. (NASDAQ: NVDA)", "Amazon.com Inc. (NASDAQ: AMZN)", "Tesla Inc. (NASDAQ: TSLA)"]


def article(rng, tag, company=None, words=60):
    """A distinct story (its own random words: no two cluster together) about one company."""
    who = company or rng.choice(COMPANIES)
    own = [rng.choice(WORDS) for _ in range(words)]
    name = who.split(" (")[0]
    body = (f"{who} said on Tuesday that {' '.join(own[:words // 2])}. Revenue rose {rng.randint(2, 40)}% to "
            f"${rng.randint(10, 900)} million in the quarter, and the company expects {' '.join(own[words // 2:])}.")
    return {"id": tag, "title": f"{name} {tag}: {' '.join(own[:6])}", "body": body, "source": "cluster-test"}


class Node:
    """`tickerwire serve` on a free port, sharing the database."""

    def __init__(self, binary, url, work, name, env=None):
        self.started_with = (binary, url, work, name, env)
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir, exist_ok=True)
        full = dict(os.environ, TICKERWIRE_ADMIN_KEY=KEY, TICKERWIRE_DATABASE=url, **(env or {}))
        self.proc = subprocess.Popen([binary, "serve", "--port", "0", "--data", self.dir], stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(self.dir, "stderr.log"), "w"), env=full, text=True)
        self.port = None
        for line in self.proc.stdout:
            if "serving http://" in line:
                self.port = int(line.split("http://127.0.0.1:")[1].split()[0])
                break
        if self.port is None:
            raise RuntimeError(f"{name} did not start: see {self.dir}/stderr.log")
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.pid = self.proc.pid

    def restarted(self):
        """Stops this node and starts it again, on the same database and directory."""
        self.stop()
        return Node(*self.started_with)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


class Client:
    """One keep-alive connection to a node."""

    def __init__(self, port, timeout=30):
        self.port, self.timeout, self.conn = port, timeout, None

    def call(self, method, path, body=None):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                headers = {"Authorization": "Bearer " + KEY}
                data = None
                if body is not None:
                    headers["Content-Type"] = "application/json"
                    data = json.dumps(body)
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                return r.status, (json.loads(raw) if raw and raw[:1] in b"{[" else raw)
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 1:
                    raise


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def start_nodes(args, schema, n, env=None):
    url = args.pg_url + ("&" if "?" in args.pg_url else "?") + "schema=" + schema
    return [Node(args.binary, url, os.path.join(args.work, schema), f"node{i + 1}", env) for i in range(n)]


def stream_titles(node):
    """Reads the node's SSE stream in a thread: title -> when it arrived (time.monotonic)."""
    seen, connected = {}, threading.Event()

    def read():
        c = http.client.HTTPConnection("127.0.0.1", node.port, timeout=300)
        c.request("GET", "/v1/stream", headers={"Authorization": "Bearer " + KEY})
        r = c.getresponse()
        while True:
            line = r.fp.readline()
            if not line:
                return
            if line.startswith(b": connected"):
                connected.set()
            if line.startswith(b"data: "):
                seen.setdefault(json.loads(line[6:]).get("title", ""), time.monotonic())

    threading.Thread(target=read, daemon=True).start()
    assert connected.wait(10), "the SSE stream did not connect"
    return seen


def sse(args, rng):
    nodes = start_nodes(args, "sse_" + str(os.getpid()), 3)
    try:
        seen = stream_titles(nodes[2])
        pusher, sent = Client(nodes[0].port), {}
        for k in range(args.probes):
            a = article(rng, f"probe-{k}")
            sent[a["title"]] = time.monotonic()
            status, reply = pusher.call("POST", "/v1/articles", a)
            assert status == 202 and reply["articles"][0]["status"] == "added", (status, reply)
            time.sleep(0.01)
        deadline = time.time() + 10
        while len([t for t in sent if t in seen]) < len(sent) and time.time() < deadline:
            time.sleep(0.05)
        latencies = [(seen[t] - sent[t]) * 1000 for t in sent if t in seen]
        result = {"articles": len(sent), "received_on_node3": len(latencies),
                  "p50_ms": round(statistics.median(latencies), 1), "p99_ms": round(percentile(latencies, 99), 1),
                  "max_ms": round(max(latencies), 1)}
        ok = len(latencies) == len(sent) and result["p99_ms"] < 100
        return ok, result
    finally:
        for n in nodes:
            n.stop()


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.log, self.lock = [], threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with server.lock:
                    server.log.append((self.headers.get("webhook-id"), self.headers.get("User-Agent", ""), time.time()))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def webhooks(args, rng):
    env = {"TICKERWIRE_WEBHOOK_LEASE": "15", "TICKERWIRE_WEBHOOK_RETRIES": ",".join(["1"] * 60)}
    nodes = start_nodes(args, "hooks_" + str(os.getpid()), 3, env)
    receiver = Receiver()
    try:
        admin = Client(nodes[0].port)
        status, hook = admin.call("POST", "/v1/webhooks", {"url": f"http://127.0.0.1:{receiver.server_address[1]}/hook"})
        assert status == 201, (status, hook)
        rules = 100
        for r in range(rules):
            status, reply = admin.call("POST", "/v1/rules", {"name": f"apple {r}", "query": "ticker:AAPL", "webhooks": [hook["id"]]})
            assert status == 201, (status, reply)
        time.sleep(2)  # every node hears of the rules (NOTIFY) and syncs them
        clients = [Client(n.port) for n in nodes]
        articles, killed_at, victim = 100, None, nodes[1]
        for k in range(articles):
            target = k % 3
            if killed_at is not None and target == 1:
                target = 0
            status, reply = clients[target].call("POST", "/v1/articles", article(rng, f"hook-{k}", COMPANIES[0]))
            assert status == 202 and reply["articles"][0]["status"] == "added", (status, reply)
            if k == 49:
                # Just after node 2 committed an article: its 100 deliveries are leased to it and under way.
                killed_at = time.time()
                victim.kill()
        expected = articles * rules
        deadline = time.time() + 120
        t_kill = killed_at
        while time.time() < deadline:
            with receiver.lock:
                if len({i for i, _, _ in receiver.log}) >= expected:
                    break
            time.sleep(0.25)
        all_delivered_s = round(time.time() - t_kill, 1)
        time.sleep(2)  # anything sent twice would arrive by now
        with receiver.lock:
            log = list(receiver.log)
        first, repeats = {}, []
        for hook_id, agent, at in log:
            if hook_id in first:
                repeats.append((hook_id, first[hook_id]))
            else:
                first[hook_id] = (agent, at)
        # A repeat is allowed only of what the killed node had sent before it died (the receiver may read it a little
        # later) and had not recorded: its first copy came from the killed node.
        in_flight = [r for r in repeats if f"pid {victim.pid})" in r[1][0]]
        unexplained = [(r[1][0], round(r[1][1] - killed_at, 3)) for r in repeats if r not in in_flight]
        by_node = {}
        for agent, _ in first.values():
            by_node[agent] = by_node.get(agent, 0) + 1
        result = {"expected": expected, "delivered": len(first), "received": len(log), "sent_twice": len(repeats),
                  "sent_twice_in_flight_on_killed_node": len(in_flight), "by_node": sorted(by_node.values(), reverse=True),
                  "all_delivered_seconds_after_kill": all_delivered_s, "victim_pid": victim.pid,
                  "unexplained": unexplained[:10]}
        ok = len(first) == expected and len(repeats) == len(in_flight)
        return ok, result
    finally:
        receiver.shutdown()
        for n in nodes:
            n.stop()


def recovery(args, rng):
    nodes = start_nodes(args, "recovery_" + str(os.getpid()), 2)
    try:
        acknowledged, lock, stop, refused = [], threading.Lock(), threading.Event(), [0]

        def push(node, start):
            client, k = Client(node.port, timeout=15), start
            batch = [article(random.Random(start * 1000 + k + j), f"rec-{start}-{k + j}") for j in range(10)]
            while not stop.is_set():
                try:
                    status, reply = client.call("POST", "/v1/articles", batch)
                except OSError:
                    status, reply = 0, None
                if status == 202:
                    with lock:
                        acknowledged.extend(a["id"] for a in reply["articles"] if "id" in a)
                    k += 10
                    batch = [article(random.Random(start * 1000 + k + j), f"rec-{start}-{k + j}") for j in range(10)]
                else:
                    # Not stored (a 503 while the database is away): send the same batch again, as a client would.
                    refused[0] += 1
                    time.sleep(0.2)

        seen = stream_titles(nodes[1])
        threads = [threading.Thread(target=push, args=(n, i + 1), daemon=True) for i, n in enumerate(nodes)]
        for t in threads:
            t.start()
        time.sleep(3)
        before = len(acknowledged)
        t0 = time.time()
        subprocess.run([args.throwaway, "restart", args.pg_dir], check=True)
        restart_s = time.time() - t0
        time.sleep(6)
        stop.set()
        for t in threads:
            t.join(30)
        after = len(acknowledged) - before
        # The stream opened before the restart still hears of articles pushed to the other node after it.
        probe = article(rng, "after-restart")
        probe_status, _ = Client(nodes[0].port).call("POST", "/v1/articles", probe)
        deadline = time.time() + 5
        while probe["title"] not in seen and time.time() < deadline:
            time.sleep(0.05)
        reader, missing = Client(nodes[1].port), []
        for seq in sorted(set(acknowledged)):
            status, _ = reader.call("GET", f"/v1/articles/{seq}")
            if status != 200:
                missing.append(seq)
        result = {"acknowledged": len(set(acknowledged)), "acknowledged_after_restart": after, "missing": len(missing),
                  "refused_while_down": refused[0], "restart_seconds": round(restart_s, 2),
                  "stream_after_restart": probe["title"] in seen, "push_after_restart_status": probe_status}
        return not missing and after > 0 and probe_status == 202 and probe["title"] in seen, result
    finally:
        for n in nodes:
            n.stop()


STORY = ("Acme Robotics said on Monday it would buy the drone maker SkyLift for $1.2 billion in cash, expanding its "
         "delivery business. The deal, approved by both boards, is expected to close in the third quarter. Acme shares "
         "rose 3% in early trading as analysts said the price looked fair for a company with SkyLift's growth.")


def stories(args, rng):
    """A story stored by node 1 is known to node 2 (a rewrite pushed there is a repeat), and to node 1 after a
    restart: story clusters and novelty are the same whichever node an article reaches."""
    nodes = start_nodes(args, "stories_" + str(os.getpid()), 2)
    try:
        def push(node, tag, title, body):
            c = Client(node.port)
            status, reply = c.call("POST", "/v1/articles", {"id": tag, "title": title, "body": body, "source": tag,
                                                           "published": "2026-11-20T14:00:00Z"})
            assert status == 202, reply
            seq = reply["articles"][0]["id"]
            status, article = c.call("GET", f"/v1/articles/{seq}")
            assert status == 200, article
            return article.get("story"), article.get("novelty")

        first = push(nodes[0], "wire-a", "Acme To Buy SkyLift For $1.2B", STORY)
        time.sleep(0.5)
        on_other = push(nodes[1], "wire-b", "Acme buys SkyLift", STORY.replace("Monday", "Tuesday"))
        nodes[0] = nodes[0].restarted()
        after_restart = push(nodes[0], "wire-c", "SkyLift sold to Acme", STORY.replace("in cash", "in cash and stock"))
        result = {"first": first, "on_node_2": on_other, "on_node_1_after_restart": after_restart}
        ok = first[1] == 100 and on_other[0] == first[0] and on_other[1] < 100 and after_restart[0] == first[0] \
            and after_restart[1] < on_other[1]
        return ok, result
    finally:
        for n in nodes:
            n.stop()


def push_all(nodes, bodies):
    """Pushes the batches from six client threads spread over the nodes; returns (articles added, seconds)."""
    added, lock, queue = [0], threading.Lock(), list(range(len(bodies)))

    def worker(node):
        c = http.client.HTTPConnection("127.0.0.1", node.port, timeout=60)
        while True:
            with lock:
                if not queue:
                    return
                b = queue.pop()
            c.request("POST", "/v1/articles", body=bodies[b],
                      headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
            r = c.getresponse()
            reply = r.read()
            assert r.status == 202, reply
            # Counted in the bytes, not parsed: this client shares the two cores with the nodes and PostgreSQL.
            with lock:
                added[0] += reply.count(b'"status":"added"')

    threads = [threading.Thread(target=worker, args=(nodes[i % len(nodes)],)) for i in range(6)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return added[0], time.perf_counter() - t0


def throughput(args, rng):
    nodes = start_nodes(args, "throughput_" + str(os.getpid()), 2)
    try:
        total, batch = args.articles, 100
        if args.corpus:  # real-looking news (scripts/make_ingest_corpus.py, as bench-ingest's): names, figures, events
            with open(args.corpus, encoding="utf-8") as f:
                items = [json.loads(line) for _, line in zip(range(total), f)]
            assert len(items) == total, f"{args.corpus} has fewer than {total} articles"
            batches = [items[b:b + batch] for b in range(0, total, batch)]
        else:
            batches = [[article(random.Random(b * batch + j), f"tp-{b * batch + j}", words=args.words) for j in range(batch)]
                       for b in range(total // batch)]
        bodies = [json.dumps(b) for b in batches]
        result = {"articles": total}
        if args.warm_up:
            # A server that has been running: larger tables and indexes, and a checkpoint just taken, after which each
            # page's first change is logged whole. Other articles than the measured ones, so none is a duplicate.
            warm = [json.dumps([article(random.Random(-1 - b * batch - j), f"warm-{b * batch + j}", words=400)
                                for j in range(batch)]) for b in range(args.warm_up // batch)]
            push_all(nodes, warm)
            subprocess.run(["psql", args.pg_url, "-qc", "CHECKPOINT"], check=True)
            result["warm_up_articles"] = args.warm_up
        added, elapsed = push_all(nodes, bodies)
        rate = added / elapsed
        size = sum(len(b) for b in bodies) / total
        result.update({"added": added, "bytes_per_article": round(size), "seconds": round(elapsed, 2),
                       "articles_per_second": round(rate), "goal_2000_per_second": rate >= 2000})
        # Every article must be stored; the rate is reported against its goal (the issue note says where it stands).
        return added == total, result
    finally:
        for n in nodes:
            n.stop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--pg-dir", required=True)
    p.add_argument("--pg-url", required=True)
    p.add_argument("--throwaway", default=os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "throwaway-postgres"))
    p.add_argument("--work", default="/tmp/tickerwire-cluster-test")
    p.add_argument("--only", nargs="*", default=["sse", "webhooks", "recovery", "stories", "throughput"])
    p.add_argument("--probes", type=int, default=300)
    p.add_argument("--articles", type=int, default=20000)
    p.add_argument("--words", type=int, default=400, help="words in each generated throughput article (400: about 3 KB)")
    p.add_argument("--warm-up", type=int, default=0,
                   help="throughput: articles pushed, then a checkpoint, before the measured ones (a server that has been "
                        "running: slower, as each page first touched after a checkpoint is logged whole)")
    p.add_argument("--corpus", help="throughput: articles from this NDJSON file instead of generated ones")
    p.add_argument("--json")
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    scenarios = {"sse": sse, "webhooks": webhooks, "recovery": recovery, "stories": stories, "throughput": throughput}
    results, failed = {}, []
    for name in args.only:
        ok, result = scenarios[name](args, random.Random(42))
        results[name] = result
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {json.dumps(result)}", flush=True)
        if not ok:
            failed.append(name)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
