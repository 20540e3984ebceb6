#!/usr/bin/env python3
"""The engine against LangGraph.js on the same seven-agent chain and the same stand-in model.

Starts one fake OpenAI-compatible server (bench_steps --serve), then runs, alternately and
ROUNDS times each so both see the same machine load: bench_steps against it, and the same
chain in LangGraph.js (tests/bench/langgraph/chain.mjs, Node 20, its packages installed from
the npm registry into --node-modules on first use). Prints each side's median ms per step,
sequential and 100 concurrent, their ratio (LangGraph.js / engine: above 1, the engine is
faster), and peak memory (1,000 concurrent runs for the engine):

    tests/bench/vs_langgraph.py BUILD/tests/bench/bench_steps [--rounds 5] [--runs 100]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def lines(command):
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def install(modules):
    """chain.mjs and its pinned packages in `modules`, installed there once."""
    if not os.path.isdir(os.path.join(modules, "node_modules", "@langchain", "langgraph")):
        os.makedirs(modules, exist_ok=True)
        shutil.copy(os.path.join(HERE, "langgraph", "package.json"), modules)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=modules, check=True)
    shutil.copy(os.path.join(HERE, "langgraph", "chain.mjs"), modules)
    return os.path.join(modules, "chain.mjs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_steps")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--node-modules", default=os.path.expanduser("~/.cache/bench-langgraph"))
    args = parser.parse_args()
    chain = install(args.node_modules)
    server = subprocess.Popen([args.bench_steps, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    url = json.loads(server.stdout.readline())["llm_url"]
    seen = {}
    try:
        for round_no in range(args.rounds):
            for concurrency in (1, 100):
                for side, command in (
                        ("engine", [args.bench_steps, "--llm-url", url, "--runs", str(args.runs),
                                    "--concurrency", str(concurrency)]),
                        ("langgraph.js", ["node", chain, url, str(args.runs), str(concurrency)])):
                    for row in lines(command):
                        seen.setdefault((side, concurrency), []).append(row)
            print(f"round {round_no + 1}/{args.rounds} done", file=sys.stderr)
        memory = lines([args.bench_steps, "--llm-url", url, "--runs", "1000", "--concurrency",
                        "1000"])[0]
    finally:
        server.stdin.close()
        server.wait()
    for concurrency in (1, 100):
        ours = [r["ms_per_step"] for r in seen[("engine", concurrency)]]
        theirs = [r["ms_per_step"] for r in seen[("langgraph.js", concurrency)]]
        engine = statistics.median(ours)
        other = statistics.median(theirs)
        print(json.dumps({
            "scenario": "sequential" if concurrency == 1 else f"{concurrency} concurrent",
            "engine_ms_per_step": engine, "langgraph_ms_per_step": other,
            "langgraph_over_engine": round(other / engine, 2),
            # Each round's two sides ran back to back on the same machine state; the median of
            # their ratios, and every round's, show how much of the spread the machine makes.
            "paired_median": round(statistics.median(t / o for o, t in zip(ours, theirs)), 2),
            "rounds": [round(t / o, 2) for o, t in zip(ours, theirs)],
            "engine_rss_mb": max(r["rss_mb"] for r in seen[("engine", concurrency)]),
            "langgraph_rss_mb": max(r["rss_mb"] for r in seen[("langgraph.js", concurrency)])}))
    print(json.dumps({"scenario": "1000 concurrent, engine only", "ms_per_step":
                      memory["ms_per_step"], "rss_mb": memory["rss_mb"]}))


if __name__ == "__main__":
    main()
