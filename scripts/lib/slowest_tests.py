"""Prints the slowest tests of the last ctest run with their share of their timeout.

    slowest_tests.py JUNIT_XML TESTS_JSON [COUNT]

JUNIT_XML: what `ctest --output-junit` wrote; TESTS_JSON: `ctest --show-only=json-v1`, for
each test's TIMEOUT (ctest's --timeout applies where a test sets none)."""
import json
import sys
import xml.etree.ElementTree as ElementTree

junit_path, tests_path = sys.argv[1:3]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10
default_timeout = 600.0

timeouts = {}
with open(tests_path, encoding="utf-8") as tests_file:
    for test in json.load(tests_file).get("tests", []):
        for prop in test.get("properties", []):
            if prop.get("name") == "TIMEOUT":
                timeouts[test["name"]] = float(prop["value"])

times = []
for case in ElementTree.parse(junit_path).getroot().iter("testcase"):
    times.append((float(case.get("time", 0)), case.get("name"), case.get("status", "")))
times.sort(reverse=True)

print("\nthe %d slowest tests (time, share of the test's timeout):" % min(count, len(times)))
for seconds, name, status in times[:count]:
    timeout = timeouts.get(name, default_timeout)
    flag = "  <- over half of its timeout" if seconds > timeout / 2 else ""
    print("  %-34s %7.1f s  %3.0f%% of %4.0f s  %s%s" % (name, seconds, 100 * seconds / timeout,
                                                        timeout, status, flag))
