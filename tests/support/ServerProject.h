#pragma once
// The project the SSH server tests deploy: an HTTP service whose health answer carries its
// status (STATUS is replaced by a Python string) and what its one pip dependency, tinyclock
// (served by the test's PackageIndex), returns.

#include <QByteArray>

namespace orch::test {

// An HTTP service on PORT whose health answer is {status, version, <extra>}: `status` and
// `extra` are Python (an expression, and "'key': expression"), `imports` its own imports.
inline QByteArray httpService(const QByteArray& status, const QByteArray& extra,
                              const QByteArray& imports = {})
{
    return "import json, os\n"
           "from http.server import BaseHTTPRequestHandler, HTTPServer\n" +
           imports +
           "\n"
           "class Handler(BaseHTTPRequestHandler):\n"
           "    def do_GET(self):\n"
           "        body = json.dumps({'status': " +
           status + ", 'version': os.environ['APP_VERSION'], " + extra +
           "}).encode()\n"
           "        self.send_response(200)\n"
           "        self.send_header('Content-Length', str(len(body)))\n"
           "        self.end_headers()\n"
           "        self.wfile.write(body)\n"
           "\n"
           "    def log_message(self, *args):\n"
           "        pass\n"
           "\n"
           "HTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()\n";
}

inline const QByteArray kService =
    httpService("STATUS", "'dependency': tinyclock.stamp()", "import tinyclock\n");

inline const QByteArray kContract =
    "{\"kind\": \"http-service\", \"entry\": [\"python3\", \"app.py\"], "
    "\"dependencies\": \"requirements.txt\"}";

} // namespace orch::test
