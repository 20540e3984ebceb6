"""Contract tests from api-spec.json (written by the orchestrator; keep it as it is).

Each command a user sends must get a reply containing the text the spec names.
"""
import json
import os
import unittest

import handlers

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "api-spec.json")) as spec_file:
    SPEC = json.load(spec_file)


class ContractTest(unittest.TestCase):
    def test_every_command_gets_its_reply(self):
        for command in SPEC["bot"]["commands"]:
            with self.subTest(send=command["send"]):
                self.assertIn(command["reply_contains"], handlers.reply(command["send"]))


if __name__ == "__main__":
    unittest.main()
