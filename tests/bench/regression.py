#!/usr/bin/env python3
"""Holds the speed gains: runs bench_steps --quick and bench_server ROUNDS times and compares
the median of each figure with the figures kept in the repository (tests/bench/figures.json,
recorded at an earlier commit). Every figure is a ratio within one run, never an absolute time:
a step against a bare HTTP call to the same stand-in (sequential, 100 concurrent), and the
bot's p99 first reply against an echo bot's on the same Bot API stand-in. A median more than
TOLERANCE above its kept figure fails.

    tests/bench/regression.py BENCH_STEPS BENCH_SERVER [--rounds 5] [--record]

--record writes this run's medians as the new figures (after a change that made it faster).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

FIGURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures.json")


# The benchmarks' stores and workspaces go to memory when the machine has a tmpfs: on a disk, the
# time to create a run's folder and report file depends on how many files the filesystem saw
# created and deleted before (ext4's inode search took a tenth of bench_steps' thread after the
# test suite had run), which says nothing about the engine.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def rows(command):
    env = dict(os.environ, TMPDIR=SCRATCH) if SCRATCH else None
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def one_round(bench_steps, bench_server):
    found = {}
    for row in rows([bench_steps, "--quick"]):
        if row.get("quick"):
            found[f"bench_steps {row['scenario']}: step / bare HTTP call"] = row["vs_bare_http"]
    server = {row["scenario"]: row for row in rows([bench_server, "--chats", "50"])
              if "scenario" in row}
    found["bench_server 50 chats: p99 first reply / echo bot's"] = (
        server["orchestrator_new_project"]["p99_ms"] / server["echo_baseline"]["p99_ms"])
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_steps")
    parser.add_argument("bench_server")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--figures", default=FIGURES)
    args = parser.parse_args()
    seen = {}
    for _ in range(args.rounds):
        for name, value in one_round(args.bench_steps, args.bench_server).items():
            seen.setdefault(name, []).append(value)
    medians = {name: round(statistics.median(values), 3) for name, values in seen.items()}
    with open(args.figures) as f:
        kept = json.load(f)
    if args.record:
        kept["figures"] = medians
        with open(args.figures, "w") as f:
            json.dump(kept, f, indent=2)
            f.write("\n")
        print(json.dumps({"recorded": medians}))
        return 0
    tolerance = kept.get("tolerance", 0.15)
    worse = []
    for name, median in medians.items():
        figure = kept["figures"].get(name)
        line = {"figure": name, "median": median, "kept": figure, "rounds": seen[name]}
        if figure is not None:
            line["change_percent"] = round((median / figure - 1) * 100, 1)
            if median > figure * (1 + tolerance):
                worse.append(name)
        print(json.dumps(line))
    if worse:
        print(f"slower by more than {tolerance:.0%}: " + "; ".join(worse), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
