import unittest

import handlers


class ReplyTest(unittest.TestCase):
    def test_start_greets(self):
        self.assertIn("Hello", handlers.reply("/start"))

    def test_echoes_other_text(self):
        self.assertEqual(handlers.reply("ping"), "ping")


if __name__ == "__main__":
    unittest.main()
