"""Makes assets/examples/riverside-decisions.csv: a made-up but plausible decision log for the
Riverside school (riverside-traditional.json), autumn term 2026.

Each domain's decisions arrive at random (a Poisson stream at about its rate in the team file)
in working hours (09:00-17:00, weekdays). Dana Reyes decides all but the supplies orders, in
the order they arrive, with 12 hours a week for decisions (the team file's default is 16);
Marta Quill decides supplies with 6. Handling takes half an hour of deciding time on average
(exponential). Some domains wait on something besides the queue: budget for the monthly finance
meeting slot (about 3 days more), trips for Marta's approval (about a day), hiring for
references (about 2 days). A few rows are the kind real logs hold: one decision still open, one
cancelled, one decided by a supply teacher who is not in the team file, one whose dates were
typed the wrong way round.

Run: python3 tests/logs/make_school_log.py > assets/examples/riverside-decisions.csv
"""

import csv
import datetime as dt
import random
import sys

random.seed(20260901)
START = dt.date(2026, 9, 1)  # Tuesday
WEEKS = 12.6
DAY_HOURS = 8.0


def weekdays_from(start):
    d = start
    while True:
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)


DAYS = []
for d in weekdays_from(START):
    if d > dt.date(2026, 11, 27):
        break
    DAYS.append(d)
TOTAL_HOURS = len(DAYS) * DAY_HOURS


def stamp(t):
    """Working hours since the term began -> a timestamp."""
    day = int(t // DAY_HOURS)
    if day >= len(DAYS):
        # Decided after the term's last day: carry on into the next weeks.
        d = DAYS[-1]
        extra = day - len(DAYS) + 1
        while extra:
            d += dt.timedelta(days=1)
            if d.weekday() < 5:
                extra -= 1
    else:
        d = DAYS[day]
    minutes = int(round((t % DAY_HOURS) * 60))
    return dt.datetime.combine(d, dt.time(9, 0)) + dt.timedelta(minutes=min(minutes, 479))


# (name as the office writes it, per month, decider, extra working hours besides the queue)
DOMAINS = [
    ("Behaviour incidents and sanctions", 19, "Dana Reyes", 0),
    ("Parent concerns and complaints", 12, "Dana Reyes", 0),
    ("Timetable changes", 8, "Dana Reyes", 0),
    ("Classroom supplies orders", 10, "Marta Quill", 0),
    ("Literacy curriculum and reading scheme", 5, "Dana Reyes", 0),
    ("Maths curriculum and resources", 5, "Dana Reyes", 0),
    ("Special needs support plans", 6, "Dana Reyes", 0),
    ("Hiring and cover", 6, "Dana Reyes", 16),
    ("Budget allocation", 4, "Dana Reyes", 24),
    ("School events and assemblies", 4, "Dana Reyes", 0),
    ("Science curriculum", 3, "Dana Reyes", 0),
    ("School trips and visits", 3, "Dana Reyes", 8),
    ("Staff training (CPD)", 3, "Dana Reyes", 0),
    ("Assessment and marking policy", 2, "Dana Reyes", 0),
]
CAPACITY = {"Dana Reyes": 12, "Marta Quill": 6.0}
HANDLING = 0.5
RAISERS = ["Sam Lee", "Priya Shah", "Maya Chen", "Leo Novak", "Ben Murphy", "Ella Rossi",
           "Hugo Lopez", "Kira Tanaka", "Noah Haddad", "Gwen Harper", "Ravi Menon", "Nell Ashby"]
HOURS_PER_MONTH = 52 / 12 * 40

arrivals = []
for name, per_month, decider, extra in DOMAINS:
    rate = per_month / HOURS_PER_MONTH  # per working hour
    t = random.expovariate(rate)
    while t < TOTAL_HOURS:
        arrivals.append((t, name, decider, extra))
        t += random.expovariate(rate)
arrivals.sort()

free = {d: 0.0 for d in CAPACITY}
rows = []
for t, name, decider, extra in arrivals:
    service = random.expovariate(1 / (HANDLING * 40 / CAPACITY[decider]))
    begin = max(t, free[decider])
    free[decider] = begin + service
    done = free[decider] + (random.expovariate(1 / extra) if extra else 0)
    rows.append([name, random.choice(RAISERS), stamp(t), stamp(done), decider, "Decided"])

# What real logs hold besides.
rows[40][4] = "Mr Fletcher (supply)"
rows[75][2], rows[75][3] = rows[75][3], rows[75][2]
rows[120][5] = "Cancelled"
last = rows[-1]
last[3] = ""
last[5] = "Open"

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["Ref", "Decision", "Raised by", "Raised", "Decided", "Decided by", "Status"])
for i, r in enumerate(rows, 1):
    fmt = lambda x: x.strftime("%Y-%m-%d %H:%M") if isinstance(x, dt.datetime) else x
    out.writerow([f"D-{i:04d}"] + [fmt(x) for x in r])
