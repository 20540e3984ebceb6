#!/usr/bin/env python3
"""Folds `perf script` output into stacks and draws them as a flame graph (SVG).

  perf record -e cpu-clock -F 1000 --call-graph dwarf -o perf.data -- bench_steps --runs 200
  perf script -i perf.data | tests/bench/flamegraph.py --title "sequential" > seq.svg
  ... | tests/bench/flamegraph.py --folded          # one "frame;frame;frame count" per line
  ... | tests/bench/flamegraph.py --top 30          # the frames with the most samples below them

--thread NAME keeps the samples of threads of that name (the engine's: the program's name).
"""
import argparse
import collections
import html
import re
import sys

FRAME = re.compile(r"^\s*[0-9a-f]+\s+(.+?)(?:\+0x[0-9a-f]+)?\s+\((.*)\)\s*$")


def simplify(symbol):
    """Keeps a C++ name readable: no argument lists, no template arguments."""
    depth, out = 0, []
    for c in symbol:
        if c in "<(":
            depth += 1
        elif c in ">)" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
    name = "".join(out).replace("nlohmann::json_abi_v3_11_2::", "json::")
    return name.strip() or symbol[:60]


def read_stacks(lines, thread):
    stacks = collections.Counter()
    frames, comm = [], None
    for line in lines:
        if not line.strip():
            if frames and (thread is None or comm == thread):
                stacks[";".join([comm] + list(reversed(frames)))] += 1
            frames, comm = [], None
            continue
        if not line[0].isspace():
            comm = line.split()[0]
            continue
        match = FRAME.match(line)
        if match:
            symbol, where = match.groups()
            if symbol == "[unknown]":
                symbol = "[" + where.rsplit("/", 1)[-1] + "]"
            frames.append(simplify(symbol))
    if frames and (thread is None or comm == thread):
        stacks[";".join([comm] + list(reversed(frames)))] += 1
    return stacks


def top(stacks, count):
    total = sum(stacks.values())
    below = collections.Counter()
    for stack, samples in stacks.items():
        for frame in set(stack.split(";")):
            below[frame] += samples
    for frame, samples in below.most_common(count):
        print(f"{100.0 * samples / total:6.2f}%  {frame}")


def svg(stacks, title, width=1200, row=16):
    root = {"children": {}, "value": 0}
    for stack, samples in stacks.items():
        node = root
        node["value"] += samples
        for frame in stack.split(";"):
            node = node["children"].setdefault(frame, {"children": {}, "value": 0})
            node["value"] += samples
    total = max(root["value"], 1)
    boxes, depth_max = [], 0

    def walk(node, name, x, depth):
        nonlocal depth_max
        depth_max = max(depth_max, depth)
        boxes.append((name, x, depth, node["value"]))
        for child_name, child in sorted(node["children"].items()):
            walk(child, child_name, x, depth + 1)
            x += child["value"]

    walk(root, "all", 0, 0)
    height = (depth_max + 3) * row
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="monospace" font-size="11">',
           f'<text x="4" y="{row - 3}">{html.escape(title)} ({total} samples)</text>']
    for name, x, depth, value in boxes:
        w = value * width / total
        if w < 1.0:  # narrower than a pixel: not drawn, which keeps the file small
            continue
        y = height - (depth + 1) * row
        hue = (hash(name) % 40) + 10
        label = html.escape(name)
        share = 100.0 * value / total
        out.append(f'<g><title>{label} ({share:.2f}%)</title>'
                   f'<rect x="{x * width / total:.2f}" y="{y}" width="{w:.2f}" height="{row - 1}" '
                   f'fill="hsl({hue},80%,60%)"/>')
        if w > 40:
            text = html.escape(name[: int(w / 7)])
            out.append(f'<text x="{x * width / total + 2:.2f}" y="{y + row - 4}">{text}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="flame graph")
    parser.add_argument("--thread")
    parser.add_argument("--folded", action="store_true")
    parser.add_argument("--top", type=int)
    args = parser.parse_args()
    stacks = read_stacks(sys.stdin, args.thread)
    if args.folded:
        for stack, samples in stacks.most_common():
            print(stack, samples)
    elif args.top:
        top(stacks, args.top)
    else:
        print(svg(stacks, args.title))


if __name__ == "__main__":
    main()
