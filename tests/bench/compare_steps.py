#!/usr/bin/env python3
"""Compares the step overhead of two bench_steps binaries (say, main and a change).

Runs them alternately, ROUNDS times each, so both see the same machine load, and prints the
median of each scenario's ratio to bare HTTP and the change in percent:

    tests/bench/compare_steps.py OLD/bench_steps NEW/bench_steps [--rounds 5] [-- ARGS]
"""
import argparse
import json
import statistics
import subprocess
import sys


def ratios(binary, extra):
    out = subprocess.run([binary] + extra, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        row = json.loads(line)
        if "vs_bare_http" in row and "scenario" in row:
            found[row["scenario"]] = row["vs_bare_http"]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("extra", nargs="*", help="arguments for both binaries")
    args = parser.parse_args()
    seen = {"old": {}, "new": {}}
    for round_no in range(args.rounds):
        for which in ("old", "new"):
            for scenario, ratio in ratios(getattr(args, which), args.extra).items():
                seen[which].setdefault(scenario, []).append(ratio)
        print(f"round {round_no + 1}/{args.rounds} done", file=sys.stderr)
    for scenario in seen["old"]:
        old = statistics.median(seen["old"][scenario])
        new = statistics.median(seen["new"].get(scenario, [float("nan")]))
        print(json.dumps({"scenario": scenario, "old_median": old, "new_median": new,
                          "change_percent": round((new / old - 1) * 100, 1),
                          "old": seen["old"][scenario], "new": seen["new"][scenario]}))


if __name__ == "__main__":
    main()
