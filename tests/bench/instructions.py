#!/usr/bin/env python3
"""Instructions per step: bench_steps run under valgrind's callgrind, sequentially, at two run
counts against one stand-in it starts; the difference of their totals over the difference of
their steps leaves out start-up. Unlike time on a shared VM (10-30% apart from run to run), an
instruction count moves by about 1% between runs, so it shows a change of a few percent:

    tests/bench/instructions.py BUILD/tests/bench/bench_steps [--runs 60] [--other OTHER_BENCH]

--other measures a second bench_steps (another commit's) the same way, against the same
stand-in. The allocator setting orchestratord starts itself with is given here outright, as
valgrind does not follow a program that starts itself again.
"""
import argparse
import json
import os
import re
import subprocess
import sys

TUNABLES = "glibc.malloc.tcache_count=256"  # as engine/core/AllocatorTuning.cpp sets it


def collected(bench, url, runs):
    env = dict(os.environ, GLIBC_TUNABLES=TUNABLES)
    if os.access("/dev/shm", os.W_OK):
        env["TMPDIR"] = "/dev/shm"
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          bench, "--llm-url", url, "--runs", str(runs), "--concurrency", "1"],
                         capture_output=True, text=True, env=env, check=True)
    steps = json.loads([l for l in out.stdout.splitlines() if l.startswith("{")][-1])["steps"]
    total = int(re.search(r"Collected : ([\d,]+)", out.stderr).group(1).replace(",", ""))
    return total, steps


def per_step(bench, url, runs):
    small, small_steps = collected(bench, url, runs)
    large, large_steps = collected(bench, url, 2 * runs)
    return (large - small) / (large_steps - small_steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_steps")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--other")
    args = parser.parse_args()
    server = subprocess.Popen([args.bench_steps, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    url = json.loads(server.stdout.readline())["llm_url"]
    try:
        for bench in filter(None, (args.bench_steps, args.other)):
            print(json.dumps({"bench_steps": bench,
                              "instructions_per_step": round(per_step(bench, url, args.runs))}))
    finally:
        server.stdin.close()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
