import unittest

import jobs


class JobsTest(unittest.TestCase):
    def test_a_round_runs(self):
        self.assertIsNone(jobs.work())


if __name__ == "__main__":
    unittest.main()
