"""An HTTP service. Routes live in routes.py; this file serves them."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import routes

VERSION = os.environ.get("APP_VERSION", "dev")
PROJECT_NAME = {{project_name|py}}


def health(_query):
    return 200, {"status": "ok", "version": VERSION}


def dispatch(method, url):
    """Returns (status, JSON-serialisable body) for a request."""
    parsed = urlparse(url)
    table = {"/health": health, **routes.ROUTES}
    handler = table.get(parsed.path)
    if handler is None or method != "GET":
        return 404, {"error": "not found", "path": parsed.path}
    query = {key: values[0] for key, values in parse_qs(parsed.query).items()}
    return handler(query)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status, body = dispatch("GET", self.path)
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


def main():
    port = int(os.environ["PORT"])
    print("%s %s listening on 127.0.0.1:%d" % (PROJECT_NAME, VERSION, port), flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
