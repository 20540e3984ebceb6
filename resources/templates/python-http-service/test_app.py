import unittest

import app
import routes


class HealthTest(unittest.TestCase):
    def test_health_reports_status_and_version(self):
        status, body = app.dispatch("GET", "/health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertIn("version", body)

    def test_unknown_path_is_404(self):
        status, _ = app.dispatch("GET", "/nope")
        self.assertEqual(status, 404)

    def test_wrong_method_is_405(self):
        status, body = app.dispatch("POST", "/health", {"x": 1})
        self.assertEqual(status, 405)
        self.assertEqual(body["allowed"], ["GET"])

    def test_a_path_alone_is_a_get_route_taking_the_query(self):
        routes.ROUTES["/hello"] = lambda query: (200, {"hello": query.get("name")})
        try:
            status, body = app.dispatch("GET", "/hello?name=ann")
        finally:
            del routes.ROUTES["/hello"]
        self.assertEqual((status, body), (200, {"hello": "ann"}))

    def test_post_handlers_get_the_json_body(self):
        routes.ROUTES[("POST", "/echo")] = lambda request: (201, request["json"])
        try:
            status, body = app.dispatch("POST", "/echo?x=1", {"name": "a"})
        finally:
            del routes.ROUTES[("POST", "/echo")]
        self.assertEqual(status, 201)
        self.assertEqual(body, {"name": "a"})


if __name__ == "__main__":
    unittest.main()
