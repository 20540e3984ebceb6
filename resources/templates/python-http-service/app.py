"""An HTTP service. Routes live in routes.py; this file serves them."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import routes

VERSION = os.environ.get("APP_VERSION", "dev")
PROJECT_NAME = {{project_name|py}}
MAX_BODY_BYTES = 1024 * 1024


def health(_request):
    return 200, {"status": "ok", "version": VERSION}


def route_table():
    """{(method, path): (handler, takes_query_only)} from routes.ROUTES.

    A "/path" key is a GET route whose handler takes the query dict; a ("POST", "/path") key
    is a route for that method whose handler takes the request dict.
    """
    table = {("GET", "/health"): (health, False)}
    for key, handler in routes.ROUTES.items():
        if isinstance(key, str):
            table[("GET", key)] = (handler, True)
        else:
            method, path = key
            table[(method.upper(), path)] = (handler, False)
    return table


def dispatch(method, url, body=None):
    """Returns (status, JSON-serialisable body) for a request."""
    parsed = urlparse(url)
    table = route_table()
    found = table.get((method, parsed.path))
    if found is None:
        allowed = sorted(m for (m, path) in table if path == parsed.path)
        if allowed:
            return 405, {"error": "method not allowed", "allowed": allowed}
        return 404, {"error": "not found", "path": parsed.path}
    handler, takes_query_only = found
    query = {key: values[0] for key, values in parse_qs(parsed.query).items()}
    if takes_query_only:
        return handler(query)
    return handler({"query": query, "json": body})


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, body):
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def handle_method(self, method):
        body = None
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            return self.answer(413, {"error": "body too large"})
        if length:
            try:
                body = json.loads(self.rfile.read(length).decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return self.answer(400, {"error": "the body is not JSON"})
        self.answer(*dispatch(method, self.path, body))

    def do_GET(self):
        self.handle_method("GET")

    def do_POST(self):
        self.handle_method("POST")

    def do_PUT(self):
        self.handle_method("PUT")

    def do_DELETE(self):
        self.handle_method("DELETE")

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


def main():
    port = int(os.environ["PORT"])
    print("%s %s listening on 127.0.0.1:%d" % (PROJECT_NAME, VERSION, port), flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
