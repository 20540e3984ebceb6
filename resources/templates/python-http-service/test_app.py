import unittest

import app


class HealthTest(unittest.TestCase):
    def test_health_reports_status_and_version(self):
        status, body = app.dispatch("GET", "/health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertIn("version", body)

    def test_unknown_path_is_404(self):
        status, _ = app.dispatch("GET", "/nope")
        self.assertEqual(status, 404)


if __name__ == "__main__":
    unittest.main()
