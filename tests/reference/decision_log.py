#!/usr/bin/env python3
"""Independent figures for the decision log assets/examples/riverside-decisions.csv read
against assets/examples/riverside-traditional.json (tests/decision_log.rs holds them).

Working days are counted day by day: each weekday contributes its working hours between 09:00
and 17:00 that fall between raised and decided. Median is the middle value (mean of the two
middle ones), p90 the ceil(0.9 n)-th shortest. Fitted capacity (k = 1, M/M/1):
C = per_week * h + h * 40 / T, T the mean in working hours, h = 0.5, per_week over the log's
span (first raised to last date seen, 30.4375-day months, 52/12 weeks a month).
Run: python3 tests/reference/decision_log.py
"""
import csv
import datetime as dt
import math
import os

HERE = os.path.dirname(__file__)
LOG = os.path.join(HERE, "..", "..", "assets", "examples", "riverside-decisions.csv")
PEOPLE = {"Dana Reyes": "dana", "Marta Quill": "marta"}


def working_hours(a, b):
    total = 0.0
    day = a.date()
    while day <= b.date():
        if day.weekday() < 5:
            start = dt.datetime.combine(day, dt.time(9))
            end = start + dt.timedelta(hours=8)
            lo, hi = max(start, a), min(end, b)
            if hi > lo:
                total += (hi - lo).total_seconds() / 3600
        day += dt.timedelta(days=1)
    return total


def spread(xs):
    xs = sorted(xs)
    n = len(xs)
    median = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    return median, xs[math.ceil(0.9 * n) - 1], sum(xs) / n


rows = list(csv.DictReader(open(LOG, newline="")))
parse = lambda s: dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
times = []
by_person, by_domain = {}, {}
for r in rows:
    if r["Status"] == "Cancelled":
        continue
    raised = parse(r["Raised"])
    times.append(raised)
    if not r["Decided"]:
        continue
    decided = parse(r["Decided"])
    times.append(decided)
    if decided < raised or r["Decided by"] not in PEOPLE:
        continue
    days = working_hours(raised, decided) / 8
    by_person.setdefault(PEOPLE[r["Decided by"]], []).append(days)
    by_domain.setdefault(r["Decision"], []).append(days)
months = (max(times) - min(times)).total_seconds() / 86400 / (365.25 / 12)
weeks = months * 52 / 12
print(f"months {months:.6f}")
for who, xs in sorted(by_person.items()):
    m, p, mean = spread(xs)
    c = len(xs) / weeks * 0.5 + 0.5 * 40 / (mean * 8)
    print(f"person {who}: n {len(xs)} median {m:.6f} p90 {p:.6f} mean {mean:.6f} fitted {c:.6f}")
for d, xs in sorted(by_domain.items()):
    m, p, mean = spread(xs)
    print(f"domain {d}: n {len(xs)} median {m:.6f} p90 {p:.6f} mean {mean:.6f}")
