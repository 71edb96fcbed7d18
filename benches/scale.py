#!/usr/bin/env python3
"""Every command at scale: each run is a whole `orgflow` process on generated inputs, timed with
its peak memory, at two sizes, so a cost that grows faster than the org shows as a ratio far
above the sizes' ratio.

The org is `orgflow generate` (the benchmarks' generator: spans of 2-12, a decision domain per
50 people, a peer link per 10). Beside it, made here with a fixed seed: a rights sheet of one
row per person (20 holder columns, a rate, a raising team), an edge list of five links per
person, ten thousand people away in a what-if, the same org flattened under one manager, and a
copy with a tenth of the people moved and the rows shuffled.

Usage: cargo build --release && python3 benches/scale.py [PEOPLE ...]   (default: 100000 300000)
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "orgflow")


def make_inputs(folder, people):
    org_path = os.path.join(folder, f"org-{people}.json")
    subprocess.run([BINARY, "generate", "--people", str(people), "--out", org_path],
                   check=True, capture_output=True)
    org = json.load(open(org_path))
    rng = random.Random(11)
    ids = [p["id"] for p in org["people"]]
    teams = sorted({p["team"] for p in org["people"] if p.get("team")})
    holders = rng.sample(ids, 20)
    rights = os.path.join(folder, f"rights-{people}.csv")
    with open(rights, "w") as f:
        f.write("decision," + ",".join(holders) + ",per_month,raised_by\n")
        for k in range(people):
            cells = [""] * 20
            cells[rng.randrange(20)] = "D"
            cells[rng.randrange(20)] = "A"
            f.write(f"Decision {k}," + ",".join(cells) + f",{rng.randint(1, 5)},{rng.choice(teams)}\n")
    links = os.path.join(folder, f"links-{people}.csv")
    with open(links, "w") as f:
        f.write("from,to,weight\n")
        for _ in range(people * 5):
            a, b = rng.sample(ids, 2)
            f.write(f"{a},{b},{rng.randint(1, 9)}\n")
    # Ten thousand away at most: one argument holds about 128 KB.
    away = ";".join(rng.sample(ids, min(people // 10, 10_000)))
    flat = dict(org, people=[dict(p) for p in org["people"]])
    for p in flat["people"][1:]:
        p["manager"] = flat["people"][0]["id"]
    flat_path = os.path.join(folder, f"flat-{people}.json")
    json.dump(flat, open(flat_path, "w"))
    moved = dict(org, people=[dict(p) for p in org["people"]])
    for i in rng.sample(range(1, people), people // 10):
        moved["people"][i]["manager"] = moved["people"][rng.randrange(i)]["id"]
    rng.shuffle(moved["people"])
    moved_path = os.path.join(folder, f"moved-{people}.json")
    json.dump(moved, open(moved_path, "w"))
    return org_path, rights, links, away, flat_path, moved_path


def timed(args):
    """Seconds and peak megabytes of one whole process (its own peak, from wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen([BINARY] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"orgflow {' '.join(args[:2])}… failed")
    return seconds, usage.ru_maxrss / 1024


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} is missing: run cargo build --release first")
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 300_000]
    folder = tempfile.mkdtemp()
    results = {}
    for people in sizes:
        org, rights, links, away, flat, moved = make_inputs(folder, people)
        out = lambda name: os.path.join(folder, f"{name}-{people}")
        runs = [
            ("analyze", ["analyze", org]),
            ("analyze --rights (a row per person)", ["analyze", org, "--rights", rights]),
            ("analyze --links (5 per person)", ["analyze", org, "--links", links]),
            ("convert --rights to JSON", ["convert", org, out("converted") + ".json", "--rights", rights]),
            ("what-if, 10,000 away", ["what-if", org, "--without", away]),
            ("suggest", ["suggest", org]),
            ("suggest, everybody under one manager", ["suggest", flat]),
            ("suggest --out", ["suggest", org, "--out", out("suggested") + ".json"]),
            ("compare with a tenth moved", ["compare", org, moved]),
            ("export --pages auto (200 pages)", ["export", org, "--view", "hierarchy", "--pages", "auto",
                                                 "--out", out("pages") + ".pdf"]),
        ]
        for name, args in runs:
            results[(name, people)] = timed(args)
    width = max(len(name) for name, _ in results)
    header = "".join(f"{n:>22,}" for n in sizes)
    print(f"{'command':<{width}}{header}")
    for name in dict.fromkeys(n for n, _ in results):
        cells = "".join(f"{results[(name, n)][0]:>12.2f} s {results[(name, n)][1]:>5.0f} MB" for n in sizes)
        ratio = ""
        if len(sizes) > 1:
            ratio = f"   x{results[(name, sizes[-1])][0] / results[(name, sizes[0])][0]:.1f}"
        print(f"{name:<{width}}{cells}{ratio}")


if __name__ == "__main__":
    main()
