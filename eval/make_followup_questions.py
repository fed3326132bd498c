#!/usr/bin/env python3
"""Writes eval/questions_followups.jsonl: CONVERSATIONS of two or three turns over the real
Clermont-Ferrand data (a question, then follow-ups asked with the context of the answer before, as
the chat widget sends them), in French and English, worded the way citizens, journalists and
analysts follow up ("et en novembre ?", "and at Montferrand?", "la veille ?", "in km/h?", "what
about houses?", "et de T3 ?", "how many were sold?"...). Every expected figure is computed here from
the raw files in ../shared/data/clermont/ (relative to the project root); nothing is typed by hand.
Written without reading the service's source (src/).

    python3 eval/make_followup_questions.py > eval/questions_followups.jsonl   # from the project root

Line format (eval/README.md, "Conversations"):
    {"id", "form", "kind": "followup", "lang", "as_of", "turns": [{"question", "lang", "expect"}, ...]}
Each turn's expect: status, numbers, dates, says, forbid, plan. The plan and the figures of a turn
are those of the question AS MERGED with the turns before.

The follow-up contract tested
-----------------------------
* A follow-up inherits, field by field, what it does not say from the merged reading of the turns
  before: variable, place, period, statistic, unit, and for housing the measure, the dwelling, the
  size and the year.
* A month without its year ("et en novembre ?", "what about february?") takes the YEAR of the turn
  before, even when as_of would make a standalone question read another year (as_of 2022-06-30
  and "february" after September 2021 is February 2021, not 2022). A day of the month alone ("et le
  5 ?") keeps the month and year.
* Relative moves shift the previous period: the day after / le lendemain (+1 day), the day before /
  la veille (-1 day), the following / previous week (+-7 days, asked only after a Monday-Sunday
  week so that both readings of "week" agree), the month after / before (a calendar month), the
  year after / before (a year; after a month, "the same month the year before" is the month a year
  earlier). "L'année d'avant" said bare after a month is read either way (the same month a year
  earlier, or the whole year before): both figures accepted (any_of), no period in the plan; the
  same for "et en 2020 ?" after "mai 2021".
* Another unit gives the previous figures converted from the unrounded value: km/h = m/s x 3.6,
  knots = m/s x 3600 / 1852, degF = degC x 9/5 + 32. A unit asked stays for the next turn of the
  chain (field-by-field inheritance of the merged reading).
* "what about the whole month?" / "et sur tout le mois ?" after a day widens the period to the
  day's calendar month.
* A follow-up about a topic without data (pollen, ozone, sunshine, rents), a year or day without
  data (PM2.5 outside 2020, weather after 2022-03-31, DVF outside 2021-2024), a station without the
  day or month (Paray-le-Frésil before 2020-04-06, Esplanade Gare on a missing day), a city without
  data (Lyon), or a follow-up that cannot be read ("et ??", "hmm and the other thing?") gets no
  figure: status no_data.

Data semantics (as in make_heldout_questions.py / make_housing_questions.py)
--------------------------------------------------------------------------
* PM2.5: daily means of pm25_daily_2020_stations.csv; city day = mean of that day's FR07004
  Montferrand and FR07034 Esplanade Gare values (whichever exist); a period's mean = mean of its
  days with data; a station without a value that day (or any day of the period) has no figure.
* Weather: SYNOP 07460 (Aulnat), the service's validation (a row with any out-of-range value
  dropped, Kelvin -> degC, Pa -> hPa, rr3 trace -0.1 -> 0, the last row of a repeated time wins),
  days = Europe/Paris calendar days of the UTC times. A day's temperature = its min and max (the
  statistic named: min, max or mean alone); a day's wind = mean of ff (m/s); a day's gust = max of
  raf10; humidity and pressure = daily means; rain = sum of rr3. A period: mean of daily means
  (temperature, wind, humidity, pressure), rain = sum of daily totals. Every day asked about has at
  least 7 of its 8 observations of the variable (gusts: reported only when they occur), every period asked about has data on every day.
* Housing (DVF, dvf_63113_2021-2024.csv): one row = one sale; EUR/m2 = valeur_fonciere /
  surface_reelle_bati unrounded; median / percentile like PostgreSQL percentile_cont; a group of
  fewer than 10 sales has no median (the count only is expected); "T3" with no dwelling word =
  all 3-room dwellings, the flat-only reading accepted (any_of); counts tolerance 0.

Numbers a right answer must state (kept to the figure asked): PM2.5 = the day value or the period
mean; temperature = a day's min and max (or the statistic named), a period's mean; rain = the
total; wind, humidity, pressure = the mean; gust = the day's max; housing = the median asked, or the
count; a comparison = both sides. Dates: the day a turn resolved to when it was derived (a relative
day or a day of the month alone). Tolerance 1e-6 on computed figures.

Plans (eval/README.md "Expected plans"): only the keys that are sure: ask, variable, place (city
when no station is named, housing included), from/to, statistic (only when named), unit, housing
(measure, dwellings when named, rooms). A compare asked as a follow-up lists its sides in the order
of the conversation (the turn before first, as "c'est plus ou moins qu'en 2019 ?" after 2020 reads
"2020 against 2019"): periods (the first also as from/to) or places; flats against
houses as dwellings ["flat", "house"]. A reading with two sensible periods leaves from/to out.
No-data turns give the plan only when its keys are sure (a day, month or year without data);
otherwise {}.

as_of: 2022-06-30 for air and weather conversations, 2025-06-30 for housing ones (as in the housing
sets), null for conversations whose first turn names its year and whose turns do not depend on
today. The summary (conversations, turns, languages, as_of null, no-figure turns, forms) is printed
to stderr.
"""

import csv
import json
import math
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DATA = ROOT / "clermont"
PARIS = ZoneInfo("Europe/Paris")
AIR_AS_OF = "2022-06-30"
HOUSING_AS_OF = "2025-06-30"
TOL = 1e-6
MIN_SALES = 10

