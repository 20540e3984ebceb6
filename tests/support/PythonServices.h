#pragma once
// The small HTTP services deploy tests commit as app.py: a stdlib server on $PORT whose every
// GET answers a JSON object with "status": "ok", "version": $APP_VERSION and `fields` (Python
// expressions, e.g. `"probe": probe()`), after `preamble` (imports and helpers it uses).

#include <QByteArray>

namespace orch::test {

inline QByteArray jsonService(const QByteArray& fields, const QByteArray& preamble = {})
{
    return "import json, os\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n" +
           preamble +
           "\n\nclass Handler(BaseHTTPRequestHandler):\n"
           "    def do_GET(self):\n"
           "        body = json.dumps({\"status\": \"ok\", \"version\": "
           "os.environ[\"APP_VERSION\"], " +
           fields +
           "}).encode()\n"
           "        self.send_response(200)\n"
           "        self.send_header(\"Content-Length\", str(len(body)))\n"
           "        self.end_headers()\n"
           "        self.wfile.write(body)\n\n"
           "    def log_message(self, *args):\n"
           "        pass\n\n"
           "HTTPServer((\"127.0.0.1\", int(os.environ[\"PORT\"])), Handler).serve_forever()\n";
}

} // namespace orch::test
