#!/usr/bin/env python3
"""orgflow side by side with its peers on the same generated inputs.

Betweenness: a generated org of 5,000 people with 100,000 distinct directed links (seeded, so
every run builds the same graph). orgflow is timed as a whole process (`orgflow analyze
--json`: load, validate, the whole analysis, JSON out); igraph's exact directed betweenness
and networkx's sampled one (as many sources as orgflow samples) are timed in process, the
graph already built. The script also says how far orgflow's estimate is from igraph's exact
figure.

Usage: cargo build --release && python3 benches/peers.py [--networkx]
Needs: pip install python-igraph networkx
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time

PEOPLE = 5_000
LINKS = 100_000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "orgflow")


def generate(folder):
    rng = random.Random(7)
    people = os.path.join(folder, "people.csv")
    with open(people, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "manager"])
        for i in range(PEOPLE):
            w.writerow([f"p{i}", f"Person {i}", "" if i == 0 else f"p{rng.randrange(i // 8, i)}"])
    pairs = set()
    while len(pairs) < LINKS:
        a, b = rng.randrange(PEOPLE), rng.randrange(PEOPLE)
        if a != b:
            pairs.add((a, b))
    pairs = sorted(pairs)
    links = os.path.join(folder, "links.csv")
    with open(links, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to"])
        for a, b in pairs:
            w.writerow([f"p{a}", f"p{b}"])
    return people, links, pairs


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} is missing: run cargo build --release first")
    folder = tempfile.mkdtemp()
    people, links, pairs = generate(folder)
    start = time.perf_counter()
    out = subprocess.run([BINARY, "analyze", people, "--links", links, "--json"],
                         capture_output=True, check=True)
    ours = time.perf_counter() - start
    analysis = json.loads(out.stdout)
    method = analysis["betweenness"]
    estimate = {p["id"]: p["betweenness"] for p in analysis["persons"] if p["betweenness"] is not None}

    import igraph
    g = igraph.Graph(n=PEOPLE, edges=pairs, directed=True)
    start = time.perf_counter()
    raw = g.betweenness(directed=True)
    igraph_time = time.perf_counter() - start
    n = PEOPLE
    exact = {f"p{i}": b / ((n - 1) * (n - 2)) for i, b in enumerate(raw)}

    print(f"Directed betweenness, {PEOPLE:,} people, {LINKS:,} links")
    print(f"  orgflow analyze (whole process, sampled from {method['sources']} of "
          f"{method['people']} people): {ours:.2f} s")
    print(f"  igraph betweenness (exact, in process): {igraph_time:.2f} s "
          f"({igraph_time / ours:.1f}x orgflow's time)")
    top_exact = sorted(exact, key=lambda k: -exact[k])[:10]
    top_ours = sorted(estimate, key=lambda k: -estimate[k])[:10]
    worst = max(abs(estimate.get(k, 0.0) - exact[k]) for k in exact)
    biggest = max(exact.values())
    print(f"  orgflow's estimate against igraph's exact: {len(set(top_exact) & set(top_ours))} "
          f"of the 10 highest agree; largest error {worst:.2e} (the highest score is {biggest:.2e})")

    if "--networkx" in sys.argv:
        import networkx as nx
        h = nx.DiGraph()
        h.add_nodes_from(range(PEOPLE))
        h.add_edges_from(pairs)
        start = time.perf_counter()
        nx.betweenness_centrality(h, k=method["sources"], seed=7)
        nx_time = time.perf_counter() - start
        print(f"  networkx betweenness_centrality (k={method['sources']} sources, in process): "
              f"{nx_time:.2f} s ({nx_time / ours:.1f}x orgflow's time)")


if __name__ == "__main__":
    main()
