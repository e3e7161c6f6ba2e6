#!/usr/bin/env python3
"""Rewrites a generated team file to measure what the order of people costs.

    python3 bench/reorder.py rename IN OUT   # ids prefixed with their file position
    python3 bench/reorder.py shuffle IN OUT  # people blocks in a random order (seed 7)

`rename` makes id order the file's order (gen_org groups people by role), and
`shuffle` then breaks the file's order while keeping that id order. Both keep
the organisation: every reference to a person is renamed with it, so `chain
stats` and `chain check` report the same counts. For gen_org's output only:
one blank line between tables, people declared as `[people.ID]`.
See docs/PERFORMANCE.md (stop 16).
"""
import random
import re
import sys

HEADER = re.compile(r'^\[people\.(?:([A-Za-z0-9_-]+)|"([^"\\]*)")\]$', re.M)
BARE = re.compile(r'^\[people\.([A-Za-z0-9_-]+)\]$', re.M)
QUOTED = re.compile(r'"([^"\\]*)"')


def rename(text):
    ids = [bare or quoted for bare, quoted in HEADER.findall(text)]
    new = {pid: f"p{i:07d}-{pid}" for i, pid in enumerate(ids)}
    text = BARE.sub(lambda m: f"[people.{new[m.group(1)]}]", text)
    return QUOTED.sub(lambda m: f'"{new[m.group(1)]}"' if m.group(1) in new else m.group(0), text)


def shuffle(text):
    blocks = text.split("\n\n")
    rest = [b for b in blocks if not b.startswith("[people.")]
    people = [b for b in blocks if b.startswith("[people.")]
    random.Random(7).shuffle(people)
    return "\n\n".join(rest + people) + "\n"


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("rename", "shuffle"):
        sys.exit(__doc__)
    mode, src, dst = sys.argv[1:]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    out = rename(text) if mode == "rename" else shuffle(text)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(out)


if __name__ == "__main__":
    main()
