#!/usr/bin/env python3
"""orgflow side by side with its peers on the same generated inputs, with the ratios.

Tree layout: generated trees of 5,000 and 20,000 people (spans 2-12, a name and a title on
every node), drawn by Graphviz `dot -Tsvg` and by `orgflow export --view hierarchy` to SVG,
both as whole processes (orgflow also loads and analyses). `--no-dot` skips it (dot takes
about half a minute at 20,000).

Betweenness: a generated org of 5,000 people with 100,000 distinct directed links (seeded, so
every run builds the same graph). orgflow is timed as a whole process (`orgflow analyze
--json`: load, validate, the whole analysis, JSON out); igraph's exact directed betweenness
and networkx's sampled one (as many sources as orgflow samples) are timed in process, the
graph already built. The script also says how far orgflow's estimate is from igraph's exact
figure.

Usage: cargo build --release && python3 benches/peers.py [--networkx] [--no-dot]
Needs: pip install python-igraph networkx; apt install graphviz
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


def tree(folder, people):
    """A generated tree as a CSV for orgflow and as DOT for Graphviz, the same nodes and labels."""
    rng = random.Random(people)
    managers = [None]
    for i in range(1, people):
        managers.append(rng.randrange(max(0, i // 7 - 1), i))
    csv_path = os.path.join(folder, f"tree-{people}.csv")
    dot_path = os.path.join(folder, f"tree-{people}.dot")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "title", "manager"])
        for i, m in enumerate(managers):
            w.writerow([f"p{i}", f"Person {i}", f"Role {i % 40}", "" if m is None else f"p{m}"])
    with open(dot_path, "w") as f:
        f.write("digraph org {\n  node [shape=box];\n")
        for i, m in enumerate(managers):
            f.write(f'  p{i} [label="Person {i}\\nRole {i % 40}"];\n')
            if m is not None:
                f.write(f"  p{m} -> p{i};\n")
        f.write("}\n")
    return csv_path, dot_path


def timed(args):
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, check=True)
    return time.perf_counter() - start


def layout_against_dot(folder):
    print("Tree layout to SVG, whole processes")
    for people in (5_000, 20_000):
        csv_path, dot_path = tree(folder, people)
        ours = min(timed([BINARY, "export", csv_path, "--view", "hierarchy", "--out",
                          os.path.join(folder, "ours.svg")]) for _ in range(3))
        dot = timed(["dot", "-Tsvg", dot_path, "-o", os.path.join(folder, "dot.svg")])
        print(f"  {people:,} people: dot {dot:.2f} s, orgflow export {ours:.3f} s "
              f"({dot / ours:.0f}x faster)")


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} is missing: run cargo build --release first")
    folder = tempfile.mkdtemp()
    if "--no-dot" not in sys.argv:
        layout_against_dot(folder)
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
