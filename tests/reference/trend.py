#!/usr/bin/env python3
"""Independent figures for tests/trend.rs: people, layers and widest span per snapshot, and who
joined, left or moved between snapshots (ids compared without case), read straight from the CSVs
with nothing of orgflow's.

    python3 tests/reference/trend.py stacked FILE DATE_COL ID_COL MANAGER_COL
    python3 tests/reference/trend.py files ID_COL MANAGER_COL FILE...

`stacked` splits one file by its date column; `files` takes a file a snapshot (UK organogram
senior posts: ids `Post Unique Reference`, managers `Reports to Senior Post`, `XX` the top).
"""
import csv
import sys
from collections import Counter, defaultdict


def read(path):
    for enc in ("utf-8-sig", "cp1252"):
        try:
            with open(path, newline="", encoding=enc) as f:
                return list(csv.DictReader(f))
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"cannot read {path}")


def figures(rows, id_col, manager_col):
    ids = {}
    for r in rows:
        key = r[id_col].strip().lower()
        ids.setdefault(key, r)  # a post listed twice (a job share) is one post
    manager = {}
    for key, r in ids.items():
        m = r[manager_col].strip().lower()
        manager[key] = m if m in ids and m != key else None
    depth = {}

    def level(k):
        seen = []
        while k not in depth and k is not None:
            seen.append(k)
            k = manager[k]
        d = depth.get(k, 0)
        for s in reversed(seen):
            d += 1
            depth[s] = d
        return depth[seen[0]] if seen else depth[k]

    for k in ids:
        level(k)
    spans = Counter(m for m in manager.values() if m is not None)
    widest = max(spans.values()) if spans else 0
    return {
        "people": len(ids),
        "layers": max(depth.values()) if depth else 0,
        "widest_span": widest,
        "widest_of": sorted(k for k, v in spans.items() if v == widest),
    }, manager


def steps(snapshots):
    out = []
    for (la, a), (lb, b) in zip(snapshots, snapshots[1:]):
        joined = sorted(set(b) - set(a))
        left = sorted(set(a) - set(b))
        moved = sorted(k for k in set(a) & set(b) if a[k] != b[k])
        out.append((la, lb, joined, left, moved))
    return out


def main():
    mode = sys.argv[1]
    snaps = []
    if mode == "stacked":
        path, date_col, id_col, manager_col = sys.argv[2:6]
        by_date = defaultdict(list)
        for r in read(path):
            d, m, y = r[date_col].strip().split("/")
            by_date[f"{y}-{int(m):02}-{int(d):02}"].append(r)
        for date in sorted(by_date):
            f, managers = figures(by_date[date], id_col, manager_col)
            print(date, f)
            snaps.append((date, managers))
    else:
        id_col, manager_col, *paths = sys.argv[2:]
        for path in paths:
            f, managers = figures(read(path), id_col, manager_col)
            print(path, f)
            snaps.append((path, managers))
    for la, lb, joined, left, moved in steps(snaps):
        print(f"{la} -> {lb}: joined {joined}, left {left}, moved {moved}")


main()