# =================================================================================================
# PM2.5
# =================================================================================================
pm25 = defaultdict(dict)  # code -> date -> value
with open(DATA / "pm25_daily_2020_stations.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        pm25[row["station_code"]][date.fromisoformat(row["date"])] = float(row["value"])
city = {}
for d in sorted(set(pm25["FR07004"]) | set(pm25["FR07034"])):
    values = [pm25[c][d] for c in ("FR07004", "FR07034") if d in pm25[c]]
    city[d] = sum(values) / len(values)
PM_SERIES = {"city": city, "Montferrand": pm25["FR07004"], "Esplanade": pm25["FR07034"],
             "Paray": pm25["FR07022"], "Aurillac": pm25["FR07052"]}

# =================================================================================================
# SYNOP weather (loading and validation as in make_heldout_questions.py)
# =================================================================================================
LIMITS = {"t": (-90, 60), "td": (-100, 40), "u": (0, 100), "ff": (0, 120), "raf10": (0, 150), "dd": (0, 360),
          "pmer": (850, 1100), "pres": (500, 1100), "rr3": (0, 500), "vv": (0, 100000), "n": (0, 100)}
observations = {}
with open(DATA / "synop_07460_201301-202203.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter=";"):
        if row["numer_sta"].strip() != "07460":
            continue
        value = {}
        for name in LIMITS:
            raw = (row.get(name) or "").strip()
            value[name] = None if raw in ("", "mq") else float(raw)
        if value["t"] is not None:
            value["t"] -= 273.15
        if value["td"] is not None:
            value["td"] -= 273.15
        for name in ("pmer", "pres"):
            if value[name] is not None:
                value[name] /= 100
        if value["rr3"] == -0.1:
            value["rr3"] = 0.0
        if value["n"] == 101:
            value["n"] = None
        if any(v is not None and not (LIMITS[k][0] <= v <= LIMITS[k][1]) for k, v in value.items()):
            continue
        at = datetime.strptime(row["date"].strip(), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        observations[at] = value
weather = defaultdict(lambda: defaultdict(list))  # day -> synop key -> values
for at in sorted(observations):
    value = observations[at]
    day = at.astimezone(PARIS).date()
    for key in ("t", "rr3", "ff", "raf10", "u", "pmer"):
        if value[key] is not None:
            weather[day][key].append(value[key])
W_FIRST, W_LAST = min(weather), max(weather)
assert (W_FIRST, W_LAST) == (date(2013, 1, 1), date(2022, 3, 31)), (W_FIRST, W_LAST)

# plan variable -> SYNOP column
WEATHER_VARS = {
    "temperature": "t", "precipitation": "rr3", "wind_speed": "ff", "wind_gust": "raf10",
    "humidity": "u", "pressure_msl": "pmer",
}


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def wday(d, key, stat, strict=True):
    v = weather.get(d, {}).get(key)
    if not v:
        return None
    assert not strict or key == "raf10" or len(v) >= 7, ("day with too few observations for a fair question", d, key, len(v))
    return {"mean": sum(v) / len(v), "min": min(v), "max": max(v), "total": sum(v)}[stat]


def wperiod(key, stat, start, end):
    """Daily figures over a period; every day of a period asked about must have data."""
    out = [wday(d, key, stat, strict=False) for d in days(start, end)]
    if all(x is None for x in out):
        return None
    assert all(x is not None for x in out), ("period with a missing day", key, start, end)
    return out


# =================================================================================================
# Housing (DVF)
# =================================================================================================
SALES = []
with open(DATA / "dvf_63113_2021-2024.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        assert r["code_commune"] == "63113" and r["nature_mutation"] == "Vente", r
        price, surface = float(r["valeur_fonciere"]), float(r["surface_reelle_bati"])
        SALES.append({"date": date.fromisoformat(r["date_mutation"]),
                      "type": {"Appartement": "flat", "Maison": "house"}[r["type_local"]],
                      "price": price, "surface": surface, "m2": price / surface,
                      "rooms": int(r["nombre_pieces_principales"])})
assert len(SALES) == 9925
H_YEARS = sorted({s["date"].year for s in SALES})
assert H_YEARS == [2021, 2022, 2023, 2024]


def percentile_cont(values, p):
    v = sorted(values)
    pos = p * (len(v) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (pos - lo) * (v[hi] - v[lo])


def h_group(dwelling, rooms, start, end):
    out = []
    for s in SALES:
        if not (start <= s["date"] <= end):
            continue
        if dwelling in ("flat", "house") and s["type"] != dwelling:
            continue
        if rooms is not None:
            if s["rooms"] < 1 or (rooms == 5 and s["rooms"] < 5) or (rooms != 5 and s["rooms"] != rooms):
                continue
        out.append(s)
    return out


MEASURE_FIELD = {"price_per_m2": "m2", "price": "price", "surface": "surface"}


def h_figure(measure, dwelling, rooms, start, end):
    """The figure of one housing group: the count for 'sales', the median otherwise (None: no sale
    at all; ('few', n): fewer than 10 sales, the count only). Checked by a second path."""
    g = h_group(dwelling, rooms, start, end)
    if not g:
        return None
    if measure == "sales":
        return len(g)
    if len(g) < MIN_SALES:
        return ("few", len(g))
    field = MEASURE_FIELD[measure]
    v = percentile_cont([s[field] for s in g], 0.5)
    assert abs(v - statistics.median([s[field] for s in g])) <= 1e-9 * max(1.0, abs(v))
    return v


# The yearly medians quoted in eval/README.md ("First score of the housing set")
for dw, expected in (("flat", (2117.6, 2233.3, 2226.2, 2150.0)), ("house", (2493.7, 2605.3, 2578.9, 2397.3))):
    for y, e in zip(H_YEARS, expected):
        assert abs(h_figure("price_per_m2", dw, None, date(y, 1, 1), date(y, 12, 31)) - e) < 0.05, (dw, y)


# =================================================================================================
# Periods
# =================================================================================================
def month(y, m):
    start = date(y, m, 1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start, end


def year(y):
    return date(y, 1, 1), date(y, 12, 31)


def is_month(s, e):
    return s.day == 1 and month(s.year, s.month)[1] == e


def is_year(s, e):
    return (s, e) == year(s.year)


def shift(r, unit, n):
    """Moves the period of reading r by n days / weeks / months / years."""
    s, e = r["from"], r["to"]
    if unit == "day":
        assert s == e
        return {"from": s + timedelta(days=n), "to": e + timedelta(days=n)}
    if unit == "week":
        assert (e - s).days == 6 and s.weekday() == 0
        return {"from": s + timedelta(days=7 * n), "to": e + timedelta(days=7 * n)}
    if unit == "month":
        assert is_month(s, e)
        k = s.year * 12 + s.month - 1 + n
        return dict(zip(("from", "to"), month(k // 12, k % 12 + 1)))
    if unit == "year":
        if is_year(s, e):
            return dict(zip(("from", "to"), year(s.year + n)))
        assert is_month(s, e)
        return dict(zip(("from", "to"), month(s.year + n, s.month)))
    raise ValueError(unit)


def same_year_month(r, m):
    """A month without its year: the year of the reading before."""
    return dict(zip(("from", "to"), month(r["from"].year, m)))


def same_month_day(r, dd):
    d = r["from"].replace(day=dd)
    return {"from": d, "to": d}


def whole_month(r):
    return dict(zip(("from", "to"), month(r["from"].year, r["from"].month)))


# =================================================================================================
# Readings and their figures
# =================================================================================================
def R(**kw):
    r = {"ask": "value", "place": "city", "statistic": None, "unit": None, "housing": None}
    r.update(kw)
    if isinstance(r.get("from"), str):
        r["from"] = date.fromisoformat(r["from"])
    if isinstance(r.get("to"), str):
        r["to"] = date.fromisoformat(r["to"])
    if "to" not in r and "from" in r:
        r["to"] = r["from"]
    return r


TRANSIENT = ("alternatives", "period_unsure")


def merge(r, **kw):
    """Field-by-field inheritance: what the follow-up says replaces, the rest is kept."""
    out = {k: v for k, v in r.items() if k not in TRANSIENT}
    if "housing" in kw and kw["housing"] is not None and r.get("housing"):
        h = dict(r["housing"])
        h.update(kw.pop("housing"))
        out["housing"] = h
    out.update(kw)
    return out


def convert(x, unit, variable):
    if unit is None:
        return x
    if unit == "km/h":
        assert variable in ("wind_speed", "wind_gust")
        return x * 3.6
    if unit == "kt":
        assert variable in ("wind_speed", "wind_gust")
        return x * 3600 / 1852
    if unit == "°F":
        assert variable == "temperature"
        return x * 9 / 5 + 32
    raise ValueError(unit)


def weather_figures(r):
    key = WEATHER_VARS[r["variable"]]
    s, e, v, st = r["from"], r["to"], r["variable"], r["statistic"]
    if s == e:
        if v == "temperature":
            stats = [st] if st else ["min", "max"]
        elif v == "precipitation":
            stats = ["total"]
        elif v == "wind_gust":
            stats = ["max"]
        else:
            stats = [st or "mean"]
        xs = [wday(s, key, k) for k in stats]
        if any(x is None for x in xs):
            return None
        return [convert(x, r["unit"], v) for x in xs]
    if v == "precipitation":
        xs = wperiod(key, "total", s, e)
        return None if xs is None else [sum(xs)]
    assert v in ("temperature", "wind_speed", "humidity", "pressure_msl") and st is None, r
    xs = wperiod(key, "mean", s, e)
    return None if xs is None else [convert(sum(xs) / len(xs), r["unit"], v)]


def pm_figures(r):
    series = PM_SERIES[r["place"]]
    s, e = r["from"], r["to"]
    xs = [series.get(d) for d in days(s, e)]
    if s == e:
        return None if xs[0] is None else [xs[0]]
    got = [x for x in xs if x is not None]
    if not got:
        return None
    return [sum(got) / len(got)]


def housing_figures(r):
    h = r["housing"]
    dw = h.get("dwelling")
    readings = ["both", "flat"] if dw == "T" else [dw]
    out = [h_figure(h["measure"], d, h.get("rooms"), r["from"], r["to"]) for d in readings]
    if any(x is None for x in out):
        assert all(x is None for x in out)
        return None
    return out  # one per reading


def figures(r):
    """(status, numbers) of a merged reading."""
    if r.get("nodata"):
        return "no_data", []
    if r["ask"] == "compare":
        nums = []
        for side in r["sides"]:
            st, n = figures(merge(r, ask="value", sides=None, **side))
            assert st == "answered", side
            nums += n
        return "answered", nums
    if r.get("housing"):
        xs = housing_figures(r)
        if xs is None:
            return "no_data", []
        if any(isinstance(x, tuple) for x in xs):
            assert all(isinstance(x, tuple) for x in xs)
            return "answered", [cnt(*[x[1] for x in xs])]
        if r["housing"]["measure"] == "sales":
            return "answered", [cnt(*xs)]
        return "answered", [num(*xs)]
    xs = pm_figures(r) if r["variable"] == "pm25" else weather_figures(r)
    if xs is None:
        return "no_data", []
    return "answered", [num(x) for x in xs]


# =================================================================================================
# Expectations
# =================================================================================================
def num(*xs):
    uniq = []
    for x in xs:
        assert x is not None and math.isfinite(x)
        if all(abs(x - u) > 1e-9 for u in uniq):
            uniq.append(x)
    return {"value": uniq[0], "tolerance": TOL} if len(uniq) == 1 else {"any_of": uniq, "tolerance": TOL}


def cnt(*ns):
    uniq = list(dict.fromkeys(ns))
    assert all(isinstance(n, int) for n in uniq)
    return {"value": uniq[0], "tolerance": 0} if len(uniq) == 1 else {"any_of": uniq, "tolerance": 0}


def plan(r):
    """The expected plan of a merged reading: only the keys that are sure. A compare lists its two
    sides in the order of the conversation (the turn before first), the first also as from/to; the
    dwellings of a flats-against-houses compare as ["flat", "house"]."""
    if r.get("plan") is not None:
        return r["plan"]
    p = {"ask": r["ask"]}
    sides = r.get("sides") or []
    if r.get("housing"):
        h = r["housing"]
        hp = {"measure": h["measure"]}
        if h.get("dwelling") in ("flat", "house") and not any("housing" in s for s in sides):
            hp["dwellings"] = [h["dwelling"]]
        if any("housing" in s for s in sides):
            assert [s["housing"]["dwelling"] for s in sides] == ["flat", "house"]
            hp["dwellings"] = ["flat", "house"]
        if h.get("rooms") is not None:
            hp["rooms"] = h["rooms"]
        p["housing"] = hp
        p["place"] = "city"
        if h["measure"] == "sales" and r["ask"] != "compare":
            p["ask"] = "count"
    else:
        p["variable"] = r["variable"]
        if any("place" in s for s in sides):
            p["places"] = [s["place"] for s in sides]
        else:
            p["place"] = r["place"]
    if any("from" in s for s in sides):
        p["from"], p["to"] = sides[0]["from"].isoformat(), sides[0]["to"].isoformat()
        p["periods"] = [[s["from"].isoformat(), s["to"].isoformat()] for s in sides]
    elif not r.get("period_unsure"):
        p["from"], p["to"] = r["from"].isoformat(), r["to"].isoformat()
    if r.get("statistic"):
        p["statistic"] = r["statistic"]
    if r.get("unit"):
        p["unit"] = r["unit"]
    return p


def expect(r, dates=(), says=()):
    status, numbers = figures(r)
    if r.get("alternatives"):
        # two sensible readings: every figure accepted from either
        alts = [figures(a)[1] for a in r["alternatives"]]
        assert status == "answered" and all(len(a) == len(numbers) for a in alts)
        vals = lambda n: n["any_of"] if "any_of" in n else [n["value"]]
        numbers = [num(*vals(n), *[x for a in alts for x in vals(a[i])]) for i, n in enumerate(numbers)]
    e = {"status": status, "numbers": numbers, "dates": list(dates) if status == "answered" else [],
         "says": list(says), "forbid": []}
    assert status == "answered" and numbers, ("a turn to answer has no data", r)  # no-data turns: nodata()
    e["plan"] = plan(r)
    return e


def nodata(r, with_plan=False):
    """A turn that must get no figure; checked against the data when it has a reading."""
    if r is not None and not r.get("nodata"):
        status, _ = figures(r)
        assert status == "no_data", ("expected no data", r)
        return {"status": "no_data", "numbers": [], "dates": [], "says": [], "forbid": [],
                "plan": plan(dict(r, plan=None)) if with_plan else {}}
    return {"status": "no_data", "numbers": [], "dates": [], "says": [], "forbid": [], "plan": {}}


CONVERSATIONS = []


def C(form, lang, as_of, *turns):
    """turns: (question, expect) or (question, expect, lang)."""
    assert 2 <= len(turns) <= 3
    out = []
    for t in turns:
        out.append({"question": t[0], "lang": t[2] if len(t) > 2 else lang, "expect": t[1]})
    CONVERSATIONS.append({"form": form, "kind": "followup", "lang": lang, "as_of": as_of, "turns": out})


def D(r):
    """The resolved day of a reading (a relative or partial day must be stated)."""
    assert r["from"] == r["to"]
    return [r["from"].isoformat()]


A, H, N = AIR_AS_OF, HOUSING_AS_OF, None


def hy(y):
    return dict(zip(("from", "to"), year(y)))


def mo(y, m):
    return dict(zip(("from", "to"), month(y, m)))


# =================================================================================================
# 1. A month without its year keeps the year of the turn before
# =================================================================================================
r1 = R(variable="precipitation", **mo(2019, 10))
r2 = merge(r1, **same_year_month(r1, 11))
r3 = merge(r2, variable="wind_speed")
C("month_no_year_chain", "fr", A,
  ("Combien de pluie en octobre 2019 ?", expect(r1)),
  ("et en novembre ?", expect(r2)),
  ("et le vent ?", expect(r3)))

r1 = R(variable="temperature", **mo(2016, 3))
r2 = merge(r1, **same_year_month(r1, 5))
C("month_no_year", "en", N,
  ("average temperature in Clermont in March 2016?", expect(r1)),
  ("and in May?", expect(r2)))

r1 = R(variable="pm25", **mo(2020, 1))
r2 = merge(r1, **same_year_month(r1, 2))
C("month_no_year", "fr", A,
  ("PM2.5 moyenne à Clermont en janvier 2020", expect(r1)),
  ("et fevrier ?", expect(r2)))

# backwards in the year: February of the same year, not the latest February before as_of (2022)
r1 = R(variable="precipitation", **mo(2021, 9))
r2 = merge(r1, **same_year_month(r1, 2))
assert r2["from"] == date(2021, 2, 1)
C("month_no_year_backwards", "en", A,
  ("How much did it rain in September 2021?", expect(r1)),
  ("what about february?", expect(r2)))

r1 = R(variable="temperature", **mo(2018, 7))
r2 = merge(r1, **same_year_month(r1, 8))
r3 = merge(r2, unit="°F")
C("month_no_year_unit", "fr", N,
  ("temp moyenne juillet 2018 clermont", expect(r1)),
  ("et aout ?", expect(r2)),
  ("en fahrenheit ?", expect(r3)))

r1 = R(variable="pm25", place="Montferrand", **mo(2020, 9))
r2 = merge(r1, **same_year_month(r1, 12))
C("month_no_year", "en", A,
  ("pm2.5 montferrand sept 2020", expect(r1)),
  ("dec?", expect(r2)))

r1 = R(variable="humidity", **mo(2015, 4))
r2 = merge(r1, **same_year_month(r1, 6))
C("month_no_year", "fr", A,
  ("Humidité moyenne en avril 2015 ?", expect(r1)),
  ("Et pour le mois de juin ?", expect(r2)))

# =================================================================================================
# 2. Relative days: the day after / before
# =================================================================================================
r1 = R(variable="temperature", **{"from": "2019-07-14"})
r2 = merge(r1, **shift(r1, "day", 1))
r3 = merge(r2, unit="°F")
C("rel_next_day_unit", "en", N,
  ("What were the temperatures in Clermont on 14 July 2019?", expect(r1)),
  ("and the day after?", expect(r2, D(r2))),
  ("in Fahrenheit?", expect(r3, D(r3))))

r1 = R(variable="precipitation", **{"from": "2020-05-11"})
r2 = merge(r1, **shift(r1, "day", -1))
C("rel_prev_day", "fr", A,
  ("Il a plu combien le 11 mai 2020 ?", expect(r1)),
  ("et la veille ?", expect(r2, D(r2))))

r1 = R(variable="pm25", place="Montferrand", **{"from": "2020-03-03"})
r2 = merge(r1, **shift(r1, "day", -1))
r3 = merge(r2, place="Esplanade")
C("rel_prev_day_station", "en", A,
  ("PM2.5 at Montferrand on 3 March 2020?", expect(r1)),
  ("the day before?", expect(r2, D(r2))),
  ("and at the station by the railway?", expect(r3, D(r3))))

r1 = R(variable="pm25", **{"from": "2020-12-01"})
r2 = merge(r1, **shift(r1, "day", 1))
C("rel_next_day", "fr", N,
  ("pm2.5 en ville le 1er décembre 2020", expect(r1)),
  ("et le lendemain ?", expect(r2, D(r2))))

# the day after the last weather day: no data
r1 = R(variable="temperature", **{"from": "2022-03-31"})
r2 = merge(r1, **shift(r1, "day", 1))
C("rel_next_day_nodata", "en", A,
  ("What was the temperature on 31 March 2022?", expect(r1)),
  ("and the next day?", nodata(r2, with_plan=True)))

r1 = R(variable="temperature", statistic="min", **{"from": "2017-01-03"})
r2 = merge(r1, **shift(r1, "day", 1))
C("rel_next_day_statistic", "fr", A,
  ("Température minimale le 3 janvier 2017 ?", expect(r1)),
  ("et le lendemain ?", expect(r2, D(r2))))

r1 = R(variable="wind_gust", **{"from": "2020-02-10"})
r2 = merge(r1, **shift(r1, "day", -1))
C("rel_prev_day", "en", N,
  ("strongest gust on Feb 10 2020?", expect(r1)),
  ("and the day before that?", expect(r2, D(r2))))

r1 = R(variable="precipitation", **{"from": "2018-06-03"})
r2 = merge(r1, **shift(r1, "day", 1))
C("rel_next_day", "fr", A,
  ("Il est tombé combien de flotte le 3 juin 2018 ?", expect(r1)),
  ("et le jour d'apres", expect(r2, D(r2))))

# =================================================================================================
# 3. A day of the month alone keeps the month and year
# =================================================================================================
r1 = R(variable="temperature", **{"from": "2018-03-03"})
r2 = merge(r1, **same_month_day(r1, 5))
C("day_no_month", "fr", A,
  ("Il faisait combien le 3 mars 2018 ?", expect(r1)),
  ("et le 5 ?", expect(r2, D(r2))))

r1 = R(variable="precipitation", **{"from": "2021-06-01"})
r2 = merge(r1, **same_month_day(r1, 21))
C("day_no_month", "en", N,
  ("rain on 1 June 2021?", expect(r1)),
  ("and on the 21st?", expect(r2, D(r2))))

# =================================================================================================
# 4. Relative months
# =================================================================================================
r1 = R(variable="precipitation", **mo(2021, 4))
r2 = merge(r1, **shift(r1, "month", 1))
r3 = merge(r2, **shift(r2, "month", 1))
C("rel_next_month_chain", "fr", A,
  ("Cumul de pluie en avril 2021 ?", expect(r1)),
  ("et le mois suivant ?", expect(r2)),
  ("et celui d'après ?", expect(r3)))

r1 = R(variable="pm25", place="Esplanade", **mo(2020, 6))
r2 = merge(r1, **shift(r1, "month", -1))
C("rel_prev_month", "en", A,
  ("Average PM2.5 at Esplanade Gare in June 2020?", expect(r1)),
  ("and the month before?", expect(r2)))

r1 = R(variable="wind_speed", **mo(2020, 2))
r2 = merge(r1, **shift(r1, "month", -1))
r3 = merge(r2, unit="km/h")
C("rel_prev_month_unit", "en", N,
  ("mean wind speed in February 2020", expect(r1)),
  ("previous month?", expect(r2)),
  ("in km/h", expect(r3, says=["km/h"])))

r1 = R(variable="humidity", **mo(2020, 8))
r2 = merge(r1, **shift(r1, "month", -1))
C("rel_prev_month", "fr", A,
  ("humidite moyenne en aout 2020 ?", expect(r1)),
  ("le mois d'avant ?", expect(r2)))

r1 = R(variable="pm25", place="Aurillac", **mo(2020, 10))
r2 = merge(r1, **shift(r1, "month", 1))
C("rel_next_month", "fr", N,
  ("Les PM2,5 à Aurillac-Lagarde en octobre 2020, en moyenne ?", expect(r1)),
  ("Et le mois d'après ?", expect(r2)))

# =================================================================================================
# 5. Relative years
# =================================================================================================
r1 = R(variable="precipitation", **hy(2019))
r2 = merge(r1, **shift(r1, "year", -1))
C("rel_prev_year", "en", A,
  ("How much rain fell in Clermont in 2019?", expect(r1)),
  ("and the year before?", expect(r2)))

r1 = R(variable="temperature", **hy(2017))
r2 = merge(r1, **shift(r1, "year", 1))
C("rel_next_year", "fr", N,
  ("Température moyenne en 2017 ?", expect(r1)),
  ("et l'année d'après ?", expect(r2)))

r1 = R(variable="precipitation", **mo(2016, 6))
r2 = merge(r1, **shift(r1, "year", -1))
C("rel_same_month_prev_year", "fr", A,
  ("pluie en juin 2016 ?", expect(r1)),
  ("Et en juin de l'année d'avant ?", expect(r2)))

r1 = R(variable="temperature", **mo(2020, 12))
r2 = merge(r1, **shift(r1, "year", -1))
C("rel_same_month_prev_year", "en", A,
  ("average temperature in December 2020?", expect(r1)),
  ("same month the year before?", expect(r2)))

# "l'année d'avant" said bare after a month: the same month a year earlier, or the whole year before
r1 = R(variable="precipitation", **mo(2021, 5))
r2 = merge(r1, **shift(r1, "year", -1), period_unsure=True,
           alternatives=[merge(r1, **hy(2020))])
C("rel_prev_year_after_month", "fr", A,
  ("Combien de pluie en mai 2021 ?", expect(r1)),
  ("et l'année d'avant ?", expect(r2)))

# another year said alone after a month: the same month that year, or that whole year
r1 = R(variable="temperature", **mo(2019, 3))
r2 = merge(r1, **mo(2020, 3), period_unsure=True, alternatives=[merge(r1, **hy(2020))])
C("other_year_after_month", "en", N,
  ("What was the mean temperature in March 2019?", expect(r1)),
  ("and 2020?", expect(r2)))

# =================================================================================================
# 6. Relative weeks (after a Monday-Sunday week)
# =================================================================================================
r1 = R(variable="precipitation", **{"from": "2019-11-18", "to": "2019-11-24"})
r2 = merge(r1, **shift(r1, "week", 1))
C("rel_next_week", "fr", A,
  ("Combien de pluie du lundi 18 au dimanche 24 novembre 2019 ?", expect(r1)),
  ("et la semaine suivante ?", expect(r2)))

r1 = R(variable="pm25", **{"from": "2020-11-02", "to": "2020-11-08"})
r2 = merge(r1, **shift(r1, "week", -1))
C("rel_prev_week", "en", N,
  ("average PM2.5 in Clermont from Monday 2 to Sunday 8 November 2020", expect(r1)),
  ("and the week before?", expect(r2)))

r1 = R(variable="temperature", **{"from": "2021-02-01", "to": "2021-02-07"})
r2 = merge(r1, **shift(r1, "week", 1))
C("rel_next_week", "en", A,
  ("mean temperature from 1 to 7 February 2021?", expect(r1)),
  ("the following week?", expect(r2)))

r1 = R(variable="pm25", place="Montferrand", **{"from": "2020-03-16", "to": "2020-03-22"})
assert r1["from"].weekday() == 0
r2 = merge(r1, **shift(r1, "week", -1))
C("rel_prev_week", "fr", A,
  ("moyenne des PM2.5 à Montferrand la semaine du 16 au 22 mars 2020 ?", expect(r1)),
  ("et la semaine d'avant ?", expect(r2)))

# =================================================================================================
# 7. Another place (station)
# =================================================================================================
r1 = R(variable="pm25", **mo(2020, 11))
r2 = merge(r1, place="Montferrand")
r3 = merge(r2, place="Esplanade")
C("other_station_chain", "en", A,
  ("What was the average PM2.5 in Clermont in November 2020?", expect(r1)),
  ("and at Montferrand?", expect(r2, says=["Montferrand"])),
  ("and Esplanade Gare?", expect(r3)))

r1 = R(variable="pm25", place="Montferrand", **mo(2020, 10))
r2 = merge(r1, place="Aurillac")
C("other_station", "fr", A,
  ("Moyenne PM2.5 à Montferrand en octobre 2020", expect(r1)),
  ("et à Aurillac ?", expect(r2, says=["Aurillac"])))

r1 = R(variable="pm25", place="Esplanade", **{"from": "2020-01-15"})
r2 = merge(r1, place="Montferrand")
r3 = merge(r2, place="city")
C("other_station_chain", "fr", N,
  ("pm2,5 a la gare le 15 janvier 2020", expect(r1)),
  ("et a montferrand ?", expect(r2)),
  ("et en ville en general ?", expect(r3)))

r1 = R(variable="pm25", place="Paray", **mo(2020, 7))
r2 = merge(r1, place="Aurillac")
C("other_station", "en", N,
  ("PM2.5 at Paray-le-Frésil in July 2020", expect(r1)),
  ("same for Aurillac", expect(r2)))

# a station without data for the period / the day
r1 = R(variable="pm25", place="Montferrand", **mo(2020, 2))
r2 = merge(r1, place="Paray")
C("other_station_nodata", "en", A,
  ("PM2.5 at Montferrand in February 2020?", expect(r1)),
  ("and at Paray-le-Fresil?", nodata(r2, with_plan=True)))

r1 = R(variable="pm25", place="Montferrand", **{"from": "2020-11-14"})
r2 = merge(r1, place="Esplanade")
C("other_station_nodata", "fr", A,
  ("Combien de PM2.5 à Montferrand le 14 novembre 2020 ?", expect(r1)),
  ("et à la gare ?", nodata(r2, with_plan=True)))

# =================================================================================================
# 8. Another variable (same place and period)
# =================================================================================================
r1 = R(variable="temperature", **mo(2019, 7))
r2 = merge(r1, variable="precipitation")
C("other_variable", "en", A,
  ("What was the average temperature in Clermont in July 2019?", expect(r1)),
  ("what about the rain?", expect(r2)))

r1 = R(variable="temperature", **{"from": "2020-02-10"})
r2 = merge(r1, variable="wind_gust")
r3 = merge(r2, unit="km/h")
C("other_variable_unit", "fr", A,
  ("Il a fait combien le 10 février 2020 ?", expect(r1)),
  ("et les rafales ?", expect(r2)),
  ("en km/h ?", expect(r3, says=["km/h"])))

r1 = R(variable="precipitation", **{"from": "2020-10-02"})
r2 = merge(r1, variable="pm25")
C("weather_to_air", "fr", N,
  ("pluie le 2 octobre 2020 à clermont", expect(r1)),
  ("et les particules fines ?", expect(r2)))

r1 = R(variable="pm25", **{"from": "2020-01-21"})
r2 = merge(r1, variable="temperature")
r3 = merge(r2, variable="wind_speed")
C("air_to_weather_chain", "en", A,
  ("PM2.5 in town on 21 January 2020?", expect(r1)),
  ("and the temperature?", expect(r2)),
  ("windy that day?", expect(r3)))

r1 = R(variable="pressure_msl", **mo(2020, 12))
r2 = merge(r1, variable="humidity")
C("other_variable", "fr", A,
  ("Pression moyenne au niveau de la mer en décembre 2020 ?", expect(r1)),
  ("et l'humidité ?", expect(r2)))

r1 = R(variable="precipitation", **mo(2018, 3))
r2 = merge(r1, variable="wind_speed")
C("other_variable", "en", N,
  ("rainfall total March 2018", expect(r1)),
  ("how windy was it on average?", expect(r2)))

r1 = R(variable="pm25", **mo(2020, 4))
r2 = merge(r1, variable="precipitation")
C("air_to_weather", "fr", A,
  ("Pendant le confinement, en avril 2020, PM2.5 moyenne en ville ?", expect(r1)),
  ("et il a plu combien ce mois-là ?", expect(r2)))

# =================================================================================================
# 9. Another unit
# =================================================================================================
r1 = R(variable="wind_speed", **{"from": "2020-02-04"})
r2 = merge(r1, unit="km/h")
C("unit_kmh", "en", A,
  ("What was the average wind speed on 4 February 2020?", expect(r1)),
  ("in km/h?", expect(r2, says=["km/h"])))

r1 = R(variable="wind_speed", **mo(2017, 10))
r2 = merge(r1, unit="kt")
C("unit_knots", "fr", A,
  ("Vent moyen en octobre 2017 ?", expect(r1)),
  ("et en noeuds ?", expect(r2)))

r1 = R(variable="temperature", **{"from": "2019-07-25"})
r2 = merge(r1, unit="°F")
C("unit_fahrenheit", "en", N,
  ("temperature on 25 July 2019", expect(r1)),
  ("and in fahrenheit?", expect(r2)))

r1 = R(variable="wind_gust", **{"from": "2017-03-06"})
r2 = merge(r1, unit="km/h")
C("unit_kmh", "fr", A,
  ("rafale max le 6 mars 2017", expect(r1)),
  ("ça fait combien en km/h ?", expect(r2, says=["km/h"])))

r1 = R(variable="temperature", **mo(2017, 1))
r2 = merge(r1, unit="°F")
r3 = merge(r2, **shift(r2, "month", 1))
C("unit_then_next_month", "en", A,
  ("average temperature in January 2017?", expect(r1)),
  ("fahrenheit?", expect(r2)),
  ("and the month after?", expect(r3)))

r1 = R(variable="temperature", **{"from": "2019-06-27"})
r2 = merge(r1, unit="°F")
C("unit_fahrenheit", "fr", N,
  ("Il faisait quelle température le 27 juin 2019 ?", expect(r1)),
  ("Tu peux me le donner en degrés Fahrenheit ?", expect(r2)))

# =================================================================================================
# 10. Widening a day to its month, and a plain other month/year
# =================================================================================================
r1 = R(variable="precipitation", **{"from": "2018-06-11"})
r2 = merge(r1, **whole_month(r1))
C("whole_month", "en", A,
  ("How much rain on 11 June 2018?", expect(r1)),
  ("what about the whole month?", expect(r2)))

r1 = R(variable="temperature", **{"from": "2020-07-14"})
r2 = merge(r1, **whole_month(r1))
r3 = merge(r2, **mo(2019, 7))
C("whole_month_chain", "fr", A,
  ("Il a fait quelle température le 14 juillet 2020 ?", expect(r1)),
  ("et sur tout le mois ?", expect(r2)),
  ("et en juillet 2019 ?", expect(r3)))

# =================================================================================================
# 11. Comparisons asked as a follow-up
# =================================================================================================
r1 = R(variable="precipitation", **hy(2020))
r2 = merge(r1, ask="compare", sides=[hy(2020), hy(2019)])
C("compare_followup", "fr", A,
  ("Combien de pluie en 2020 ?", expect(r1)),
  ("c'est plus ou moins qu'en 2019 ?", expect(r2)))

r1 = R(variable="pm25", place="Montferrand", **mo(2020, 11))
r2 = merge(r1, ask="compare", sides=[{"place": "Montferrand"}, {"place": "Esplanade"}])
C("compare_followup", "en", N,
  ("average PM2.5 at Montferrand in November 2020", expect(r1)),
  ("how does that compare with Esplanade Gare?", expect(r2, says=["Esplanade"])))

r1 = R(variable="temperature", **mo(2019, 8))
r2 = merge(r1, ask="compare", sides=[mo(2019, 8), mo(2018, 8)])
C("compare_followup", "en", A,
  ("mean temp august 2019", expect(r1)),
  ("warmer than august 2018?", expect(r2)))

# =================================================================================================
# 12. Housing: another dwelling
# =================================================================================================
def HR(measure, dwelling, y, rooms=None):
    return R(ask="value", variable=None, place=None,
             housing={"measure": measure, "dwelling": dwelling, "rooms": rooms}, **hy(y))


r1 = HR("price_per_m2", "flat", 2022)
r2 = merge(r1, housing={"dwelling": "house"})
r3 = merge(r2, **shift(r2, "year", -1))
C("housing_dwelling_chain", "en", H,
  ("median price per m² for flats in Clermont in 2022?", expect(r1)),
  ("what about houses?", expect(r2)),
  ("and the year before?", expect(r3)))

r1 = HR("price_per_m2", "flat", 2023)
r2 = merge(r1, housing={"dwelling": "house"})
C("housing_dwelling", "fr", N,
  ("prix du m2 des apparts à Clermont en 2023", expect(r1)),
  ("et pour les maisons ?", expect(r2)))

r1 = HR("price", "house", 2024)
r2 = merge(r1, housing={"dwelling": "flat"})
C("housing_dwelling", "fr", H,
  ("prix médian d'une maison à Clermont-Ferrand en 2024 ?", expect(r1)),
  ("et un appart ?", expect(r2)))

r1 = HR("surface", "house", 2021)
r2 = merge(r1, housing={"dwelling": "flat"})
C("housing_dwelling", "en", N,
  ("typical floor area of houses sold in Clermont in 2021?", expect(r1)),
  ("same for flats", expect(r2)))

# =================================================================================================
# 13. Housing: another size
# =================================================================================================
r1 = HR("sales", "T", 2023, 2)
r2 = merge(r1, housing={"rooms": 3})
r3 = merge(r2, **hy(2024))
C("housing_size_chain", "fr", H,
  ("combien de T2 vendus en 2023 ?", expect(r1)),
  ("et de T3 ?", expect(r2)),
  ("et en 2024 ?", expect(r3)))

r1 = HR("sales", "flat", 2022, 3)
r2 = merge(r1, housing={"rooms": 4})
C("housing_size", "en", N,
  ("How many 3-room flats were sold in Clermont-Ferrand in 2022?", expect(r1)),
  ("and 4-room ones?", expect(r2)))

r1 = HR("price_per_m2", "flat", 2021, 1)
r2 = merge(r1, housing={"rooms": 2})
C("housing_size", "en", H,
  ("median price per m2 of studios in Clermont in 2021", expect(r1)),
  ("and for 2-room flats?", expect(r2)))

# too few sales: the count only
r1 = HR("price_per_m2", "house", 2023)
r2 = merge(r1, housing={"rooms": 1})
n = h_group("house", 1, *year(2023))
assert 0 < len(n) < MIN_SALES
C("housing_size_few_sales", "fr", H,
  ("prix au m2 des maisons en 2023 ?", expect(r1)),
  ("et les maisons d'une seule pièce ?", expect(r2)))

r1 = HR("price", "flat", 2024, 5)
r2 = merge(r1, housing={"rooms": 4})
C("housing_size", "fr", N,
  ("Prix médian des appartements de 5 pièces et plus en 2024 ?", expect(r1)),
  ("et les 4 pièces ?", expect(r2)))

# =================================================================================================
# 14. Housing: another measure (price against number of sales, surface)
# =================================================================================================
r1 = HR("price_per_m2", "flat", 2023)
r2 = merge(r1, housing={"measure": "sales"})
r3 = merge(r2, housing={"dwelling": "house"})
C("housing_measure_chain", "en", H,
  ("Median €/m² for flats in 2023?", expect(r1)),
  ("how many were sold?", expect(r2)),
  ("and houses?", expect(r3)))

r1 = HR("sales", "house", 2021)
r2 = merge(r1, housing={"measure": "price"})
C("housing_measure", "fr", N,
  ("Nombre de ventes de maisons à Clermont en 2021 ?", expect(r1)),
  ("et le prix médian ?", expect(r2)))

r1 = HR("price_per_m2", "flat", 2024)
r2 = merge(r1, housing={"measure": "surface"})
C("housing_measure", "en", H,
  ("flat price per m2 2024", expect(r1)),
  ("and the median size?", expect(r2)))

r1 = HR("price", "house", 2022)
r2 = merge(r1, housing={"measure": "price_per_m2"})
C("housing_measure", "en", N,
  ("median house price in Clermont-Ferrand in 2022", expect(r1)),
  ("and per square metre?", expect(r2)))

r1 = HR("sales", "T", 2022, 2)
r2 = merge(r1, housing={"measure": "price_per_m2"})
C("housing_measure", "en", H,
  ("how many T2 sold in 2022", expect(r1)),
  ("and their price per m2?", expect(r2)))

# =================================================================================================
# 15. Housing: relative and other years
# =================================================================================================
r1 = HR("price_per_m2", "house", 2022)
r2 = merge(r1, **shift(r1, "year", 1))
r3 = merge(r2, **shift(r2, "year", 1))
C("housing_next_year_chain", "fr", H,
  ("Prix médian au m² des maisons en 2022 ?", expect(r1)),
  ("et l'année suivante ?", expect(r2)),
  ("et celle d'après ?", expect(r3)))

r1 = HR("sales", "house", 2024)
r2 = merge(r1, **shift(r1, "year", 1))
C("housing_year_nodata", "en", H,
  ("How many houses were sold in Clermont in 2024?", expect(r1)),
  ("and the year after?", nodata(r2, with_plan=True)))

r1 = HR("sales", "flat", 2022)
r2 = merge(r1, **hy(2020))
C("housing_year_nodata", "fr", H,
  ("nb de ventes d'apparts en 2022", expect(r1)),
  ("et en 2020 ?", nodata(r2, with_plan=True)))

r1 = HR("price", "flat", 2024)
r2 = merge(r1, **shift(r1, "year", -1))
C("housing_prev_year", "en", N,
  ("What did a typical flat sell for in Clermont-Ferrand in 2024?", expect(r1)),
  ("the year before?", expect(r2)))

# =================================================================================================
# 16. Housing: compare as a follow-up
# =================================================================================================
r1 = HR("price_per_m2", "flat", 2023)
r2 = merge(r1, ask="compare", sides=[{"housing": {"measure": "price_per_m2", "dwelling": "flat", "rooms": None}},
                                     {"housing": {"measure": "price_per_m2", "dwelling": "house", "rooms": None}}])
C("housing_compare", "fr", H,
  ("prix du m2 des appartements en 2023 ?", expect(r1)),
  ("c'est moins cher que les maisons ?", expect(r2)))

r1 = HR("price_per_m2", "house", 2024)
r2 = merge(r1, ask="compare", sides=[hy(2024), hy(2021)])
C("housing_compare", "en", N,
  ("house price per m2 in Clermont 2024", expect(r1)),
  ("vs 2021?", expect(r2)))

# =================================================================================================
# 17. Across domains
# =================================================================================================
r1 = HR("sales", "flat", 2021)
r2 = R(variable="precipitation", **hy(2021))
C("housing_to_weather", "fr", N,
  ("Combien d'appartements vendus à Clermont en 2021 ?", expect(r1)),
  ("et il a plu combien cette année-là ?", expect(r2)))

# housing inherits the year 2020 of the air question: DVF starts in 2021
r1 = R(variable="pm25", **hy(2020))
C("air_to_housing_nodata", "fr", A,
  ("PM2.5 moyenne en ville en 2020", expect(r1)),
  ("et les prix de l'immobilier cette année-là ?", nodata(merge(HR("price_per_m2", "both", 2020), place=None))))
assert not h_group("both", None, *year(2020))

# =================================================================================================
# 18. Follow-ups about something without data
# =================================================================================================
r1 = R(variable="pm25", **mo(2020, 3))
C("nodata_topic", "fr", A,
  ("PM2.5 moyenne en ville en mars 2020", expect(r1)),
  ("et le pollen ?", nodata(None)))

r1 = R(variable="pm25", place="Montferrand", **mo(2020, 7))
C("nodata_pollutant", "en", A,
  ("PM2.5 at Montferrand in July 2020?", expect(r1)),
  ("and ozone?", nodata(None)))

r1 = HR("price_per_m2", "flat", 2022)
C("nodata_topic", "fr", H,
  ("prix du m2 des apparts en 2022", expect(r1)),
  ("et les loyers ?", nodata(None)))

r1 = R(variable="precipitation", **mo(2019, 8))
C("nodata_topic", "en", N,
  ("how much rain fell in Clermont in August 2019?", expect(r1)),
  ("and how many hours of sunshine?", nodata(None)))

r1 = R(variable="temperature", **{"from": "2020-08-10"})
C("nodata_place", "en", A,
  ("temperature on 10 August 2020", expect(r1)),
  ("and in Lyon?", nodata(None)))

r1 = R(variable="pm25", place="Montferrand", **mo(2020, 5))
C("nodata_place", "fr", N,
  ("PM2.5 à Montferrand en mai 2020 ?", expect(r1)),
  ("et à Royat ?", nodata(None)))

r1 = R(variable="pm25", **hy(2020))
r2 = merge(r1, **hy(2019))
C("nodata_year", "en", A,
  ("Average PM2.5 in Clermont in 2020?", expect(r1)),
  ("and in 2019?", nodata(r2, with_plan=True)))

r1 = R(variable="temperature", **hy(2021))
r2 = merge(r1, **hy(2023))
C("nodata_year", "fr", N,
  ("température moyenne en 2021 ?", expect(r1)),
  ("et en 2023 ?", nodata(r2, with_plan=True)))

# (not "PM2.5 in December 2020, and the month after?": the file holds 2021-01-01 at every station)
r1 = R(variable="precipitation", **mo(2022, 3))
r2 = merge(r1, **shift(r1, "month", 1))
C("nodata_next_month", "fr", A,
  ("Il est tombé combien de pluie en mars 2022 ?", expect(r1)),
  ("et le mois suivant ?", nodata(r2, with_plan=True)))

# =================================================================================================
# 19. Follow-ups that cannot be read
# =================================================================================================
r1 = R(variable="precipitation", **mo(2019, 3))
C("unreadable", "fr", A,
  ("Combien de pluie en mars 2019 ?", expect(r1)),
  ("bon, et le machin ?", nodata(None)))

r1 = R(variable="temperature", **{"from": "2018-05-05"})
C("unreadable", "en", N,
  ("temperature on 5 May 2018", expect(r1)),
  ("hmm and the other thing?", nodata(None)))

r1 = R(variable="wind_speed", **{"from": "2021-02-01"})
C("unreadable", "fr", N,
  ("vent moyen le 1er fevrier 2021", expect(r1)),
  ("et ??", nodata(None)))

r1 = R(variable="pm25", place="Esplanade", **mo(2020, 5))
C("unreadable", "en", A,
  ("PM2.5 at Esplanade Gare in May 2020", expect(r1)),
  ("ok what about that stuff then", nodata(None)))

# a readable chain that ends unreadable
r1 = HR("price_per_m2", "house", 2021)
r2 = merge(r1, housing={"dwelling": "flat"})
C("unreadable_after_chain", "fr", H,
  ("prix au m² des maisons en 2021", expect(r1)),
  ("idem pour les apparts", expect(r2)),
  ("et pour le truc ?", nodata(None)))

# =================================================================================================
# 20. More everyday wordings
# =================================================================================================
r1 = R(variable="temperature", **{"from": "2019-12-25"})
r2 = merge(r1, **shift(r1, "day", 1))
C("named_day_no_year", "en", A,
  ("how cold was it on christmas day 2019?", expect(r1)),
  ("and boxing day?", expect(r2, D(r2))))

r1 = R(variable="pm25", place="Montferrand", **{"from": "2020-07-14"})
r2 = merge(r1, **shift(r1, "day", 1))
r3 = merge(r2, place="city")
C("day_no_month_station", "fr", A,
  ("Le 14 juillet 2020, combien de PM2.5 à Montferrand ?", expect(r1)),
  ("Et le 15 ?", expect(r2, D(r2))),
  ("et pour toute la ville ?", expect(r3, D(r3))))

r1 = R(variable="humidity", **{"from": "2021-11-03"})
r2 = merge(r1, **shift(r1, "day", -1))
C("rel_prev_day", "en", N,
  ("humidity in Clermont on 3 November 2021?", expect(r1)),
  ("the day before?", expect(r2, D(r2))))

r1 = R(variable="pressure_msl", **{"from": "2020-01-15"})
r2 = merge(r1, **shift(r1, "day", 1))
C("rel_next_day", "en", A,
  ("sea level pressure 15/01/2020?", expect(r1)),
  ("next day", expect(r2, D(r2))))

r1 = R(variable="pm25", place="Paray", **mo(2020, 5))
r2 = merge(r1, **shift(r1, "month", 1))
C("rel_next_month", "en", A,
  ("Mean PM2.5 at Paray-le-Frésil in May 2020?", expect(r1)),
  ("next month?", expect(r2)))

r1 = R(variable="precipitation", **mo(2017, 11))
r2 = merge(r1, **same_year_month(r1, 12))
r3 = merge(r2, variable="temperature")
C("month_no_year_chain", "en", A,
  ("total rain in November 2017?", expect(r1)),
  ("december?", expect(r2)),
  ("and how warm was it?", expect(r3)))

r1 = R(variable="wind_speed", **{"from": "2019-12-14"})
r2 = merge(r1, unit="km/h")
r3 = merge(r2, **shift(r2, "day", 1))
C("unit_then_next_day", "fr", A,
  ("Quelle était la vitesse moyenne du vent le 14 décembre 2019 ?", expect(r1)),
  ("en km/h stp", expect(r2, says=["km/h"])),
  ("et le lendemain ?", expect(r3, D(r3))))

r1 = R(variable="temperature", **hy(2015))
r2 = merge(r1, variable="precipitation")
C("other_variable", "en", N,
  ("What was Clermont-Ferrand's average temperature over 2015?", expect(r1)),
  ("And rain-wise?", expect(r2)))


# =================================================================================================
# Output
# =================================================================================================
def check(c):
    assert c["lang"] in ("fr", "en") and 2 <= len(c["turns"]) <= 3
    assert c["as_of"] is None or date.fromisoformat(c["as_of"])
    for t in c["turns"]:
        e = t["expect"]
        assert e["status"] in ("answered", "no_data") and isinstance(e["plan"], dict)
        if e["status"] == "answered":
            assert e["numbers"], c
        else:
            assert not e["numbers"] and not e["dates"], c
        for n in e["numbers"]:
            vals = n["any_of"] if "any_of" in n else [n["value"]]
            assert vals and all(isinstance(v, (int, float)) and math.isfinite(v) for v in vals), c
        for d in e["dates"]:
            date.fromisoformat(d)
    # the first turn is a question of its own: it must be answered
    assert c["turns"][0]["expect"]["status"] == "answered", c
    if c["as_of"] is None:
        assert any(ch.isdigit() for ch in c["turns"][0]["question"]), c  # names its year


def main():
    seen = set()
    for i, c in enumerate(CONVERSATIONS, 1):
        check(c)
        k = tuple(t["question"].strip().lower() for t in c["turns"])
        assert k not in seen, ("duplicate conversation", k)
        seen.add(k)
        print(json.dumps({"id": f"f{i:03d}", **c}, ensure_ascii=False))
    turns = [t for c in CONVERSATIONS for t in c["turns"]]
    fr = sum(c["lang"] == "fr" for c in CONVERSATIONS)
    null = sum(c["as_of"] is None for c in CONVERSATIONS)
    nod = sum(t["expect"]["status"] == "no_data" for t in turns)
    three = sum(len(c["turns"]) == 3 for c in CONVERSATIONS)
    forms = Counter(c["form"] for c in CONVERSATIONS)
    print(f"{len(CONVERSATIONS)} conversations ({three} of three turns), {len(turns)} turns, {fr} fr / "
          f"{len(CONVERSATIONS) - fr} en, as_of null {null}, no-figure turns {nod}, {len(forms)} forms",
          file=sys.stderr)
    if "--forms" in sys.argv:
        print(", ".join(f"{k} {v}" for k, v in sorted(forms.items())), file=sys.stderr)
    assert len(CONVERSATIONS) >= 64 and null >= 12 and abs(2 * fr - len(CONVERSATIONS)) <= 2


if __name__ == "__main__":
    main()
