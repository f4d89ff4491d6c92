"""A local HTTP server for the feed tests: real HTTP, real feeds, and the ways servers fail.

Prints its port on the first line of stdout, then serves until killed.
"""
import http.server
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


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/feed.xml":
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
