"""A local HTTP server for the feed tests: real HTTP, real feeds, and the ways servers fail.

Prints its port on the first line of stdout, then serves until killed.
"""
import http.server
import json
import os
import time

# Tests run in parallel in one process, and a child inherits every descriptor open there (other tests' pipes among
# them): close them, so no other test waits for an end of file this server would hold off.
os.closerange(3, 4096)

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Local wire</title>
<item><title>Acme Corp wins a $2 billion contract</title><link>http://local/acme</link><guid>acme-1</guid>
<pubDate>Tue, 15 Sep 2020 14:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Acme Corp ACME won a contract worth $2 billion.</p>]]></content:encoded></item>
</channel></rss>
""".encode()


# A provider's JSON API: records nested under data.items, with its own field names and epoch-millisecond times.
API = json.dumps({"data": {"items": [
    {"uid": 7, "headline": "Globex raises its dividend", "content": {"rendered": "<p>Globex raised its quarterly dividend by 10%.</p>"},
     "created": 1600178400000, "permalink": "http://local/globex"},
    {"uid": 8, "headline": "Initech misses estimates", "content": {"rendered": "Initech reported a loss."},
     "created": 1600182000000, "permalink": "http://local/initech"},
]}}).encode()

NDJSON = b"""{"id": "n1", "title": "Umbrella wins approval", "body": "Umbrella won approval.", "published": "2020-09-15T16:00:00Z"}
{"id": "n2", "title": "Hooli cuts jobs", "body": "Hooli cut 5% of jobs.", "published": "2020-09-15T17:00:00Z"}
"""

queries = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_body(self, body, content_type, etag=None):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/api/news"):
            queries.append(self.path)
            if self.headers.get("If-None-Match") == '"api-1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_body(API, "application/json", '"api-1"')
        elif self.path == "/api/queries":
            self.send_body(json.dumps(queries).encode(), "application/json")
        elif self.path == "/api/stream.ndjson":
            self.send_body(NDJSON, "application/x-ndjson")
        elif self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
            self.send_header("Last-Modified", "Tue, 15 Sep 2020 14:00:00 GMT")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        elif self.path == "/error":
            self.send_response(500)
            self.end_headers()
        elif self.path == "/busy":
            self.send_response(503)
            self.send_header("Retry-After", "120")
            self.end_headers()
        elif self.path == "/hang":
            time.sleep(30)
        elif self.path == "/page":
            body = b"<html><body>Not a feed</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
