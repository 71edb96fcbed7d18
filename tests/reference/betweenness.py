#!/usr/bin/env python3
"""Directed betweenness of the peer-link networks in ../shared/datasets, by networkx.

The reference values in tests/links.rs come from this script; rerun it with
`python3 tests/reference/betweenness.py` (needs `pip install networkx`). Links are directed
(`from` seeks `to`), unweighted for shortest paths, repeated links and self-links dropped,
and only links between two people of the org count, as orgflow reads them. Normalised as
networkx normalises directed betweenness: by (n - 1)(n - 2) over the n linked people.
"""
import csv
import os
import networkx as nx

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "datasets")


def ids(path, column):
    with open(os.path.join(DATA, path), newline="") as f:
        return {row[column].strip() for row in csv.DictReader(f)}


def graph(path, people):
    g = nx.DiGraph()
    with open(os.path.join(DATA, path), newline="") as f:
        for row in csv.DictReader(f):
            a, b = row["from"].strip(), row["to"].strip()
            if a != b and a in people and b in people:
                g.add_edge(a, b)
    return g


def show(name, g):
    b = nx.betweenness_centrality(g, normalized=True)
    top = sorted(b.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print(f"{name}: {g.number_of_nodes()} people, {g.number_of_edges()} links")
    for person, value in top:
        print(f"  {person:>4} {value!r}")
    print(f"  sum {sum(b.values())!r}")


show("krackhardt advice", graph("krackhardt_hightech/edges_advice.csv",
                                ids("krackhardt_hightech/edges_reports_to.csv", "from")
                                | ids("krackhardt_hightech/edges_reports_to.csv", "to")))
show("lazega advice", graph("lazega_lawfirm/edges_advice.csv", ids("lazega_lawfirm/nodes.csv", "id")))
show("manufacturing e-mail", graph("manufacturing_email_hierarchy/email_edges_weighted.csv",
                                   ids("manufacturing_email_hierarchy/reportsto.csv", "ID")
                                   | ids("manufacturing_email_hierarchy/reportsto.csv", "ReportsToID")))
