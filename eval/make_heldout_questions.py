#!/usr/bin/env python3
"""Writes eval/questions_heldout.jsonl: a held-out set of varied, human-phrased questions over the
real Clermont-Ferrand data, in French and English, each with the figures and days a right answer
must give, computed here from the raw files in ../shared/data/clermont/ (and the index bands in
../shared/data/reference/), never typed by hand.

    python3 eval/make_heldout_questions.py > eval/questions_heldout.jsonl

Semantics (the service's contract): a city PM2.5 day is the mean of that day's FR07004 Montferrand
and FR07034 Esplanade Gare values; a period's PM2.5 mean is the mean of its days with data; weather
days are Europe/Paris calendar days of the UTC SYNOP observations of 07460 (Aulnat), a period's
mean is the mean of its daily means, rain is the sum of daily totals; frost day = min < 0 °C, hot
day = max >= 30 °C, rainy day = total >= 1 mm, guideline day = PM2.5 > 15 µg/m³ (WHO 2021).
Seasons are meteorological (spring Mar-May, summer Jun-Aug, autumn Sep-Nov).
"""

import csv
import json
import math
import random
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DATA = ROOT / "clermont"
REF = ROOT / "reference"
PARIS = ZoneInfo("Europe/Paris")
AS_OF = "2022-06-30"
TOL = 1e-6

# --- PM2.5, daily series as published ----------------------------------------------------------
pm25 = defaultdict(dict)  # code -> date -> value
with open(DATA / "pm25_daily_2020_stations.csv", newline="") as f:
    for row in csv.DictReader(f):
        pm25[row["station_code"]][date.fromisoformat(row["date"])] = float(row["value"])
CITY_STATIONS = ["FR07004", "FR07034"]
city = {}
for d in sorted(set(pm25["FR07004"]) | set(pm25["FR07034"])):
    values = [pm25[c][d] for c in CITY_STATIONS if d in pm25[c]]
    city[d] = sum(values) / len(values)
SERIES = {"city": city, "FR07004": pm25["FR07004"], "FR07034": pm25["FR07034"],
          "FR07022": pm25["FR07022"], "FR07052": pm25["FR07052"]}
STATION_WORD = {"FR07004": "Montferrand", "FR07034": "Esplanade", "FR07022": "Paray", "FR07052": "Aurillac"}

# --- SYNOP weather: the service's validation, the last row of a repeated time wins --------------
LIMITS = {"t": (-90, 60), "td": (-100, 40), "u": (0, 100), "ff": (0, 120), "raf10": (0, 150), "dd": (0, 360),
          "pmer": (850, 1100), "pres": (500, 1100), "rr3": (0, 500), "vv": (0, 100000), "n": (0, 100)}
observations = {}
with open(DATA / "synop_07460_201301-202203.csv", newline="") as f:
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

# --- reference bands -----------------------------------------------------------------------------
ATMO = []  # (upper bound on the rounded value or None, label_fr, label_en)
with open(REF / "atmo_index_france_2021_arrete_2020-07-10.csv", newline="") as f:
    for row in csv.DictReader(f):
        band = row["pm2_5_ug_m3_daily_mean"]
        ATMO.append((None if band.startswith(">") else int(band.split("-")[1]), row["label_fr"], row["label_en"]))
with open(REF / "eaqi_bands_eea_pre2024_as_documented_by_open-meteo.csv", newline="") as f:
    row = next(r for r in csv.DictReader(f) if r["pollutant"] == "pm2_5")
EAQI_EDGES = [float(row[k]) for k in ("good_hi", "fair_hi", "moderate_hi", "poor_hi", "very_poor_hi")]
EAQI_EN = ["good", "fair", "moderate", "poor", "very poor", "extremely poor"]
EAQI_FR = ["bon", "correct", "moyen", "médiocre", "très médiocre", "extrêmement médiocre"]
with open(REF / "who_aqg_2021.csv", newline="") as f:
    WHO = float(next(r for r in csv.DictReader(f) if r["pollutant"] == "PM2.5" and r["averaging_time"] == "24-hour")["aqg_level"])


def atmo(x, lang):
    # half-up rounding to the unit; refuse values at a rounding edge
    assert all(b is None or abs(x - (b + 0.5)) > 1e-3 for b, _, _ in ATMO), x
    r = math.floor(x + 0.5)
    for hi, fr, en in ATMO:
        if hi is None or r <= hi:
            return (fr if lang == "fr" else en).lower()


def eaqi(x, lang):
    assert all(abs(x - e) > 1e-3 for e in EAQI_EDGES), x
    i = next((i for i, e in enumerate(EAQI_EDGES) if x <= e), len(EAQI_EDGES))
    return (EAQI_FR if lang == "fr" else EAQI_EN)[i]


