"""A small HTTP backend for integration tests: echoes what it received as JSON,
and answers special paths (/status/<code>, /slow/<ms>, /with-headers) so tests
can drive HTTP and HTTP_PROXY integrations. Every answer carries the Server and
Date headers of Python's http.server; /with-headers adds what AWS-hosted
backends send (x-amzn-RequestId, Via) and the headers API Gateway renames or
drops from a proxy answer."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


# What /with-headers answers besides the echo.
WITH_HEADERS = [("x-amzn-RequestId", "backend-request-id"), ("Via", "1.1 backend-cache"),
                ("Connection", "keep-alive"), ("Authorization", "backend-auth"), ("User-Agent", "backend-agent"),
                ("WWW-Authenticate", "Basic realm=backend"), ("Upgrade", "h2c"), ("Trailer", "Expires"),
                ("Age", "7"), ("Warn", "199 backend")]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        status = 200
        if parts.path.startswith("/slow/"):
            time.sleep(int(parts.path.split("/")[2]) / 1000.0)
        if parts.path.startswith("/status/"):
            status = int(parts.path.split("/")[2])
        self.server.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                     "body": body.decode("utf-8", "replace")})
        out = json.dumps({"method": self.command, "path": parts.path, "query": parts.query,
                          "rawPath": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                          "body": body.decode("utf-8", "replace")}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Backend", "yes")
        if parts.path.startswith("/with-headers"):
            for name, value in WITH_HEADERS:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(out)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _answer


class Backend:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.requests = []
        self.port = self.server.server_address[1]
        self.url = "http://127.0.0.1:%d" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def requests(self):
        return self.server.requests

    def close(self):
        self.server.shutdown()
        self.server.server_close()
