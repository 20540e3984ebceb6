"""Contract tests from api-spec.json (written by the orchestrator; keep it as it is).

Each operation is called through app.dispatch with the examples of its query parameters and
request body; it must answer one of the statuses the spec declares, with the fields that
status's schema requires.
"""
import json
import os
import unittest
from urllib.parse import urlencode

import app

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "api-spec.json")) as spec_file:
    SPEC = json.load(spec_file)


def example_request(operation):
    query = {p["name"]: p["example"] for p in operation.get("parameters", []) if "example" in p}
    body = (operation.get("requestBody", {}).get("content", {})
            .get("application/json", {}).get("example"))
    return query, body


class ContractTest(unittest.TestCase):
    def test_every_operation_answers_as_the_spec_declares(self):
        for path, operations in SPEC["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation="%s %s" % (method.upper(), path)):
                    query, body = example_request(operation)
                    url = path + ("?" + urlencode(query) if query else "")
                    status, answer = app.dispatch(method.upper(), url, body)
                    declared = operation["responses"]
                    self.assertIn(str(status), declared,
                                  "answered %s, the spec declares %s" % (status, sorted(declared)))
                    schema = (declared[str(status)].get("content", {})
                              .get("application/json", {}).get("schema", {}))
                    for field in schema.get("required", []):
                        self.assertIn(field, answer, "the answer lacks %r" % field)


if __name__ == "__main__":
    unittest.main()