# --- calendar helpers ----------------------------------------------------------------------------
def D(s):
    return date.fromisoformat(s)


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def month(y, m):
    end = (date(y, m, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return date(y, m, 1), end


def year(y):
    return date(y, 1, 1), date(y, 12, 31)


def season(name, y):
    m0 = {"spring": 3, "summer": 6, "autumn": 9}[name]
    return date(y, m0, 1), month(y, m0 + 2)[1]


def quarter(q, y):
    return date(y, 3 * q - 2, 1), month(y, 3 * q)[1]


def half(h, y):
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def easter(y):
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    mo = (h + l - 7 * m + 114) // 31
    return date(y, mo, (h + l - 7 * m + 114) % 31 + 1)


def last_week(as_of):
    monday = as_of - timedelta(days=as_of.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def last_month(as_of):
    first = as_of.replace(day=1) - timedelta(days=1)
    return month(first.year, first.month)


def latest_named_day(as_of, m, dd):
    d = date(as_of.year, m, dd)
    return d if d <= as_of else date(as_of.year - 1, m, dd)


def latest_named_month(as_of, m):
    return month(as_of.year if m <= as_of.month else as_of.year - 1, m)


# --- PM2.5 queries -------------------------------------------------------------------------------
def pm_day(key, d):
    return SERIES[key].get(d)


def pm_vals(key, start, end):
    s = SERIES[key]
    return [(d, s[d]) for d in days(start, end) if d in s]


def pm_mean(key, start, end):
    v = [x for _, x in pm_vals(key, start, end)]
    return sum(v) / len(v) if v else None


OPS = {">": lambda x, t: x > t, ">=": lambda x, t: x >= t, "<": lambda x, t: x < t}


def count_over(pairs, op, threshold):
    """Days passing the threshold. The data are decimal (0.1 mm, 0.05 K, ...), so a daily value is
    compared at 9 decimals: a day of exactly 1.0 mm or 30.0 °C sits on the threshold whatever the
    order of its sum or the float noise of its Kelvin conversion. A value within 1e-6 of the
    threshold that is not equal to it at 9 decimals would be ambiguous, and is refused."""
    assert pairs
    for _, x in pairs:
        assert abs(x - threshold) > 1e-6 or round(x, 9) == round(threshold, 9), ("ambiguous", op, threshold, x)
    return sum(1 for _, x in pairs if OPS[op](round(x, 9), round(threshold, 9)))


def pm_count(key, start, end, op, threshold):
    return count_over(pm_vals(key, start, end), op, threshold)


def extreme(pairs, highest=True):
    """(value, [days]) of the extreme; days equal to 9 decimals are tied, a runner-up closer than
    1e-6 without being equal would be ambiguous and is refused."""
    assert pairs
    best = max(x for _, x in pairs) if highest else min(x for _, x in pairs)
    assert all(abs(x - best) > 1e-6 or round(x, 9) == round(best, 9) for _, x in pairs), "near tie"
    return best, [d for d, x in pairs if round(x, 9) == round(best, 9)]


# --- weather queries -----------------------------------------------------------------------------
def wd(d, key, stat):
    v = weather.get(d, {}).get(key)
    if not v:
        return None
    return {"mean": sum(v) / len(v), "min": min(v), "max": max(v), "total": sum(v)}[stat]


def w_pairs(key, stat, start, end):
    out = []
    for d in days(start, end):
        x = wd(d, key, stat)
        if x is not None:
            out.append((d, x))
    return out


def w_mean(key, start, end):
    v = [x for _, x in w_pairs(key, "mean", start, end)]
    return sum(v) / len(v) if v else None


def rain(start, end):
    v = w_pairs("rr3", "total", start, end)
    return sum(x for _, x in v) if v else None


def t_low(start, end):
    v = w_pairs("t", "min", start, end)
    return min(x for _, x in v) if v else None


def t_high(start, end):
    v = w_pairs("t", "max", start, end)
    return max(x for _, x in v) if v else None


def w_count(key, stat, start, end, op, threshold):
    return count_over(w_pairs(key, stat, start, end), op, threshold)


def covered(key, start, end):
    return len(w_pairs(key, "mean", start, end)) >= 0.75 * ((end - start).days + 1)


def rank_periods(periods, key, agg, highest):
    """periods: list of (start, end); agg 'mean' or 'total'; only periods with 75% coverage."""
    scored = []
    for s, e in periods:
        if not covered(key, s, e):
            continue
        scored.append((s, w_mean(key, s, e) if agg == "mean" else rain(s, e)))
    return extreme(scored, highest)


def all_months(start, end):
    out = []
    d = start.replace(day=1)
    while d <= end:
        out.append(month(d.year, d.month))
        d = out[-1][1] + timedelta(days=1)
    return out


def all_years(start, end):
    return [year(y) for y in range(start.year, end.year + 1)]


# --- Spearman ------------------------------------------------------------------------------------
def ranks(values):
    values = [round(v, 9) for v in values]
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def spearman(station, key, start, end):
    xs, ys = [], []
    for d in days(start, end):
        p = pm_day(station, d)
        w = wd(d, key, "total" if key == "rr3" else "mean")
        if p is not None and w is not None:
            xs.append(p)
            ys.append(w)
    return pearson(ranks(xs), ranks(ys)), len(xs)


# --- expectation builders ------------------------------------------------------------------------
def num(x):
    assert x is not None and not (isinstance(x, float) and math.isnan(x))
    return {"value": x, "tolerance": TOL}


def cnt(n):
    return {"value": n, "tolerance": 0}


def anyof(*xs):
    assert all(x is not None for x in xs)
    uniq = []
    for x in xs:
        if all(abs(x - u) > 1e-9 for u in uniq):
            uniq.append(x)
    return num(uniq[0]) if len(uniq) == 1 else {"any_of": uniq, "tolerance": TOL}


def dset(*ds):
    uniq = sorted({d.isoformat() for d in ds})
    return uniq[0] if len(uniq) == 1 else {"any_of": uniq}


def ans(numbers, dates=(), says=()):
    return {"status": "answered", "numbers": list(numbers), "dates": list(dates), "says": list(says), "forbid": []}


def nodata():
    return {"status": "no_data", "numbers": [], "dates": [], "says": [], "forbid": []}


def helpme():
    return {"status": "help", "numbers": [], "dates": [], "says": [], "forbid": []}


def tminmax(d):
    return [num(wd(d, "t", "min")), num(wd(d, "t", "max"))]


QUESTIONS = []


def Q(form, kind, lang, question, expect, as_of=AS_OF, plan=None):
    if plan is not None:
        expect = {**expect, "plan": plan}
    QUESTIONS.append({"form": form, "kind": kind, "lang": lang, "question": question,
                      "as_of": as_of if isinstance(as_of, str) else as_of.isoformat(), "expect": expect})


# --- expected plans (eval/README.md, "Expected plans"): what the question asks, as a careful human
# reads it; only the keys the question determines. A period is a (start, end) pair of dates or one
# day; `periods` lists two compared (the first is also from/to), `places` two places (the first is
# also `place`); every=True is "period": "all". A figure read on the day another variable peaks
# ("PM2.5 on the hottest day") is that day's extreme: variable = the one ranked, variables = both.
PLACE = {"city": "city", **STATION_WORD}


def P(ask, variable=None, *, by=None, statistic=None, variables=None, place=None, places=None,
      period=None, periods=None, every=False, unit=None, index=None):
    plan = {"ask": ask}
    if by:
        plan["by"] = by
    if statistic:
        plan["statistic"] = statistic
    if variable:
        plan["variable"] = variable
    if variables:
        assert variables[0] == variable
        plan["variables"] = list(variables)
    if place:
        plan["place"] = PLACE[place]
    if places:
        assert place is None
        plan["place"] = PLACE[places[0]]
        plan["places"] = [PLACE[x] for x in places]
    if periods:
        assert period is None
        period = periods[0]
    if period is not None:
        start, end = period if isinstance(period, tuple) else (period, period)
        assert start <= end
        plan["from"], plan["to"] = start.isoformat(), end.isoformat()
    if periods:
        plan["periods"] = [[s.isoformat(), e.isoformat()] for s, e in periods]
    if every:
        assert period is None
        plan["period"] = "all"
    if unit:
        plan["unit"] = unit
    if index:
        plan["index"] = index
    return plan


HELP_PLAN = {"ask": "help"}


def hottest(start, end):
    vmax, dmax = extreme(w_pairs("t", "max", start, end), True)
    vmean, dmean = extreme(w_pairs("t", "mean", start, end), True)
    return anyof(vmax, vmean), dset(*dmax, *dmean), dmax + dmean


def coldest(start, end):
    vmin, dmin = extreme(w_pairs("t", "min", start, end), False)
    vmean, dmean = extreme(w_pairs("t", "mean", start, end), False)
    return anyof(vmin, vmean), dset(*dmin, *dmean), dmin + dmean


def no_pm(key, start, end):
    assert not pm_vals(key, start, end), (key, start, end)
    return nodata()


def no_weather(start, end):
    assert not w_pairs("t", "mean", start, end), (start, end)
    return nodata()


# =================================================================================================
# VALUE: PM2.5
# =================================================================================================
Q("pm_city_month_mean", "value", "en", "avg pm 2.5 clermont ferrand nov 2020 pls",
  ans([num(pm_mean("city", *month(2020, 11)))]),
  plan=P("value", "pm25", place="city", period=month(2020, 11)))
Q("pm_city_month_mean", "value", "fr",
  "C'était combien les particules fines (PM2,5) en moyenne à Clermont en janvier 2020 ? merci d'avance",
  ans([num(pm_mean("city", *month(2020, 1)))]),
  plan=P("value", "pm25", place="city", period=month(2020, 1)))

Q("pm_station_month_mean", "value", "en", "pm25 montferrand 2020-03 mean",
  ans([num(pm_mean("FR07004", *month(2020, 3)))]),
  plan=P("value", "pm25", place="FR07004", period=month(2020, 3)))
Q("pm_station_month_mean", "value", "en",
  "Could you please tell me the mean fine particulate level at the station near the railway station in October 2020?",
  ans([num(pm_mean("FR07034", *month(2020, 10)))]),
  plan=P("value", "pm25", place="FR07034", period=month(2020, 10)))
Q("pm_station_month_mean", "value", "fr", "Concentration moyenne de PM2.5 a Aurillac-Lagarde en aout 2020",
  ans([num(pm_mean("FR07052", *month(2020, 8)))]),
  plan=P("value", "pm25", place="FR07052", period=month(2020, 8)))

Q("pm_station_day", "value", "fr", "Combien de PM2.5 à l'Esplanade Gare le 17/09/2020 ?",
  ans([num(pm_day("FR07034", D("2020-09-17")))]),
  plan=P("value", "pm25", place="FR07034", period=D("2020-09-17")))
Q("pm_station_day", "value", "fr", "particules fines montferand le 9 juin 2020",
  ans([num(pm_day("FR07004", D("2020-06-09")))]),
  plan=P("value", "pm25", place="FR07004", period=D("2020-06-09")))

Q("pm_city_day", "value", "fr", "Quel était le taux de particules fines à Clermont-Ferrand le 8 décembre 2020 ?",
  ans([num(pm_day("city", D("2020-12-08")))]),
  plan=P("value", "pm25", place="city", period=D("2020-12-08")))
Q("pm_city_day", "value", "en", "Hi! Was the air dirty in Clermont on the 25th of April 2020? PM2.5 figure please",
  ans([num(pm_day("city", D("2020-04-25")))]),
  plan=P("value", "pm25", place="city", period=D("2020-04-25")))

Q("pm_period_mean", "value", "fr", "moyenne pm2.5 clermont second semestre 2020",
  ans([num(pm_mean("city", *half(2, 2020)))]),
  plan=P("value", "pm25", place="city", period=half(2, 2020)))
Q("pm_period_mean", "value", "fr",
  "Pendant le premier confinement, du 17 mars au 11 mai 2020, quelle était la moyenne des PM2.5 en ville ?",
  ans([num(pm_mean("city", D("2020-03-17"), D("2020-05-11")))]),
  plan=P("value", "pm25", place="city", period=(D("2020-03-17"), D("2020-05-11"))))
Q("pm_period_mean", "value", "en", "pm2.5 montferrand from 1 to 15 january 2020, average",
  ans([num(pm_mean("FR07004", D("2020-01-01"), D("2020-01-15")))]),
  plan=P("value", "pm25", place="FR07004", period=(D("2020-01-01"), D("2020-01-15"))))

Q("pm_year_mean", "value", "fr", "Quelle a été la concentration moyenne de PM2,5 sur l'année 2020 en ville ?",
  ans([num(pm_mean("city", *year(2020)))]),
  plan=P("value", "pm25", place="city", period=year(2020)))

# named days, PM2.5
Q("pm_named_day", "value", "fr", "Combien de PM2.5 à Clermont le 14 juillet 2020 ?",
  ans([num(pm_day("city", D("2020-07-14")))]),
  plan=P("value", "pm25", place="city", period=D("2020-07-14")))
Q("pm_named_day", "value", "fr", "pm2.5 a Montferrand le 1er mai 2020",
  ans([num(pm_day("FR07004", D("2020-05-01")))]),
  plan=P("value", "pm25", place="FR07004", period=D("2020-05-01")))
Q("pm_named_day", "value", "en", "New Year's Day 2020, PM2.5 at the railway station?",
  ans([num(pm_day("FR07034", D("2020-01-01")))]),
  plan=P("value", "pm25", place="FR07034", period=D("2020-01-01")))

# =================================================================================================
# VALUE: weather
# =================================================================================================
Q("temp_day_minmax", "value", "fr", "ça caillait le 28 février 2018 ? c'était quoi les températures ?",
  ans(tminmax(D("2018-02-28"))),
  plan=P("value", "temperature", place="city", period=D("2018-02-28")))
Q("temp_day_minmax", "value", "en", "What did the thermometer say in Clermont-Ferrand on March 3rd, 2016?",
  ans(tminmax(D("2016-03-03"))),
  plan=P("value", "temperature", place="city", period=D("2016-03-03")))

Q("temp_month_mean", "value", "en", "How warm was it on average in Clermont in June 2021?",
  ans([num(w_mean("t", *month(2021, 6)))]),
  plan=P("value", "temperature", place="city", period=month(2021, 6)))
Q("temp_month_mean", "value", "fr", "temprature moyene janvier 2022 ?",
  ans([num(w_mean("t", *month(2022, 1)))]),
  plan=P("value", "temperature", place="city", period=month(2022, 1)))

Q("temp_year_mean", "value", "fr", "temperature moyenne annee 2017 clermont",
  ans([num(w_mean("t", *year(2017)))]),
  plan=P("value", "temperature", place="city", period=year(2017)))

Q("temp_period_low", "value", "en", "How low did the mercury drop in January 2017?",
  ans([num(t_low(*month(2017, 1)))]),
  plan=P("lowest", "temperature", by="day", statistic="min", place="city", period=month(2017, 1)))
Q("temp_period_high", "value", "fr", "Le mercure est monté jusqu'à combien au maximum pendant l'été 2019 ?",
  ans([num(t_high(*season("summer", 2019)))]),
  plan=P("highest", "temperature", by="day", statistic="max", place="city", period=season("summer", 2019)))

Q("rain_month_total", "value", "fr", "il a flotté combien en novembre 2019 ?",
  ans([num(rain(*month(2019, 11)))]),
  plan=P("value", "precipitation", place="city", period=month(2019, 11)))

Q("rain_period_total", "value", "fr", "Cumul de pluie du 1er au 15 juin 2018 ?",
  ans([num(rain(D("2018-06-01"), D("2018-06-15")))]),
  plan=P("value", "precipitation", place="city", period=(D("2018-06-01"), D("2018-06-15"))))
Q("rain_period_total", "value", "en", "rainfal total between March and May 2014",
  ans([num(rain(D("2014-03-01"), D("2014-05-31")))]),
  plan=P("value", "precipitation", place="city", period=(D("2014-03-01"), month(2014, 5)[1])))

Q("rain_day_total", "value", "fr", "Grosse averse le 11 mai 2020 ? ça a fait combien de mm ?",
  ans([num(rain(D("2020-05-11"), D("2020-05-11")))]),
  plan=P("value", "precipitation", place="city", period=D("2020-05-11")))

Q("wind_day", "value", "en", "What was the maximum wind speed on 4 February 2020?",
  ans([num(wd(D("2020-02-04"), "ff", "max"))]),
  plan=P("value", "wind_speed", statistic="max", place="city", period=D("2020-02-04")))
Q("wind_month_mean", "value", "fr", "Le vent moyen en octobre 2017, ça donnait quoi ?",
  ans([num(w_mean("ff", *month(2017, 10)))]),
  plan=P("value", "wind_speed", place="city", period=month(2017, 10)))

Q("gust_day", "value", "fr", "Quelle a été la rafale maximale le 10 février 2020 ?",
  ans([num(wd(D("2020-02-10"), "raf10", "max"))]),
  plan=P("value", "wind_gust", statistic="max", place="city", period=D("2020-02-10")))

Q("humidity_mean", "value", "fr", "humidité moyenne le 3 novembre 2021 ?",
  ans([num(wd(D("2021-11-03"), "u", "mean"))]),
  plan=P("value", "humidity", statistic="mean", place="city", period=D("2021-11-03")))
Q("humidity_mean", "value", "en", "humidty in clermont on sept 14 2019, on average",
  ans([num(wd(D("2019-09-14"), "u", "mean"))]),
  plan=P("value", "humidity", statistic="mean", place="city", period=D("2019-09-14")))

Q("pressure_mean", "value", "en", "Sea-level pressure on 15 January 2020?",
  ans([num(wd(D("2020-01-15"), "pmer", "mean"))]),
  plan=P("value", "pressure_msl", place="city", period=D("2020-01-15")))

Q("weather_named_day", "value", "en", "Did it rain on Easter Sunday 2018? How much?",
  ans([num(rain(easter(2018), easter(2018)))]),
  plan=P("value", "precipitation", place="city", period=easter(2018)))
Q("weather_named_day", "value", "fr", "Il faisait quel temps à la Toussaint 2020 ? les températures svp",
  ans(tminmax(D("2020-11-01"))),
  plan=P("value", "temperature", place="city", period=D("2020-11-01")))
Q("weather_named_day", "value", "en", "temperatures on Armistice Day 2021",
  ans(tminmax(D("2021-11-11"))),
  plan=P("value", "temperature", place="city", period=D("2021-11-11")))

Q("compound_temp_rain", "value", "en", "What were the average temperature and the total rainfall in July 2019?",
  ans([num(w_mean("t", *month(2019, 7))), num(rain(*month(2019, 7)))]),
  plan=P("value", "temperature", variables=["temperature", "precipitation"], place="city", period=month(2019, 7)))
Q("compound_temp_rain", "value", "fr", "Septembre 2021 : il a fait combien en moyenne, et il est tombé combien de pluie ?",
  ans([num(w_mean("t", *month(2021, 9))), num(rain(*month(2021, 9)))]),
  plan=P("value", "temperature", variables=["temperature", "precipitation"], place="city", period=month(2021, 9)))

# =================================================================================================
# COUNT
# =================================================================================================
Q("count_pm_who", "count", "en", "How many days was PM2.5 above the WHO guideline in Clermont in 2020?",
  ans([cnt(pm_count("city", *year(2020), ">", WHO))]),
  plan=P("count", "pm25", place="city", period=year(2020)))
Q("count_pm_who", "count", "fr",
  "Combien de jours de dépassement de la valeur guide OMS pour les PM2.5 en ville en janvier 2020 ?",
  ans([cnt(pm_count("city", *month(2020, 1), ">", WHO))]),
  plan=P("count", "pm25", place="city", period=month(2020, 1)))
Q("count_pm_who", "count", "en", "number of days over the guideline at Montferrand in november 2020",
  ans([cnt(pm_count("FR07004", *month(2020, 11), ">", WHO))]),
  plan=P("count", "pm25", place="FR07004", period=month(2020, 11)))

Q("count_pm_threshold", "count", "fr", "nb de jours avec plus de 20 µg/m3 de PM2.5 à Clermont au premier trimestre 2020",
  ans([cnt(pm_count("city", *quarter(1, 2020), ">", 20))]),
  plan=P("count", "pm25", place="city", period=quarter(1, 2020)))
Q("count_pm_threshold", "count", "en", "How many days had at least 10 µg/m³ of PM2.5 in town in May 2020?",
  ans([cnt(pm_count("city", *month(2020, 5), ">=", 10))]),
  plan=P("count", "pm25", place="city", period=month(2020, 5)))
Q("count_pm_threshold", "count", "fr", "Combien de jours à 30 µg/m³ ou plus à la gare en 2020 ?",
  ans([cnt(pm_count("FR07034", *year(2020), ">=", 30))]),
  plan=P("count", "pm25", place="FR07034", period=year(2020)))

Q("count_frost", "count", "fr", "Combien de jours de gel en janvier 2017 ?",
  ans([cnt(w_count("t", "min", *month(2017, 1), "<", 0))]),
  plan=P("count", "temperature", place="city", period=month(2017, 1)))
Q("count_frost", "count", "en", "How many frost days were there between December 2020 and February 2021?",
  ans([cnt(w_count("t", "min", D("2020-12-01"), D("2021-02-28"), "<", 0))]),
  plan=P("count", "temperature", place="city", period=(D("2020-12-01"), month(2021, 2)[1])))

Q("count_hot", "count", "en", "How many hot days did Clermont have in 2019?",
  ans([cnt(w_count("t", "max", *year(2019), ">=", 30))]),
  plan=P("count", "temperature", place="city", period=year(2019)))

Q("count_rainy", "count", "fr", "Combien de jours de pluie en octobre 2020 ?",
  ans([cnt(w_count("rr3", "total", *month(2020, 10), ">=", 1))]),
  plan=P("count", "precipitation", place="city", period=month(2020, 10)))
Q("count_rainy", "count", "en", "How many rainy days in April 2021? thanks!",
  ans([cnt(w_count("rr3", "total", *month(2021, 4), ">=", 1))]),
  plan=P("count", "precipitation", place="city", period=month(2021, 4)))

Q("count_temp_threshold", "count", "en", "How many days went above 35 degrees in 2019?",
  ans([cnt(w_count("t", "max", *year(2019), ">", 35))]),
  plan=P("count", "temperature", place="city", period=year(2019)))
Q("count_temp_threshold", "count", "fr", "Combien de jours au-dessus de 25 °C en mai 2020 ?",
  ans([cnt(w_count("t", "max", *month(2020, 5), ">", 25))]),
  plan=P("count", "temperature", place="city", period=month(2020, 5)))
Q("count_temp_threshold", "count", "fr", "nombre de jours sous -5 °C en fevrier 2018",
  ans([cnt(w_count("t", "min", *month(2018, 2), "<", -5))]),
  plan=P("count", "temperature", place="city", period=month(2018, 2)))

Q("count_rain_threshold", "count", "en", "How many days with more than 10 mm of rain in 2021?",
  ans([cnt(w_count("rr3", "total", *year(2021), ">", 10))]),
  plan=P("count", "precipitation", place="city", period=year(2021)))
Q("count_rain_threshold", "count", "fr", "Combien de jours avec au moins 20 mm de pluie entre 2013 et 2015 ?",
  ans([cnt(w_count("rr3", "total", D("2013-01-01"), D("2015-12-31"), ">=", 20))]),
  plan=P("count", "precipitation", place="city", period=(year(2013)[0], year(2015)[1])))

Q("count_wind_kmh", "count", "en", "How many days did the wind go over 50 km/h in February 2020?",
  ans([cnt(w_count("ff", "max", *month(2020, 2), ">", 50 / 3.6))]),
  plan=P("count", "wind_speed", place="city", period=month(2020, 2)))
Q("count_wind_kmh", "count", "fr", "combien de jours avec du vent à 40 km/h ou plus en 2020 ?",
  ans([cnt(w_count("ff", "max", *year(2020), ">=", 40 / 3.6))]),
  plan=P("count", "wind_speed", place="city", period=year(2020)))

# =================================================================================================
# EXTREME
# =================================================================================================
v, ds, _ = hottest(*season("summer", 2020))
Q("extreme_hottest", "extreme", "fr", "Quel a été le jour le plus chaud de l'été 2020 ?", ans([v], [ds]),
  plan=P("highest", "temperature", by="day", place="city", period=season("summer", 2020)))
v, ds, _ = hottest(W_FIRST, W_LAST)
Q("extreme_hottest", "extreme", "fr", "C'était quand la journée la plus chaude depuis le début des mesures ?", ans([v], [ds]),
  plan=P("highest", "temperature", by="day", place="city", every=True))

v, ds, _ = coldest(*month(2021, 1))
Q("extreme_coldest", "extreme", "en", "coldest day in january 2021?", ans([v], [ds]),
  plan=P("lowest", "temperature", by="day", place="city", period=month(2021, 1)))
v, ds, _ = coldest(*year(2017))
Q("extreme_coldest", "extreme", "fr", "En 2017, quel jour il a fait un froid de canard ? le plus froid de l'année", ans([v], [ds]),
  plan=P("lowest", "temperature", by="day", place="city", period=year(2017)))

v, ds = extreme(w_pairs("ff", "max", *year(2019)))
Q("extreme_windiest", "extreme", "fr", "Quelle a été la journée la plus venteuse de 2019 ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "wind_speed", by="day", place="city", period=year(2019)))

v, ds = extreme(w_pairs("raf10", "max", *year(2017)))
Q("extreme_gust", "extreme", "en", "What was the strongest gust recorded in 2017, and when?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "wind_gust", by="day", statistic="max", place="city", period=year(2017)))
v, ds = extreme(w_pairs("raf10", "max", W_FIRST, W_LAST))
Q("extreme_gust", "extreme", "fr", "Rafale la plus forte jamais enregistrée ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "wind_gust", by="day", statistic="max", place="city", every=True))

v, ds = extreme(w_pairs("rr3", "total", *year(2021)))
Q("extreme_wettest", "extreme", "en", "Which day had the biggest downpour in 2021?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "precipitation", by="day", place="city", period=year(2021)))
v, ds = extreme(w_pairs("rr3", "total", *year(2018)))
Q("extreme_wettest", "extreme", "fr", "Quel jour a-t-il le plus plu en 2018 ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "precipitation", by="day", place="city", period=year(2018)))

v, ds = extreme(pm_vals("city", *year(2020)))
Q("extreme_pm_max", "extreme", "en", "What was the most polluted day in Clermont in 2020?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "pm25", by="day", place="city", period=year(2020)))
v, ds = extreme(pm_vals("FR07004", *month(2020, 3)))
Q("extreme_pm_max", "extreme", "fr", "pic de PM2.5 à Montferrand en mars 2020 ? quel jour ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "pm25", by="day", place="FR07004", period=month(2020, 3)))
v, ds = extreme(pm_vals("FR07034", *year(2020)), False)
Q("extreme_pm_min", "extreme", "fr", "Quel a été le jour le moins pollué à la gare en 2020 ?", ans([num(v)], [dset(*ds)]),
  plan=P("lowest", "pm25", by="day", place="FR07034", period=year(2020)))
v, ds = extreme(pm_vals("city", *month(2020, 4)), False)
Q("extreme_pm_min", "extreme", "en", "cleanest air day in town in April 2020?", ans([num(v)], [dset(*ds)]),
  plan=P("lowest", "pm25", by="day", place="city", period=month(2020, 4)))

# =================================================================================================
# RANK
# =================================================================================================
v, ds = rank_periods(all_months(*year(2018)), "t", "mean", True)
Q("rank_warmest_month", "rank", "en", "Which was the warmest month of 2018?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "temperature", by="month", place="city", period=year(2018)))
v, ds = rank_periods(all_months(*year(2020)), "t", "mean", True)
Q("rank_warmest_month", "rank", "fr", "mois le plus chaud de 2020 ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "temperature", by="month", place="city", period=year(2020)))
v, ds = rank_periods(all_months(W_FIRST, W_LAST), "t", "mean", False)
Q("rank_coldest_month", "rank", "en", "What's the coldest month in your records?", ans([num(v)], [dset(*ds)]),
  plan=P("lowest", "temperature", by="month", place="city", every=True))
v, ds = rank_periods(all_months(W_FIRST, W_LAST), "rr3", "total", True)
Q("rank_wettest_month", "rank", "fr", "Le mois le plus pluvieux depuis le début des mesures ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "precipitation", by="month", place="city", every=True))
v, ds = rank_periods(all_months(*year(2020)), "rr3", "total", False)
Q("rank_driest_month", "rank", "fr", "Quel a été le mois le plus sec de 2020 ?", ans([num(v)], [dset(*ds)]),
  plan=P("lowest", "precipitation", by="month", place="city", period=year(2020)))
v, ds = rank_periods(all_years(W_FIRST, W_LAST), "t", "mean", True)
Q("rank_year", "rank", "en", "Which year was the warmest in your data?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "temperature", by="year", place="city", every=True))
v, ds = rank_periods(all_years(W_FIRST, W_LAST), "rr3", "total", True)
Q("rank_year", "rank", "fr", "Quelle a été l'année la plus pluvieuse à Clermont depuis le début des relevés ?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "precipitation", by="year", place="city", every=True))


def pm_month_rank(key, y, highest):
    scored = [(s, pm_mean(key, s, e)) for s, e in all_months(*year(y))
              if len(pm_vals(key, s, e)) >= 0.75 * ((e - s).days + 1)]
    return extreme(scored, highest)


v, ds = pm_month_rank("city", 2020, True)
Q("rank_pm_month", "rank", "en", "Which month of 2020 had the worst PM2.5 in Clermont?", ans([num(v)], [dset(*ds)]),
  plan=P("highest", "pm25", by="month", place="city", period=year(2020)))
v, ds = pm_month_rank("city", 2020, False)
Q("rank_pm_month", "rank", "fr", "Quel mois de 2020 l'air était-il le plus propre en ville ?", ans([num(v)], [dset(*ds)]),
  plan=P("lowest", "pm25", by="month", place="city", period=year(2020)))


def station_rank(start, end, highest):
    scored = [(c, pm_mean(c, start, end)) for c in ("FR07004", "FR07034", "FR07022", "FR07052")
              if pm_vals(c, start, end)]
    best, who = extreme(scored, highest)
    assert len(who) == 1
    return best, STATION_WORD[who[0]]


v, w = station_rank(*season("summer", 2020), True)
Q("rank_station", "rank", "en", "Which station had the highest average PM2.5 in summer 2020?", ans([num(v)], [], [w]),
  plan=P("highest", "pm25", by="station", period=season("summer", 2020)))
v, w = station_rank(*month(2020, 10), False)
Q("rank_station", "rank", "fr", "Quelle station a eu la moyenne de PM2.5 la plus basse en octobre 2020 ?", ans([num(v)], [], [w]),
  plan=P("lowest", "pm25", by="station", period=month(2020, 10)))

# =================================================================================================
# COMPARE
# =================================================================================================
Q("compare_pm_months", "compare", "en", "Was PM2.5 in Clermont higher in January 2020 or in April 2020?",
  ans([num(pm_mean("city", *month(2020, 1))), num(pm_mean("city", *month(2020, 4)))]),
  plan=P("compare", "pm25", place="city", periods=[month(2020, 1), month(2020, 4)]))
Q("compare_pm_months", "compare", "fr", "Comparer les PM2.5 de mars 2020 et de mai 2020 en ville",
  ans([num(pm_mean("city", *month(2020, 3))), num(pm_mean("city", *month(2020, 5)))]),
  plan=P("compare", "pm25", place="city", periods=[month(2020, 3), month(2020, 5)]))
Q("compare_pm_stations", "compare", "en", "Montferrand vs Esplanade Gare, PM2.5 in November 2020?",
  ans([num(pm_mean("FR07004", *month(2020, 11))), num(pm_mean("FR07034", *month(2020, 11)))]),
  plan=P("compare", "pm25", places=["FR07004", "FR07034"], period=month(2020, 11)))
Q("compare_pm_stations", "compare", "fr", "La gare est-elle plus polluée que Montferrand sur l'année 2020 ?",
  ans([num(pm_mean("FR07034", *year(2020))), num(pm_mean("FR07004", *year(2020)))]),
  plan=P("compare", "pm25", places=["FR07034", "FR07004"], period=year(2020)))
Q("compare_temp_vs_average", "compare", "en", "Was 2020 warmer than the 2013-2019 average?",
  ans([num(w_mean("t", *year(2020))), num(w_mean("t", D("2013-01-01"), D("2019-12-31")))]),
  plan=P("compare", "temperature", place="city", periods=[year(2020), (year(2013)[0], year(2019)[1])]))
Q("compare_temp_vs_average", "compare", "fr", "2018 a-t-elle été plus chaude que la moyenne 2013-2017 ?",
  ans([num(w_mean("t", *year(2018))), num(w_mean("t", D("2013-01-01"), D("2017-12-31")))]),
  plan=P("compare", "temperature", place="city", periods=[year(2018), (year(2013)[0], year(2017)[1])]))
Q("compare_temp_periods", "compare", "fr", "L'été 2019 était-il plus chaud que l'été 2018 ?",
  ans([num(w_mean("t", *season("summer", 2019))), num(w_mean("t", *season("summer", 2018)))]),
  plan=P("compare", "temperature", place="city", periods=[season("summer", 2019), season("summer", 2018)]))
Q("compare_temp_periods", "compare", "en", "july 2019 vs july 2020 average temperature",
  ans([num(w_mean("t", *month(2019, 7))), num(w_mean("t", *month(2020, 7)))]),
  plan=P("compare", "temperature", place="city", periods=[month(2019, 7), month(2020, 7)]))
Q("compare_rain", "compare", "en", "Did it rain more in 2019 or in 2020?",
  ans([num(rain(*year(2019))), num(rain(*year(2020)))]),
  plan=P("compare", "precipitation", place="city", periods=[year(2019), year(2020)]))
Q("compare_rain", "compare", "fr", "Il a plus plu en mai 2021 qu'en mai 2020 ?",
  ans([num(rain(*month(2021, 5))), num(rain(*month(2020, 5)))]),
  plan=P("compare", "precipitation", place="city", periods=[month(2021, 5), month(2020, 5)]))

# =================================================================================================
# COMPOSITION
# =================================================================================================
_, _, hd = hottest(*year(2020))
Q("comp_pm_on_weather_extreme", "composition", "en", "On the hottest day of 2020, what was PM2.5 at Montferrand?",
  ans([anyof(*[pm_day("FR07004", d) for d in hd])], [dset(*hd)]),
  plan=P("highest", "temperature", by="day", variables=["temperature", "pm25"], place="FR07004", period=year(2020)))
_, rds = extreme(w_pairs("rr3", "total", *year(2020)))
Q("comp_pm_on_weather_extreme", "composition", "fr", "Le jour où il a le plus plu en 2020, combien de PM2.5 en ville ?",
  ans([anyof(*[pm_day("city", d) for d in rds])], [dset(*rds)]),
  plan=P("highest", "precipitation", by="day", variables=["precipitation", "pm25"], place="city", period=year(2020)))
_, wds = extreme(w_pairs("ff", "max", *year(2020)))
Q("comp_pm_on_weather_extreme", "composition", "fr", "Le jour le plus venteux de 2020, quel taux de PM2.5 à la gare ?",
  ans([anyof(*[pm_day("FR07034", d) for d in wds])], [dset(*wds)]),
  plan=P("highest", "wind_speed", by="day", variables=["wind_speed", "pm25"], place="FR07034", period=year(2020)))
_, pds = extreme(pm_vals("city", *year(2020)))
Q("comp_weather_on_pm_peak", "composition", "en", "How much rain fell on the most polluted day of 2020 in Clermont?",
  ans([anyof(*[rain(d, d) for d in pds])], [dset(*pds)]),
  plan=P("highest", "pm25", by="day", variables=["pm25", "precipitation"], place="city", period=year(2020)))
_, pds = extreme(pm_vals("FR07004", *year(2020)))
assert len(pds) == 1
Q("comp_weather_on_pm_peak", "composition", "fr", "Quelles températures le jour le plus pollué de 2020 à Montferrand ?",
  ans(tminmax(pds[0]), [dset(*pds)]),
  plan=P("highest", "pm25", by="day", variables=["pm25", "temperature"], place="FR07004", period=year(2020)))
for lang, text, d in (
        ("en", "temperature and PM2.5 on 15 February 2020", "2020-02-15"),
        ("fr", "Météo et pollution le 20 mars 2020 : températures et PM2.5 à Clermont ?", "2020-03-20")):
    Q("comp_day_picture", "composition", lang, text, ans([num(pm_day("city", D(d)))] + tminmax(D(d)), [d]),
      plan=P("value", "temperature", variables=["temperature", "pm25"], place="city", period=D(d)))

# =================================================================================================
# INDEX
# =================================================================================================
for form, lang, text, key, d, fn in (
        ("index_atmo", "fr", "Quel était l'indice ATMO à Clermont le 22 janvier 2020 ?", "city", "2020-01-22", atmo),
        ("index_atmo", "en", "What was the ATMO index at Montferrand on 2020-11-30?", "FR07004", "2020-11-30", atmo),
        ("index_atmo", "en", "French air quality index (ATMO) for the railway station on 10 July 2020?", "FR07034", "2020-07-10", atmo),
        ("index_atmo", "fr", "l'indice atmo à Paray-le-Frésil le 14 novembre 2020, c'était quoi ?", "FR07022", "2020-11-14", atmo),
        ("index_eaqi", "en", "European air quality index in Clermont on 21 January 2020?", "city", "2020-01-21", eaqi),
        ("index_eaqi", "fr", "indice européen de qualité de l'air à la gare le 10 novembre 2020", "FR07034", "2020-11-10", eaqi),
        ("index_eaqi", "en", "EAQI band at Aurillac-Lagarde on 3 May 2020?", "FR07052", "2020-05-03", eaqi),
        ("index_eaqi", "fr", "Selon l'indice européen (EAQI), l'air était comment en ville le 12 mars 2020 ?", "city", "2020-03-12", eaqi)):
    x = pm_day(key, D(d))
    Q(form, "index", lang, text, ans([num(x)], [], [fn(x, lang)]),
      plan=P("value", "pm25", place=key, period=D(d), index={atmo: "ATMO", eaqi: "EAQI"}[fn]))

# =================================================================================================
# CORRELATION
# =================================================================================================
for lang, text, st, key, period, asked in (  # asked: the plan's variables, in the question's order
        ("en", "Spearman correlation between PM2.5 at Montferrand and temperature in 2020?", "FR07004", "t", year(2020),
         ["pm25", "temperature"]),
        ("fr", "Corrélation entre le vent et les PM2.5 à la gare à l'automne 2020 ?", "FR07034", "ff", season("autumn", 2020),
         ["wind_speed", "pm25"]),
        ("en", "Is there a link between rain and PM2.5 at Esplanade Gare in 2020? (Spearman please)", "FR07034", "rr3", year(2020),
         ["precipitation", "pm25"]),
        ("fr", "correlation pm2.5 montferrand / humidite au printemps 2020", "FR07004", "u", season("spring", 2020),
         ["pm25", "humidity"]),
        ("en", "rank correlation of sea-level pressure with PM2.5 at Montferrand, summer 2020", "FR07004", "pmer", season("summer", 2020),
         ["pressure_msl", "pm25"])):
    rho, n = spearman(st, key, *period)
    Q("correlation_spearman", "correlation", lang, text, ans([num(rho), cnt(n)]),
      plan=P("correlation", asked[0], variables=asked, place=st, period=period))

# =================================================================================================
# RELATIVE (as_of chosen so the period lands on data)
# =================================================================================================
a = D("2021-02-12")
Q("rel_yesterday", "relative", "en", "How cold was it yesterday?", ans(tminmax(a - timedelta(days=1))), a,
  plan=P("value", "temperature", place="city", period=a - timedelta(days=1)))
a = D("2020-02-11")
Q("rel_yesterday", "relative", "fr", "Ça soufflait fort hier ! C'était quoi la rafale max ?",
  ans([num(wd(a - timedelta(days=1), "raf10", "max"))]), a,
  plan=P("value", "wind_gust", statistic="max", place="city", period=a - timedelta(days=1)))
a = D("2020-06-18")
Q("rel_today", "relative", "en", "What's the PM2.5 in Clermont today?", ans([num(pm_day("city", a))]), a,
  plan=P("latest", "pm25", place="city"))
a = D("2021-06-16")
Q("rel_last_week", "relative", "fr", "Il a plu combien la semaine dernière ?", ans([num(rain(*last_week(a)))]), a,
  plan=P("value", "precipitation", place="city", period=last_week(a)))
a = D("2020-11-25")
Q("rel_last_week", "relative", "en", "average pm2.5 last week at the gare", ans([num(pm_mean("FR07034", *last_week(a)))]), a,
  plan=P("value", "pm25", place="FR07034", period=last_week(a)))
a = D("2020-09-10")
Q("rel_last_month", "relative", "fr", "moyenne des PM2.5 le mois dernier en ville", ans([num(pm_mean("city", *last_month(a)))]), a,
  plan=P("value", "pm25", place="city", period=last_month(a)))
a = D("2019-10-20")
Q("rel_this_month", "relative", "en", "How much rain so far this month?", ans([num(rain(a.replace(day=1), a))]), a,
  plan=P("value", "precipitation", place="city", period=(a.replace(day=1), a)))
a = D("2021-05-01")
Q("rel_last_year", "relative", "fr", "Combien de jours de gel l'an dernier ?",
  ans([cnt(w_count("t", "min", *year(a.year - 1), "<", 0))]), a,
  plan=P("count", "temperature", place="city", period=year(a.year - 1)))
a = D("2021-07-15")
Q("rel_past_n_days", "relative", "en", "How much rain in the past 7 days?", ans([num(rain(a - timedelta(days=6), a))]), a,
  plan=P("value", "precipitation", place="city", period=(a - timedelta(days=6), a)))
a = D("2020-04-30")
Q("rel_past_n_days", "relative", "fr", "Moyenne des PM2.5 à Clermont sur les 30 derniers jours ?",
  ans([num(pm_mean("city", a - timedelta(days=29), a))]), a,
  plan=P("value", "pm25", place="city", period=(a - timedelta(days=29), a)))
a = D("2021-02-01")
d = latest_named_day(a, 12, 25)
Q("rel_named_no_year", "relative", "en", "What was PM2.5 in town on Christmas Day?", ans([num(pm_day("city", d))]), a,
  plan=P("value", "pm25", place="city", period=d))
a = D("2021-09-01")
d = latest_named_day(a, 7, 14)
Q("rel_named_no_year", "relative", "fr", "Il faisait combien le 14 juillet ?", ans(tminmax(d)), a,
  plan=P("value", "temperature", place="city", period=d))
a = D("2020-11-01")
Q("rel_named_no_year", "relative", "en", "rain in march?", ans([num(rain(*latest_named_month(a, 3)))]), a,
  plan=P("value", "precipitation", place="city", period=latest_named_month(a, 3)))
a = D("2020-07-08")
Q("rel_latest_value", "relative", "fr", "Quel est le niveau de PM2.5 à Montferrand ?", ans([num(pm_day("FR07004", a))], [a.isoformat()]), a,
  plan=P("latest", "pm25", place="FR07004"))
latest_w = max(d for d in weather if d <= D(AS_OF) and weather[d].get("t"))
Q("rel_latest_value", "relative", "en", "What's the temperature in Clermont?", ans(tminmax(latest_w), [latest_w.isoformat()]),
  plan=P("latest", "temperature", place="city"))

# =================================================================================================
# REFUSALS: no figure may be given
# =================================================================================================
for lang, text, plan in (  # plan: what is asked, when the plan's words can say it (pollen: no variable)
        ("en", "What was the NO2 level in Clermont in March 2020?", P("value", "no2", place="city", period=month(2020, 3))),
        ("fr", "Taux d'ozone à Montferrand en juillet 2020 ?", P("value", "o3", place="FR07004", period=month(2020, 7))),
        ("en", "PM10 average at the railway station in 2020?", P("value", "pm10", place="FR07034", period=year(2020))),
        ("fr", "concentration de dioxyde de soufre en ville le 3 mai 2020", P("value", "so2", place="city", period=D("2020-05-03"))),
        ("fr", "Quel était le niveau de pollen à Clermont au printemps 2020 ?", None)):
    Q("refusal_pollutant", "refusal", lang, text, nodata(), plan=plan)
for lang, text in (
        ("en", "How bad was the traffic in Clermont on 10 January 2020?"),
        ("fr", "Combien a-t-il neigé en février 2018 ?"),
        ("en", "How many hours of sunshine did Clermont get in July 2019?"),
        ("fr", "Quel était l'indice UV le 21 juin 2020 ?"),
        # Housing is answered since issue 18 (questions_housing*.jsonl); this was its refusal.
        ("en", "What was the average electricity bill in Clermont-Ferrand in 2021?"),
        ("fr", "taux de criminalité à Clermont en 2020"),
        ("fr", "C'était ensoleillé le 15 août 2020 ? combien d'heures de soleil ?"),
        ("fr", "visibilité à l'aéroport le 2 janvier 2020 ?")):
    Q("refusal_topic", "refusal", lang, text, nodata())
for lang, text, as_of in (
        ("en", "PM2.5 in Lyon in January 2020?", AS_OF),
        ("fr", "Il a fait combien à Paris le 25 juillet 2019 ?", AS_OF),
        ("en", "What was the air quality like in Vichy in 2020?", AS_OF),
        ("fr", "PM2.5 à Royat en mars 2020", AS_OF),
        ("en", "PM2.5 at Jardin Lecoq in June 2020?", AS_OF)):
    Q("refusal_place", "refusal", lang, text, nodata(), as_of)
Q("refusal_period_pm", "refusal", "en", "PM2.5 in Clermont in 2019?", no_pm("city", *year(2019)),
  plan=P("value", "pm25", place="city", period=year(2019)))
Q("refusal_period_pm", "refusal", "fr", "moyenne pm2.5 montferrand mars 2021", no_pm("FR07004", *month(2021, 3)),
  plan=P("value", "pm25", place="FR07004", period=month(2021, 3)))
Q("refusal_period_pm", "refusal", "en", "PM2.5 at Paray le Fresil in February 2020?", no_pm("FR07022", *month(2020, 2)),
  plan=P("value", "pm25", place="FR07022", period=month(2020, 2)))
Q("refusal_period_pm", "refusal", "fr", "Particules fines à Clermont le 12 décembre 2020 ?", no_pm("city", D("2020-12-12"), D("2020-12-12")),
  plan=P("value", "pm25", place="city", period=D("2020-12-12")))
Q("refusal_period_weather", "refusal", "en", "What was the temperature in Clermont in July 2012?", no_weather(*month(2012, 7)),
  plan=P("value", "temperature", place="city", period=month(2012, 7)))
Q("refusal_period_weather", "refusal", "fr", "Combien de pluie en juin 2022 ?", no_weather(*month(2022, 6)),
  plan=P("value", "precipitation", place="city", period=month(2022, 6)))
Q("refusal_period_weather", "refusal", "en", "What will the temperature be tomorrow?",
  no_weather(D(AS_OF) + timedelta(days=1), D(AS_OF) + timedelta(days=1)),
  plan=P("forecast", "temperature", place="city", period=D(AS_OF) + timedelta(days=1)))
for lang, text in (
        ("en", "What was the PM2.5 per week in March 2020?"),
        ("fr", "PM2.5 médiane en 2020 à Montferrand ?"),
        ("en", "PM2.5 at night in Clermont on 5 January 2020?"),
        ("fr", "Quelle température à 15h le 10 août 2020 ?"),
        ("en", "what was the 95th percentile of PM2.5 at the gare in 2020"),
        ("en", "What was the temperature at 3 pm on 12 July 2021?")):
    Q("refusal_unreadable", "refusal", lang, text, nodata())
for lang, text in (
        ("en", "PM2.5 in Clermont on 31 June 2020?"),
        ("fr", "Température le 29 février 2021 ?"),
        ("fr", "pm2.5 montferrand le 30/02/2020"),
        ("en", "How much rain fell on April 31st, 2019?"),
        ("fr", "Il a fait combien le 31 septembre 2018 ?"),
        ("en", "wind on 2021-02-30?")):
    Q("impossible_date", "impossible_date", lang, text, nodata())

# =================================================================================================
# HELP
# =================================================================================================
for form, lang, text in (
        ("help_greeting", "en", "good evening"),
        ("help_greeting", "fr", "Bonjour !"),
        ("help_thanks", "en", "thanks a lot!"),
        ("help_meta", "en", "what questions can I ask?"),
        ("help_meta", "fr", "c'est quoi ce service ?"),
        ("help_meta", "fr", "tu sais répondre à quoi ?")):
    Q(form, "help", lang, text, helpme(), plan=HELP_PLAN)

# --- output --------------------------------------------------------------------------------------
assert len({q["question"] for q in QUESTIONS}) == len(QUESTIONS), "duplicate question"
random.Random(20240607).shuffle(QUESTIONS)
for i, q in enumerate(QUESTIONS, 1):
    print(json.dumps({"id": f"h{i:03d}", **q}, ensure_ascii=False))
forms = {q["form"] for q in QUESTIONS}
fr = sum(q["lang"] == "fr" for q in QUESTIONS)
refused = sum(q["expect"]["status"] == "no_data" for q in QUESTIONS)
print(f"{len(QUESTIONS)} questions, {len(forms)} forms, {fr} fr / {len(QUESTIONS) - fr} en, "
      f"{refused} no_data, {sum(q['expect']['status'] == 'help' for q in QUESTIONS)} help", file=sys.stderr)
