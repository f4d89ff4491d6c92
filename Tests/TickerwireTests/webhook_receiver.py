"""A webhook endpoint for the no-loss test: answers 200 to every POST and appends each webhook-id, one a line, to
the log named on the command line. Usage: webhook_receiver.py PORT LOG"""
import http.server
import sys

port, log = int(sys.argv[1]), sys.argv[2]


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(log, "a") as f:
            f.write(self.headers.get("webhook-id", "") + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
