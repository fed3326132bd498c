#!/usr/bin/env python3
"""Writes eval/questions_people.jsonl: questions typed the way citizens, journalists and analysts
ask them (varied wording, typos, missing accents, colloquial forms, French and English), each with
the figures a right answer must give, computed here from the raw files in ../shared/data/clermont/
and ../shared/data/reference/ only (no expected value is typed by hand).

    python3 eval/make_people_questions.py > eval/questions_people.jsonl

Semantics used (the service's data contract)
--------------------------------------------
* PM2.5: daily means of pm25_daily_2020_stations.csv. City day (no station, "Clermont", "in town")
  = mean of that day's FR07004 Montferrand and FR07034 Esplanade Gare values (whichever exist).
  A period's city mean = mean of the city days with data; a station's period mean = mean of its
  daily values. Periods asked about are inside 2020; the file also holds 2021-01-01 (one row per
  station), so no question depends on "all PM2.5 data" except the most-polluted-day record, which
  that day cannot change, and no question asks about the whole of 2021.
* Weather: SYNOP 07460, loading and row validation copied from make_questions.py (Kelvin -> degC,
  Pa -> hPa, rr3 trace -0.1 -> 0, a row with any out-of-range value dropped, last row of a
  repeated time wins); weather days are Europe/Paris calendar days of the UTC times. Per day:
  temperature mean/min/max of t; rain = sum of rr3; wind ff mean/max (m/s); gust = max raf10;
  humidity = mean u; pressure = mean pmer (hPa).
* A period's mean (temperature, wind, humidity, pressure) = mean of the daily means of the days
  with data; lowest/highest temperature = min of daily minima / max of daily maxima; rain = sum of
  daily totals.
* Counts: frost day = daily min < 0; hot day = daily max >= 30; rainy day = daily total >= 1 mm;
  PM2.5 default "above the guideline" = daily mean > 15 (WHO 2021). Stated thresholds: PM2.5
  "above/over/more than/exceeding X" = > X, "X or more/at least X" = >= X; weather "above X" =
  daily max > X, "at least X" = daily max >= X, "below/under X" = daily min < X; rain uses the
  daily total; wind thresholds in km/h are converted (X/3.6 m/s) and compared with ff's daily max.
  Every count is checked to be insensitive to float noise (same count with values rounded to 6
  decimals), so no expected count hangs on a 1e-12 difference.
* Extremes: hottest day = highest daily max (alternative: highest daily mean), coldest day =
  lowest daily min (alternative: lowest daily mean), both readings given as any_of; windiest day =
  highest daily ff max; strongest gust = highest daily raf10 max; wettest day = highest daily
  total; most polluted / cleanest day = highest / lowest PM2.5 daily value. Ties: every tied day is
  accepted (any_of). Months: monthly mean of daily means (rain: monthly sum); years: yearly mean of
  daily means. Rankings of months/years consider only months/years with data on >= 75% of their
  days (so 2022, with 90 days, never ranks).
* "Ever", "in your data", "depuis le début des mesures" = the whole series of that variable. A value
  question with no period = the latest day with data not after as_of (its date is expected).
* Periods: both ends included; a year given once applies to both ends; Q1 = Jan-Mar...; first half
  = Jan-Jun, second half = Jul-Dec; spring = Mar-May, summer = Jun-Aug, autumn = Sep-Nov (winter is
  never asked); Christmas = 25 Dec, New Year's Day = 1 Jan, 14 juillet, 1er mai, Toussaint = 1 Nov,
  Easter Sunday computed (anonymous Gregorian algorithm); a day or month without a year = the
  latest one not after as_of (a month: the latest that has begun); yesterday = as_of - 1; today =
  as_of; last week = the calendar week (Monday to Sunday) before as_of's; last month = previous calendar month; this month = 1st of as_of's month .. as_of;
  last year / l'an dernier = previous calendar year.
* Comparisons: each side's mean (rain: each side's total); a year against a multi-year average =
  mean of the daily means over all days of the span; first half vs second half = both halves' means.
* Indices: ATMO class from the PM2.5 daily mean rounded half-up to the unit (bon <=10, moyen <=20,
  dégradé <=25, mauvais <=50, très mauvais <=75, extrêmement mauvais; English good, fair, moderate,
  poor, very poor, extremely poor); European AQI (pre-2024) from the unrounded mean (good <=10, fair
  <=20, moderate <=25, poor <=50, very poor <=75, extremely poor; French bon, correct, moyen,
  médiocre, très médiocre, extrêmement médiocre). A day question expects the class label (says, in
  the question's language) and the PM2.5 daily mean; days whose class depends on how 10.4999999...
  is rounded are not asked, and class counts are checked to be insensitive to it.
* Compositions: the extreme day of one variable (any_of over the alternative readings and ties),
  then the other variable's value that day; a day's picture = city PM2.5 + temperature min and max.
* Correlations: 2020 (or the named season of 2020); pairs = days with both the station's PM2.5
  and the weather day; weather value = daily total for rain, daily mean otherwise; expected:
  Spearman (average ranks for ties) and n.
* Refusals (status no_data, no figure): topics, pollutants, places, periods without data (PM2.5
  outside 2020, a station before its first day, a city day without either city station, weather
  before 2013 or after March 2022), impossible dates. Greetings/meta questions: status help.

Numbers a right answer must state: a day's temperature = its min and max; a period's temperature
= the mean of daily means; rain = the total; PM2.5 = the (mean) value; a count = the count
(tolerance 0); a comparison = both sides; an extreme = its value (and its day in dates); a
correlation = Spearman and n. Months are dated by their first day, years by YYYY-01-01.

Forms (suffix _en/_fr = the language of the phrasing; each form has 2 or more instances)
-----------------------------------------------------------------------------------------
PM2.5 values: pm_day_city_{en,fr}, pm_day_station_{en,fr}, pm_month_city_en,
  pm_month_station_fr, pm_range_between_en ("between X and Y"), pm_range_du_au_fr ("du X au Y"),
  pm_year_{en,fr}, pm_quarter_half_{en,fr} (Q2, T3, semestre), pm_season_{en,fr},
  pm_latest_{en,fr} (no period: latest day <= as_of), pm_yesterday_{en,fr}, pm_last_week_{en,fr},
  pm_last_month_{en,fr}, pm_this_month_{en,fr}, pm_named_day_{en,fr} (Christmas, Easter, 14 juillet,
  1er mai, Toussaint, New Year), pm_yearless_day_{en,fr}.
PM2.5 counts / extremes / rankings: pm_count_who_{en,fr}, pm_count_thr_{en,fr} (> and >=),
  pm_max_day_{en,fr}, pm_min_day_{en,fr}, pm_month_rank_{en,fr}.
PM2.5 comparisons: pm_cmp_stations_{en,fr} (says the winning station), pm_cmp_halves_{en,fr},
  pm_cmp_months_{en,fr}.
Indices: atmo_day_{en,fr}, eaqi_day_{en,fr} (says the class label), atmo_count_fr, index_count_en.
Weather values: temp_day_{en,fr} (min+max), temp_day_mean_{en,fr}, temp_month_{en,fr},
  temp_range_between_en, temp_range_du_au_fr, temp_year_{en,fr}, temp_season_{en,fr},
  temp_lowest_period_{en,fr}, temp_highest_period_{en,fr}, temp_span_{en,fr} (multi-year),
  rain_month_{en,fr}, rain_day_{en,fr}, rain_range_{en,fr}, wind_day_{en,fr}, wind_period_{en,fr},
  gust_day_{en,fr}, gust_period_{en,fr}, humidity_{en,fr}, pressure_{en,fr}.
Weather counts: frost_count_{en,fr}, hot_count_{en,fr}, rainy_count_{en,fr},
  temp_thr_count_{en,fr} (above / at least / below), wind_thr_count_{en,fr} (km/h),
  rain_thr_count_{en,fr}.
Weather extremes / rankings: hottest_day_{en,fr}, coldest_day_{en,fr}, windiest_day_{en,fr},
  wettest_day_{en,fr}, record_ever_{en,fr}, month_rank_{en,fr}, year_rank_{en,fr},
  same_month_rank_{en,fr} ("which August was the warmest").
Weather comparisons: temp_cmp_years_{en,fr}, temp_vs_span_{en,fr}, rain_cmp_{en,fr},
  temp_cmp_halves_{en,fr}.
Named, yearless and relative days: named_day_temp_{en,fr}, named_day_rain_{en,fr},
  yearless_day_temp_{en,fr}, yearless_month_{en,fr}, rel_yesterday_temp_{en,fr},
  rel_today_temp_{en,fr}, rel_last_week_rain_{en,fr}, rel_last_month_temp_{en,fr},
  rel_this_month_rain_{en,fr}, rel_last_year_temp_{en,fr}, weather_latest_{en,fr}.
Compositions: compo_weather_pm_{en,fr} (PM2.5 on the hottest/coldest/windiest/wettest day),
  compo_pm_temp_{en,fr} (temperature on the most polluted day), day_picture_{en,fr}.
Correlations: correlation_{en,fr} (rain, wind, temperature, humidity, pressure; 2020 or a season).
Refusals: refuse_topic_{en,fr}, refuse_pollutant_{en,fr}, refuse_place_{en,fr},
  refuse_period_pm_{en,fr}, refuse_period_weather_{en,fr}, impossible_date_{en,fr};
  help_{en,fr} (greetings, thanks, "what can you do?": status help).

Expected plans (expect.plan, eval/README.md "Expected plans"): what the question asks, keys left out
when the question leaves them open. Place = the station named, else city (Aulnat when named); a
period as said, resolved like the numbers ("ever", "in your data", "on record", every August = all);
no period for latest ("now", "today", none said) nor for a correlation or "over the last week" whose
period the question does not say; statistic only for a daily figure the question names (a day's mean
or highest gust; the lowest/highest temperature of a period = lowest/highest by day of min/max);
compositions rank the day by the first variable (variables = [ranked, read]); comparisons give places
or periods in the question's order. Refusals (no_data) carry no plan; greetings and meta questions
carry {"ask": "help"}.

The summary (questions, forms, French share, refusals) is printed to stderr.
"""

import csv
import json
import math
import sys
from collections import Counter, OrderedDict, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DATA = ROOT / "clermont"
REF = ROOT / "reference"
PARIS = ZoneInfo("Europe/Paris")
WHO = 15.0
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
MONTHS_FR_NA = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]
MONTHS_EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# --- PM2.5, daily series as published (copied from make_questions.py) ----------------------------
pm25 = defaultdict(dict)  # code -> date -> value
with open(DATA / "pm25_daily_2020_stations.csv", newline="") as f:
    for row in csv.DictReader(f):
        pm25[row["station_code"]][date.fromisoformat(row["date"])] = float(row["value"])
CITY_STATIONS = ["FR07004", "FR07034"]
city = {}
for d in sorted(set(pm25["FR07004"]) | set(pm25["FR07034"])):
    values = [pm25[c][d] for c in CITY_STATIONS if d in pm25[c]]
    city[d] = sum(values) / len(values)

# --- SYNOP weather: the service's validation, the last row of a repeated time wins -----------------
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
weather = defaultdict(lambda: defaultdict(list))  # day -> variable -> values
for at, value in observations.items():
    day = at.astimezone(PARIS).date()
    for variable, key in (("temperature", "t"), ("precipitation", "rr3"), ("wind_speed", "ff"), ("humidity", "u"),
                          ("gust", "raf10"), ("pressure", "pmer")):
        if value[key] is not None:
            weather[day][variable].append(value[key])

# --- daily weather statistics ---------------------------------------------------------------------
WD = {}  # day -> key -> value (only keys with data)
for day in sorted(weather):
    w = weather[day]
    s = {}
    if w.get("temperature"):
        t = w["temperature"]
        s["tmean"], s["tmin"], s["tmax"] = sum(t) / len(t), min(t), max(t)
    if w.get("precipitation"):
        s["rain"] = sum(w["precipitation"])
    if w.get("wind_speed"):
        ff = w["wind_speed"]
        s["ffmean"], s["ffmax"] = sum(ff) / len(ff), max(ff)
    if w.get("gust"):
        s["gust"] = max(w["gust"])
    if w.get("humidity"):
        s["hum"] = sum(w["humidity"]) / len(w["humidity"])
    if w.get("pressure"):
        s["pres"] = sum(w["pressure"]) / len(w["pressure"])
    WD[day] = s
W_FIRST, W_LAST = min(WD), max(WD)

# --- reference bands ------------------------------------------------------------------------------
ATMO = []  # (upper bound inclusive or None, label_fr, label_en)
with open(REF / "atmo_index_france_2021_arrete_2020-07-10.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        band = row["pm2_5_ug_m3_daily_mean"].strip()
        hi = None if band.startswith(">") else float(band.split("-")[1])
        ATMO.append((hi, row["label_fr"], row["label_en"]))
with open(REF / "eaqi_bands_eea_pre2024_as_documented_by_open-meteo.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["pollutant"] == "pm2_5":
            EAQI_BOUNDS = [float(row[k]) for k in ("good_hi", "fair_hi", "moderate_hi", "poor_hi", "very_poor_hi")]
EAQI_EN = ["good", "fair", "moderate", "poor", "very poor", "extremely poor"]
EAQI_FR = ["bon", "correct", "moyen", "médiocre", "très médiocre", "extrêmement médiocre"]
with open(REF / "who_aqg_2021.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["pollutant"] == "PM2.5" and row["averaging_time"] == "24-hour":
            assert float(row["aqg_level"]) == WHO


def atmo_idx(v):
    r = math.floor(v + 0.5)  # rounded half-up to the unit
    for i, (hi, _, _) in enumerate(ATMO):
        if hi is None or r <= hi:
            return i
    raise AssertionError


def atmo_idx_robust(v):
    """None when the class depends on float noise (10.4999999999 vs 10.5)."""
    a, b = atmo_idx(v - 1e-7), atmo_idx(v + 1e-7)
    return a if a == b else None


def eaqi_idx(v):
    for i, hi in enumerate(EAQI_BOUNDS):
        if v <= hi:
            return i
    return len(EAQI_BOUNDS)


def eaqi_idx_robust(v):
    a, b = eaqi_idx(v - 1e-7), eaqi_idx(v + 1e-7)
    return a if a == b else None


# --- dates ----------------------------------------------------------------------------------------
def days(start, end):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def month_end(d):
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def month(y, m):
    s = date(y, m, 1)
    return s, month_end(s)


def year(y):
    return date(y, 1, 1), date(y, 12, 31)


def season(y, name):
    m0 = {"spring": 3, "summer": 6, "autumn": 9}[name]
    return date(y, m0, 1), month_end(date(y, m0 + 2, 1))


def quarter(y, q):
    return date(y, 3 * q - 2, 1), month_end(date(y, 3 * q, 1))


def half(y, h):
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
    da = (h + l - 7 * m + 114) % 31 + 1
    return date(y, mo, da)


def yesterday(as_of):
    return as_of - timedelta(days=1)


def last_week(as_of):
    monday = as_of - timedelta(days=as_of.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def last_month(as_of):
    e = as_of.replace(day=1) - timedelta(days=1)
    return e.replace(day=1), e


def this_month(as_of):
    return as_of.replace(day=1), as_of


def latest_month_named(m, as_of):
    """A month named without a year: the latest such month that has begun by as_of."""
    y = as_of.year
    while date(y, m, 1) > as_of:
        y -= 1
    return month(y, m)


def latest_day_named(m, dd, as_of):
    y = as_of.year
    while date(y, m, dd) > as_of:
        y -= 1
    return date(y, m, dd)


# --- text formats ---------------------------------------------------------------------------------
def en_day(d):
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def en_us(d):
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def en_ord(d):
    return f"{MONTHS_EN[d.month - 1]} {ordinal(d.day)} {d.year}"


def en_short(d):
    return f"{d.day} {MONTHS_EN_SHORT[d.month - 1]} {d.year}"


def iso(d):
    return d.isoformat()


def fr_day(d):
    return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]} {d.year}"


def fr_na(d):
    return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR_NA[d.month - 1]} {d.year}"


def fr_num(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def en_m(y, m):
    return f"{MONTHS_EN[m - 1]} {y}"


def fr_m(y, m):
    return f"{MONTHS_FR[m - 1]} {y}"


def fr_m_na(y, m):
    return f"{MONTHS_FR_NA[m - 1]} {y}"


# --- PM2.5 computations ---------------------------------------------------------------------------
STATION = {"city": None, "FR07004": "Montferrand", "FR07034": "Esplanade", "FR07022": "Paray", "FR07052": "Aurillac"}


def pm_series(st):
    return city if st == "city" else pm25[st]


def pm_day(st, d):
    s = pm_series(st)
    assert d in s, (st, d)
    return s[d]


def pm_vals(st, start, end):
    s = pm_series(st)
    out = [(d, s[d]) for d in days(start, end) if d in s]
    assert out, (st, start, end)
    return out


def pm_mean(st, start, end):
    v = [x for _, x in pm_vals(st, start, end)]
    return sum(v) / len(v)


def robust_count(values, pred):
    """Count of values satisfying pred; fails if float noise (6th decimal) could change it."""
    a = sum(1 for v in values if pred(v))
    b = sum(1 for v in values if pred(round(v, 6)))
    assert a == b, "count depends on float noise"
    return a


def pm_count(st, start, end, op, x):
    vals = [v for _, v in pm_vals(st, start, end)]
    pred = (lambda v: v > x) if op == ">" else (lambda v: v >= x)
    return robust_count(vals, pred)


def extreme(pairs, highest=True):
    best = max(v for _, v in pairs) if highest else min(v for _, v in pairs)
    return best, [d for d, v in pairs if v == best]


def pm_extreme(st, start, end, highest=True):
    return extreme(pm_vals(st, start, end), highest)


def covered(n_data, start, end):
    return n_data >= 0.75 * ((end - start).days + 1)


def months_between(start, end):
    y, m = start.year, start.month
    while date(y, m, 1) <= end:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def pm_month_rank(st, start, end, highest=True):
    s = pm_series(st)
    rows = []
    for y, m in months_between(start, end):
        ms, me = month(y, m)
        v = [s[d] for d in days(ms, me) if d in s]
        if covered(len(v), ms, me):
            rows.append((ms, sum(v) / len(v)))
    return extreme(rows, highest)


def atmo_count(st, start, end, cls):
    vals = [v for _, v in pm_vals(st, start, end)]
    a = sum(1 for v in vals if atmo_idx(v) == cls)
    b = sum(1 for v in vals if atmo_idx(round(v, 6)) == cls)
    assert a == b, "ATMO count depends on rounding noise"
    return a


def eaqi_count(st, start, end, cls):
    vals = [v for _, v in pm_vals(st, start, end)]
    a = sum(1 for v in vals if eaqi_idx(v) == cls)
    b = sum(1 for v in vals if eaqi_idx(round(v, 6)) == cls)
    assert a == b
    return a


# --- weather computations -------------------------------------------------------------------------
def wd(d, key):
    assert d in WD and key in WD[d], (d, key)
    return WD[d][key]


def w_vals(key, start, end):
    out = [(d, WD[d][key]) for d in days(max(start, W_FIRST), min(end, W_LAST)) if d in WD and key in WD[d]]
    assert out, (key, start, end)
    return out


def w_mean(key, start, end):
    v = [x for _, x in w_vals(key, start, end)]
    return sum(v) / len(v)


def w_sum(key, start, end):
    return sum(x for _, x in w_vals(key, start, end))


def w_min(key, start, end):
    return min(x for _, x in w_vals(key, start, end))


def w_max(key, start, end):
    return max(x for _, x in w_vals(key, start, end))


def w_count(key, start, end, pred):
    return robust_count([x for _, x in w_vals(key, start, end)], pred)


def w_extreme(key, start, end, highest=True):
    return extreme(w_vals(key, start, end), highest)


def w_month_rank(key, start, end, agg="mean", highest=True):
    rows = []
    for y, m in months_between(start, end):
        ms, me = month(y, m)
        if me < W_FIRST or ms > W_LAST:
            continue
        v = [WD[d][key] for d in days(ms, me) if d in WD and key in WD[d]]
        if covered(len(v), ms, me):
            rows.append((ms, sum(v) / len(v) if agg == "mean" else sum(v)))
    return extreme(rows, highest)


def w_year_rank(key, y0, y1, agg="mean", highest=True):
    rows = []
    for y in range(y0, y1 + 1):
        ys, ye = year(y)
        v = [WD[d][key] for d in days(ys, ye) if d in WD and key in WD[d]]
        if covered(len(v), ys, ye):
            rows.append((ys, sum(v) / len(v) if agg == "mean" else sum(v)))
    return extreme(rows, highest)


def same_month_rank(key, m, highest=True):
    """Which <month> (over all years) had the highest/lowest monthly mean."""
    rows = []
    for y in range(W_FIRST.year, W_LAST.year + 1):
        ms, me = month(y, m)
        v = [WD[d][key] for d in days(ms, me) if d in WD and key in WD[d]]
        if v and covered(len(v), ms, me):
            rows.append((ms, sum(v) / len(v)))
    return extreme(rows, highest)


def hot_cold_day(start, end, hottest=True):
    """(value any_of list, date any_of list) for the hottest/coldest day, both readings."""
    a, da = w_extreme("tmax" if hottest else "tmin", start, end, hottest)
    b, db = w_extreme("tmean", start, end, hottest)
    return [a, b], da + [d for d in db if d not in da]


# --- statistics -----------------------------------------------------------------------------------
def ranks(values):
    # Values equal to 9 decimals are ties: a daily mean's last bits depend on the order of its sums.
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


def correlation(st, key, start, end):
    xs, ys = [], []
    for d in days(start, end):
        if d in pm25[st] and d in WD and key in WD[d]:
            xs.append(pm25[st][d])
            ys.append(WD[d][key])
    return pearson(ranks(xs), ranks(ys)), len(xs)


# --- output ---------------------------------------------------------------------------------------
QUESTIONS = []
DEFAULT_AS_OF = date(2022, 6, 30)


def N(v):
    """A computed figure (or a list of alternatives)."""
    if isinstance(v, (list, tuple)):
        alts = []
        for x in v:
            if not any(abs(x - y) < 1e-9 for y in alts):
                alts.append(x)
        return N(alts[0]) if len(alts) == 1 else {"any_of": alts, "tolerance": 1e-6}
    return {"value": v, "tolerance": 1e-6}


def C(n):
    return {"value": n, "tolerance": 0}


def D(d):
    if isinstance(d, (list, tuple)):
        alts = sorted({x.isoformat() for x in d})
        return alts[0] if len(alts) == 1 else {"any_of": alts}
    return d.isoformat()


def add(form, kind, lang, question, numbers=(), dates=(), says=(), status="answered", as_of=DEFAULT_AS_OF, forbid=(),
        plan=None):
    assert lang in ("en", "fr")
    expect = {"status": status, "numbers": list(numbers), "dates": list(dates), "says": list(says), "forbid": list(forbid)}
    if plan is not None:
        expect["plan"] = plan
    QUESTIONS.append({
        "form": form, "kind": kind, "lang": lang, "question": question, "as_of": as_of.isoformat(),
        "expect": expect,
    })


# --- expected plans (eval/README.md, "Expected plans") --------------------------------------------
# What the question asks, as a careful reader reads it: a key the question leaves open is left out.
PLACE = {"city": "city", "FR07004": "Montferrand", "FR07034": "Esplanade", "FR07022": "Paray", "FR07052": "Aurillac",
         "Aulnat": "Aulnat"}
WVAR = {"tmean": "temperature", "tmin": "temperature", "tmax": "temperature", "rain": "precipitation",
        "ffmean": "wind_speed", "ffmax": "wind_speed", "gust": "wind_gust", "hum": "humidity", "pres": "pressure_msl"}
ALL = "all"  # "ever", "in your data", "depuis le début des mesures"


def plan_of(ask, variable=None, place=None, period=None, by=None, statistic=None, variables=None, places=None,
            periods=None, index=None):
    """A plan: period is a day, a (start, end) pair or ALL; periods lists two compared (the first is also from/to)."""
    p = {"ask": ask}
    if by is not None:
        p["by"] = by
    if statistic is not None:
        p["statistic"] = statistic
    if variable is not None:
        p["variable"] = variable
    if variables is not None:
        p["variables"] = list(variables)
    if place is not None:
        p["place"] = PLACE[place]
    if places is not None:
        p["places"] = [PLACE[x] for x in places]
    if periods is not None:
        assert period is None and len(periods) == 2
        period = periods[0]
    if period == ALL:
        p["period"] = "all"
    elif isinstance(period, date):
        p["from"] = p["to"] = period.isoformat()
    elif period is not None:
        a, b = period
        assert a <= b
        p["from"], p["to"] = a.isoformat(), b.isoformat()
    if periods is not None:
        p["periods"] = [[a.isoformat(), b.isoformat()] for a, b in periods]
    if index is not None:
        p["index"] = index
    return p


def refuse(form, kind, lang, question, as_of=DEFAULT_AS_OF):
    # A topic, pollutant, place or period without data, or an impossible date: no plan is expected.
    add(form, kind, lang, question, status="no_data", as_of=as_of)


def helpq(form, lang, question, as_of=DEFAULT_AS_OF):
    add(form, "help", lang, question, status="help", as_of=as_of, plan=plan_of("help"))


M, G, P, A = "FR07004", "FR07034", "FR07022", "FR07052"

# ===================================================================================================
# PM2.5 values
# ===================================================================================================
for d, text in [
    (date(2020, 3, 12), "What was the PM2.5 level in Clermont-Ferrand on {}?".format(en_day(date(2020, 3, 12)))),
    (date(2020, 1, 20), "pm2.5 in clermont on {}".format(iso(date(2020, 1, 20)))),
    (date(2020, 11, 3), "How bad was the fine particle pollution in town on {}".format(en_ord(date(2020, 11, 3)))),
    (date(2020, 2, 7), "fine particles concentration clermont ferrand {} ?".format(en_short(date(2020, 2, 7)))),
    (date(2020, 11, 14), "What were PM 2.5 levels like in Clermont on {}?".format(en_us(date(2020, 11, 14)))),
]:
    add("pm_day_city_en", "value", "en", text, [N(pm_day("city", d))], plan=plan_of("value", "pm25", "city", d))

for d, text in [
    (date(2020, 1, 12), "Quel était le niveau de PM2.5 à Clermont-Ferrand le {} ?".format(fr_day(date(2020, 1, 12)))),
    (date(2020, 2, 5), "taux de particules fines a clermont le {}".format(fr_na(date(2020, 2, 5)))),
    (date(2020, 10, 18), "C'était comment la pollution aux particules fines le {} à Clermont ?".format(fr_num(date(2020, 10, 18)))),
    (date(2020, 12, 1), "PM2,5 Clermont {}".format(fr_day(date(2020, 12, 1)))),
    (date(2020, 4, 25), "Combien de microgrammes de PM2.5 en ville le {} ?".format(fr_day(date(2020, 4, 25)))),
]:
    add("pm_day_city_fr", "value", "fr", text, [N(pm_day("city", d))], plan=plan_of("value", "pm25", "city", d))

for st, d, text in [
    (M, date(2020, 5, 4), "PM2.5 at Montferrand on {}?".format(iso(date(2020, 5, 4)))),
    (G, date(2020, 6, 21), "What was the PM2.5 reading at the Esplanade Gare station on {}".format(en_day(date(2020, 6, 21)))),
    (A, date(2020, 8, 15), "Aurillac fine particles {}".format(en_us(date(2020, 8, 15)))),
    (P, date(2020, 9, 30), "pm25 paray-le-fresil {}?".format(en_day(date(2020, 9, 30)))),
    (M, date(2020, 1, 23), "how high was pm2.5 at Montferand on {}??".format(en_ord(date(2020, 1, 23)))),
]:
    add("pm_day_station_en", "value", "en", text, [N(pm_day(st, d))], plan=plan_of("value", "pm25", st, d))

for st, d, text in [
    (G, date(2020, 7, 14), "particules fines à la gare le {} ?".format(fr_day(date(2020, 7, 14)))),
    (M, date(2020, 3, 17), "Quelle concentration de PM2,5 à la station de Montferrand le {} ?".format(fr_day(date(2020, 3, 17)))),
    (P, date(2020, 6, 2), "PM2.5 a Paray le Fresil le {}".format(fr_num(date(2020, 6, 2)))),
    (A, date(2020, 10, 9), "Niveau de particules fines à Aurillac le {} ?".format(fr_day(date(2020, 10, 9)))),
    (G, date(2020, 12, 15), "pollution pm2.5 esplanade gare {}".format(fr_na(date(2020, 12, 15)))),
]:
    add("pm_day_station_fr", "value", "fr", text, [N(pm_day(st, d))], plan=plan_of("value", "pm25", st, d))

for (y, m), text in [
    ((2020, 11), "average pm2.5 in clermont in November 2020"),
    ((2020, 3), "What was the mean PM2.5 concentration in Clermont-Ferrand during {}?".format(en_m(2020, 3))),
    ((2020, 7), "How polluted was the air in town in July 2020 (PM2.5)?"),
    ((2020, 1), "monthly average of fine particles, Clermont, Jan 2020"),
]:
    add("pm_month_city_en", "value", "en", text, [N(pm_mean("city", *month(y, m)))],
        plan=plan_of("value", "pm25", "city", month(y, m)))

for st, (y, m), text in [
    (A, (2020, 8), "moyenne des PM2,5 à Aurillac en août 2020 ?"),
    (M, (2020, 2), "Quelle a été la concentration moyenne de particules fines à Montferrand en fevrier 2020"),
    (G, (2020, 10), "pm2.5 moyen a la gare en octobre 2020"),
    (P, (2020, 5), "Moyenne mensuelle PM2.5 Paray-le-Frésil mai 2020 ?"),
    ("city", (2020, 12), "Quel était le niveau moyen de PM2.5 à Clermont en décembre 2020 ?"),
]:
    add("pm_month_station_fr", "value", "fr", text, [N(pm_mean(st, *month(y, m)))], plan=plan_of("value", "pm25", st, month(y, m)))

for st, (a, b), text in [
    (G, (date(2020, 3, 3), date(2020, 3, 17)), "What was the average PM2.5 at Esplanade Gare between 3 and 17 March 2020?"),
    ("city", (date(2020, 1, 15), date(2020, 2, 15)), "average pm2.5 in clermont between January 15 and February 15, 2020"),
    (M, (date(2020, 9, 1), date(2020, 9, 10)), "Mean fine-particle level at Montferrand between 1 and 10 September 2020"),
    ("city", (date(2020, 4, 20), date(2020, 5, 5)), "PM2.5 in Clermont-Ferrand between 2020-04-20 and 2020-05-05, on average?"),
]:
    add("pm_range_between_en", "value", "en", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))

for st, (a, b), text in [
    (M, (date(2020, 12, 1), date(2020, 12, 15)), "polution aux particules fines du 1er au 15 décembre 2020 à Montferrand"),
    ("city", (date(2020, 2, 10), date(2020, 2, 20)), "moyenne des PM2.5 a Clermont du 10 au 20 fevrier 2020 ?"),
    (G, (date(2020, 6, 25), date(2020, 7, 5)), "Quelle moyenne de PM2,5 à la gare du 25 juin au 5 juillet 2020 ?"),
    ("city", (date(2020, 3, 17), date(2020, 5, 11)), "Niveau moyen de particules fines à Clermont pendant le confinement, du 17 mars au 11 mai 2020"),
]:
    add("pm_range_du_au_fr", "value", "fr", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))

for st, text in [
    ("city", "annual mean PM2.5 Clermont-Ferrand 2020"),
    (G, "What was the yearly average of PM2.5 at Esplanade Gare in 2020?"),
    (M, "overall 2020 fine particle average at montferrand"),
]:
    add("pm_year_en", "value", "en", text, [N(pm_mean(st, *year(2020)))], plan=plan_of("value", "pm25", st, year(2020)))

for st, text in [
    ("city", "Quelle est la moyenne annuelle des PM2.5 à Clermont en 2020 ?"),
    (M, "moyenne 2020 des particules fines a Montferrand"),
    (P, "Sur l'année 2020, quelle concentration moyenne de PM2,5 à Paray-le-Frésil ?"),
]:
    add("pm_year_fr", "value", "fr", text, [N(pm_mean(st, *year(2020)))], plan=plan_of("value", "pm25", st, year(2020)))

for st, (a, b), text in [
    ("city", quarter(2020, 1), "Moyenne des PM2.5 à Clermont au premier trimestre 2020 ?"),
    (G, half(2020, 2), "particules fines à la gare au second semestre 2020"),
    (M, quarter(2020, 3), "PM2,5 moyen à Montferrand au 3e trimestre 2020"),
    ("city", half(2020, 1), "Quel niveau moyen de pollution aux particules fines à Clermont sur le premier semestre 2020 ?"),
]:
    add("pm_quarter_half_fr", "value", "fr", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))

for st, (a, b), text in [
    ("city", quarter(2020, 2), "What was Clermont's average PM2.5 in Q2 2020?"),
    (M, half(2020, 1), "pm2.5 at Montferrand, first half of 2020, average"),
    (G, quarter(2020, 4), "Average fine particles at Esplanade Gare in the fourth quarter of 2020?"),
    ("city", half(2020, 2), "How was the air in Clermont in the second half of 2020 on average (PM2.5)"),
]:
    add("pm_quarter_half_en", "value", "en", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))

for st, (a, b), text in [
    ("city", season(2020, "summer"), "average PM2.5 in Clermont in summer 2020"),
    (A, season(2020, "autumn"), "What was the mean fine particle level in Aurillac in autumn 2020?"),
    (M, season(2020, "spring"), "PM2.5 at Montferrand during spring 2020 - average?"),
]:
    add("pm_season_en", "value", "en", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))

for st, (a, b), text in [
    ("city", season(2020, "spring"), "Moyenne des particules fines à Clermont au printemps 2020 ?"),
    (G, season(2020, "summer"), "pm2.5 moyen à la gare pendant l'été 2020"),
    ("city", season(2020, "autumn"), "Quelle pollution aux PM2,5 en moyenne à l'automne 2020 à Clermont-Ferrand"),
]:
    add("pm_season_fr", "value", "fr", text, [N(pm_mean(st, a, b))], plan=plan_of("value", "pm25", st, (a, b)))


def pm_latest(st, as_of):
    s = pm_series(st)
    d = max(x for x in s if x <= as_of)
    return d, s[d]


for st, as_of, text in [
    ("city", date(2020, 10, 5), "How is the air in Clermont?"),
    ("city", date(2020, 12, 28), "what's the PM2.5 level right now"),
    (M, date(2020, 6, 10), "Latest PM2.5 reading at Montferrand?"),
    ("city", date(2020, 7, 2), "is the air ok for a run today?"),
]:
    d, v = pm_latest(st, as_of)
    add("pm_latest_en", "value", "en", text, [N(v)], [D(d)], as_of=as_of, plan=plan_of("latest", "pm25", st))

for st, as_of, text in [
    ("city", date(2020, 3, 20), "Comment est l'air à Clermont ?"),
    (G, date(2020, 11, 15), "C'est quoi le dernier niveau de PM2.5 à la gare"),
    ("city", date(2020, 12, 13), "qualité de l'air en ce moment, particules fines ?"),
    ("city", date(2020, 2, 10), "ça pollue aujourd'hui ?"),
]:
    d, v = pm_latest(st, as_of)
    add("pm_latest_fr", "value", "fr", text, [N(v)], [D(d)], as_of=as_of, plan=plan_of("latest", "pm25", st))

# relative periods, PM2.5
for st, as_of, text in [
    ("city", date(2020, 6, 15), "What was the PM2.5 yesterday?"),
    (M, date(2020, 11, 16), "pm2.5 at montferrand yesterday"),
]:
    add("pm_yesterday_en", "relative", "en", text, [N(pm_day(st, yesterday(as_of)))], as_of=as_of,
        plan=plan_of("value", "pm25", st, yesterday(as_of)))
for st, as_of, text in [
    ("city", date(2020, 3, 2), "C'était combien les particules fines hier ?"),
    (G, date(2020, 9, 23), "PM2.5 hier à la gare"),
]:
    add("pm_yesterday_fr", "relative", "fr", text, [N(pm_day(st, yesterday(as_of)))], as_of=as_of,
        plan=plan_of("value", "pm25", st, yesterday(as_of)))

for st, as_of, text in [
    ("city", date(2020, 5, 11), "Quelle a été la moyenne des PM2.5 la semaine dernière ?"),
    (M, date(2020, 1, 27), "pollution aux particules fines à Montferrand la semaine dernière, en moyenne"),
]:
    add("pm_last_week_fr", "relative", "fr", text, [N(pm_mean(st, *last_week(as_of)))], as_of=as_of,
        plan=plan_of("value", "pm25", st, last_week(as_of)))
for st, as_of, text in [
    ("city", date(2020, 8, 20), "average PM2.5 over the last week"),
    (G, date(2020, 12, 2), "How was the air at Esplanade Gare last week? (PM2.5 average)"),
]:
    # "over the last week" may be the last seven days as well as the calendar week before: its period is left out.
    period = None if "over the last week" in text else last_week(as_of)
    add("pm_last_week_en", "relative", "en", text, [N(pm_mean(st, *last_week(as_of)))], as_of=as_of,
        plan=plan_of("value", "pm25", st, period))

for st, as_of, period, form, lang, text in [
    ("city", date(2020, 10, 5), last_month, "pm_last_month_en", "en", "What was the average PM2.5 last month?"),
    (M, date(2020, 3, 3), last_month, "pm_last_month_en", "en", "montferrand pm2.5 last month avg"),
    ("city", date(2020, 12, 6), last_month, "pm_last_month_fr", "fr", "Quelle a été la moyenne des PM2.5 le mois dernier à Clermont ?"),
    (M, date(2020, 9, 2), last_month, "pm_last_month_fr", "fr", "particules fines a Montferrand le mois dernier"),
    ("city", date(2020, 7, 20), this_month, "pm_this_month_fr", "fr", "Moyenne des particules fines ce mois-ci ?"),
    (G, date(2020, 5, 18), this_month, "pm_this_month_fr", "fr", "pm2.5 à la gare depuis le début du mois"),
    ("city", date(2020, 11, 20), this_month, "pm_this_month_en", "en", "pm2.5 so far this month"),
    (G, date(2020, 4, 27), this_month, "pm_this_month_en", "en", "What's the average PM2.5 at Esplanade Gare this month?"),
]:
    add(form, "relative", lang, text, [N(pm_mean(st, *period(as_of)))], as_of=as_of,
        plan=plan_of("value", "pm25", st, period(as_of)))

for d, text in [
    (date(2020, 7, 14), "Pollution aux particules fines le 14 juillet 2020 à Clermont ?"),
    (date(2020, 5, 1), "PM2.5 en ville le 1er mai 2020"),
    (date(2020, 11, 1), "qualité de l'air (pm2.5) à la Toussaint 2020"),
    (easter(2020), "Quel taux de particules fines le dimanche de Pâques 2020 à Clermont ?"),
]:
    add("pm_named_day_fr", "value", "fr", text, [N(pm_day("city", d))], plan=plan_of("value", "pm25", "city", d))
for d, text in [
    (date(2020, 12, 25), "PM2.5 in Clermont on Christmas Day 2020?"),
    (easter(2020), "how was the air on easter sunday 2020"),
    (date(2020, 1, 1), "New Year's Day 2020 fine particle levels in Clermont-Ferrand"),
]:
    add("pm_named_day_en", "value", "en", text, [N(pm_day("city", d))], plan=plan_of("value", "pm25", "city", d))

as_of = date(2020, 6, 30)
d = latest_day_named(3, 3, as_of)
add("pm_yearless_day_en", "value", "en", "PM2.5 in Clermont on 3 March?", [N(pm_day("city", d))], as_of=as_of,
    plan=plan_of("value", "pm25", "city", d))
d = latest_day_named(4, 18, as_of)
add("pm_yearless_day_en", "value", "en", "what was the pm2.5 at montferrand on april 18", [N(pm_day(M, d))], as_of=as_of,
    plan=plan_of("value", "pm25", M, d))
as_of = date(2020, 12, 30)
d = latest_day_named(12, 25, as_of)
add("pm_yearless_day_fr", "value", "fr", "Particules fines à Noël ?", [N(pm_day("city", d))], as_of=as_of,
    plan=plan_of("value", "pm25", "city", d))
d = latest_day_named(11, 11, as_of)
add("pm_yearless_day_fr", "value", "fr", "PM2.5 à la gare le 11 novembre", [N(pm_day(G, d))], as_of=as_of,
    plan=plan_of("value", "pm25", G, d))
ms = latest_month_named(10, as_of)
add("pm_yearless_day_fr", "value", "fr", "moyenne des particules fines en octobre a Clermont", [N(pm_mean("city", *ms))], as_of=as_of,
    plan=plan_of("value", "pm25", "city", ms))

# ===================================================================================================
# PM2.5 counts
# ===================================================================================================
for st, (a, b), text in [
    (M, year(2020), "How many days above the WHO guideline were there at Montferrand in 2020?"),
    ("city", year(2020), "number of days clermont exceeded the WHO pm2.5 limit in 2020"),
    (G, month(2020, 1), "How many days in January 2020 did Esplanade Gare go over the WHO daily guideline for PM2.5"),
    ("city", quarter(2020, 4), "In Q4 2020, how many days was Clermont's PM2.5 above the guideline?"),
]:
    add("pm_count_who_en", "count", "en", text, [C(pm_count(st, a, b, ">", WHO))], plan=plan_of("count", "pm25", st, (a, b)))

for st, (a, b), text in [
    ("city", year(2020), "Combien de jours de dépassement du seuil OMS pour les PM2.5 en 2020 à Clermont ?"),
    (M, month(2020, 11), "combien de jours au dessus de la recommandation de l'OMS a Montferrand en novembre 2020"),
    (A, year(2020), "Nombre de jours où Aurillac a dépassé la valeur guide OMS des particules fines en 2020 ?"),
    (G, half(2020, 1), "Combien de jours la gare a-t-elle dépassé le seuil OMS au premier semestre 2020 ?"),
]:
    add("pm_count_who_fr", "count", "fr", text, [C(pm_count(st, a, b, ">", WHO))], plan=plan_of("count", "pm25", st, (a, b)))

for st, (a, b), op, x, text in [
    (G, year(2020), ">", 25, "how many days over 25 µg/m3 at Esplanade Gare in 2020"),
    ("city", year(2020), ">=", 20, "On how many days did Clermont's PM2.5 reach at least 20 µg/m³ in 2020?"),
    (M, month(2020, 1), ">", 30, "How many days in January 2020 was PM2.5 at Montferrand more than 30 µg/m3?"),
    ("city", season(2020, "autumn"), ">=", 10, "days with PM2.5 of 10 ug/m3 or more in Clermont in autumn 2020"),
]:
    add("pm_count_thr_en", "count", "en", text, [C(pm_count(st, a, b, op, x))], plan=plan_of("count", "pm25", st, (a, b)))

for st, (a, b), op, x, text in [
    (M, half(2020, 1), ">", 30, "Combien de jours au-dessus de 30 µg/m³ à Montferrand au premier semestre 2020 ?"),
    ("city", year(2020), ">", 25, "nombre de jours avec plus de 25 µg/m3 de PM2.5 à Clermont en 2020"),
    (G, month(2020, 2), ">=", 12, "Combien de jours avec au moins 12 µg/m³ de particules fines à la gare en février 2020 ?"),
    (P, year(2020), ">", 20, "combien de jours paray le fresil a depasse 20 µg/m3 en 2020"),
]:
    add("pm_count_thr_fr", "count", "fr", text, [C(pm_count(st, a, b, op, x))], plan=plan_of("count", "pm25", st, (a, b)))

# ===================================================================================================
# PM2.5 extremes and rankings
# ===================================================================================================


def pm_span(st, period):
    """The days a period covers: ALL is the whole series of the station (or of the city)."""
    s = pm_series(st)
    return (min(s), max(s)) if period == ALL else period


for st, period, text in [
    ("city", year(2020), "What was the most polluted day of 2020 in Clermont?"),
    (M, month(2020, 11), "worst pm2.5 day at Montferrand in November 2020"),
    (G, ALL, "Highest PM2.5 ever recorded at Esplanade Gare in your data?"),
    (A, year(2020), "Which day had the highest fine-particle level in Aurillac in 2020?"),
]:
    v, ds = pm_extreme(st, *pm_span(st, period), True)
    add("pm_max_day_en", "extreme", "en", text, [N(v)], [D(ds)], plan=plan_of("highest", "pm25", st, period, by="day"))

for st, period, text in [
    (M, year(2020), "Quel a été le jour le plus pollué à Montferrand en 2020 ?"),
    ("city", month(2020, 12), "jour le plus pollue en decembre 2020 a clermont"),
    ("city", ALL, "Record de pollution aux PM2.5 à Clermont depuis le début des mesures ?"),
    (P, season(2020, "summer"), "Pic de particules fines à Paray-le-Frésil pendant l'été 2020 : quel jour et combien ?"),
]:
    v, ds = pm_extreme(st, *pm_span(st, period), True)
    add("pm_max_day_fr", "extreme", "fr", text, [N(v)], [D(ds)], plan=plan_of("highest", "pm25", st, period, by="day"))

for st, (a, b), text in [
    ("city", year(2020), "cleanest air day in Clermont in 2020?"),
    (G, month(2020, 8), "Which day in August 2020 had the lowest PM2.5 at Esplanade Gare?"),
    (M, season(2020, "spring"), "lowest pm2.5 day at Montferrand in spring 2020"),
]:
    v, ds = pm_extreme(st, a, b, False)
    add("pm_min_day_en", "extreme", "en", text, [N(v)], [D(ds)], plan=plan_of("lowest", "pm25", st, (a, b), by="day"))
for st, (a, b), text in [
    ("city", year(2020), "Quel a été le jour où l'air était le plus propre à Clermont en 2020 ?"),
    (M, month(2020, 3), "jour le moins pollué à Montferrand en mars 2020"),
    (A, season(2020, "autumn"), "Le jour avec le moins de particules fines à Aurillac à l'automne 2020 ?"),
]:
    v, ds = pm_extreme(st, a, b, False)
    add("pm_min_day_fr", "extreme", "fr", text, [N(v)], [D(ds)], plan=plan_of("lowest", "pm25", st, (a, b), by="day"))

for st, hi, text in [
    (M, True, "Which month of 2020 had the worst air at Montferrand?"),
    ("city", False, "cleanest month of 2020 in Clermont for PM2.5"),
    (G, True, "In which month of 2020 was PM2.5 highest at Esplanade Gare, on average?"),
]:
    ms, v = None, None
    v, ms = pm_month_rank(st, *year(2020), highest=hi)
    add("pm_month_rank_en", "rank", "en", text, [N(v)], [D(ms)],
        plan=plan_of("highest" if hi else "lowest", "pm25", st, year(2020), by="month"))
for st, hi, text in [
    ("city", True, "Quel a été le mois le plus pollué de 2020 à Clermont ?"),
    (A, False, "mois le moins pollue a Aurillac en 2020"),
    (M, False, "En 2020, quel mois a eu la plus faible moyenne de PM2.5 à Montferrand ?"),
]:
    v, ms = pm_month_rank(st, *year(2020), highest=hi)
    add("pm_month_rank_fr", "rank", "fr", text, [N(v)], [D(ms)],
        plan=plan_of("highest" if hi else "lowest", "pm25", st, year(2020), by="month"))

# ===================================================================================================
# PM2.5 comparisons
# ===================================================================================================


def pm_cmp(s1, s2, a, b, worse=True):
    m1, m2 = pm_mean(s1, a, b), pm_mean(s2, a, b)
    win = s1 if (m1 > m2) == worse else s2
    return [N(m1), N(m2)], [STATION[win]]


for s1, s2, (a, b), worse, text in [
    (M, G, month(2020, 1), True, "Was the air worse at Montferrand or at Esplanade Gare in January 2020?"),
    (A, M, season(2020, "summer"), True, "Which had higher PM2.5 in summer 2020, Aurillac or Montferrand?"),
    (G, M, year(2020), False, "where was the air cleaner in 2020: the station by the train station (Esplanade Gare) or Montferrand?"),
    (P, G, month(2020, 10), True, "compare pm2.5 paray-le-frésil vs esplanade gare october 2020"),
]:
    nums, says = pm_cmp(s1, s2, a, b, worse)
    add("pm_cmp_stations_en", "compare", "en", text, nums, says=says,
        plan=plan_of("compare", "pm25", s1, (a, b), places=[s1, s2]))
for s1, s2, (a, b), worse, text in [
    (M, G, month(2020, 11), True, "L'air était-il plus pollué à Montferrand ou à la gare en novembre 2020 ?"),
    (G, A, season(2020, "autumn"), True, "Comparaison des particules fines entre Esplanade Gare et Aurillac à l'automne 2020"),
    (M, P, year(2020), False, "Où l'air était le plus propre en 2020, à Montferrand ou à Paray-le-Frésil ?"),
    (G, M, quarter(2020, 1), True, "pm2.5 gare vs montferrand premier trimestre 2020, lequel est le pire"),
]:
    nums, says = pm_cmp(s1, s2, a, b, worse)
    add("pm_cmp_stations_fr", "compare", "fr", text, nums, says=says,
        plan=plan_of("compare", "pm25", s1, (a, b), places=[s1, s2]))

for st, lang, text in [
    ("city", "fr", "Les particules fines ont-elles baissé entre le premier et le second semestre 2020 à Clermont ?"),
    (M, "fr", "premier semestre vs second semestre 2020 PM2.5 Montferrand"),
    ("city", "en", "Was PM2.5 in Clermont higher in the first half or the second half of 2020?"),
    (G, "en", "first half vs second half of 2020, fine particles at Esplanade Gare"),
]:
    add("pm_cmp_halves_" + lang, "compare", lang, text, [N(pm_mean(st, *half(2020, 1))), N(pm_mean(st, *half(2020, 2)))],
        plan=plan_of("compare", "pm25", st, periods=[half(2020, 1), half(2020, 2)]))

for st, m1, m2, lang, text in [
    ("city", 1, 7, "en", "Was the air worse in January or in July 2020 in Clermont?"),
    (M, 4, 11, "en", "montferrand pm2.5: april 2020 vs november 2020"),
    ("city", 2, 8, "fr", "Y avait-il plus de particules fines en février ou en août 2020 à Clermont ?"),
    (G, 3, 9, "fr", "PM2.5 à la gare : mars 2020 comparé à septembre 2020"),
]:
    add("pm_cmp_months_" + lang, "compare", lang, text, [N(pm_mean(st, *month(2020, m1))), N(pm_mean(st, *month(2020, m2)))],
        plan=plan_of("compare", "pm25", st, periods=[month(2020, m1), month(2020, m2)]))

# ===================================================================================================
# Air-quality indices
# ===================================================================================================


def index_day(st, d, kind):
    v = pm_day(st, d)
    i = atmo_idx_robust(v) if kind == "atmo" else eaqi_idx_robust(v)
    assert i is not None, ("index depends on rounding", st, d)
    return v, i


for st, d, text in [
    (M, date(2020, 1, 5), "Quel était l'indice ATMO à Montferrand le {} ?".format(fr_day(date(2020, 1, 5)))),
    ("city", date(2020, 1, 22), "indice atmo clermont {}".format(fr_na(date(2020, 1, 22)))),
    (G, date(2020, 11, 30), "Indice ATMO (particules fines) à la gare le {}".format(fr_num(date(2020, 11, 30)))),
    ("city", date(2020, 6, 8), "C'était quoi l'indice de qualité de l'air ATMO à Clermont le {} ?".format(fr_day(date(2020, 6, 8)))),
    (A, date(2020, 12, 20), "Indice Atmo à Aurillac le {} ?".format(fr_day(date(2020, 12, 20)))),
]:
    v, i = index_day(st, d, "atmo")
    add("atmo_day_fr", "index", "fr", text, [N(v)], says=[ATMO[i][1].lower()], plan=plan_of("value", "pm25", st, d, index="ATMO"))
for st, d, text in [
    ("city", date(2020, 11, 3), "what was the ATMO index in Clermont on {}".format(iso(date(2020, 11, 3)))),
    (M, date(2020, 1, 21), "French ATMO air quality index at Montferrand on {}?".format(en_day(date(2020, 1, 21)))),
    (G, date(2020, 5, 20), "ATMO index at Esplanade Gare, {}".format(en_us(date(2020, 5, 20)))),
    ("city", date(2020, 2, 26), "Was the Atmo index good or bad in Clermont on {}?".format(en_ord(date(2020, 2, 26)))),
]:
    v, i = index_day(st, d, "atmo")
    add("atmo_day_en", "index", "en", text, [N(v)], says=[ATMO[i][2].lower()], plan=plan_of("value", "pm25", st, d, index="ATMO"))
for st, d, text in [
    ("city", date(2020, 1, 24), "What was the European Air Quality Index for PM2.5 in Clermont on {}?".format(en_day(date(2020, 1, 24)))),
    (M, date(2020, 10, 22), "european AQI montferrand {}".format(iso(date(2020, 10, 22)))),
    (G, date(2020, 12, 5), "EAQI at Esplanade Gare on {}?".format(en_us(date(2020, 12, 5)))),
    (P, date(2020, 7, 3), "What European AQI band was Paray-le-Frésil in on {}".format(en_day(date(2020, 7, 3)))),
]:
    v, i = index_day(st, d, "eaqi")
    add("eaqi_day_en", "index", "en", text, [N(v)], says=[EAQI_EN[i]], plan=plan_of("value", "pm25", st, d, index="EAQI"))
for st, d, text in [
    ("city", date(2020, 11, 28), "Quel était l'indice européen de qualité de l'air à Clermont le {} ?".format(fr_day(date(2020, 11, 28)))),
    (G, date(2020, 1, 10), "indice europeen (EAQI) a la gare le {}".format(fr_na(date(2020, 1, 10)))),
    (M, date(2020, 8, 12), "Indice AQI européen pour les PM2.5 à Montferrand le {} ?".format(fr_num(date(2020, 8, 12)))),
    (A, date(2020, 11, 18), "EAQI Aurillac {}".format(fr_day(date(2020, 11, 18)))),
]:
    v, i = index_day(st, d, "eaqi")
    add("eaqi_day_fr", "index", "fr", text, [N(v)], says=[EAQI_FR[i]], plan=plan_of("value", "pm25", st, d, index="EAQI"))

ATMO_FR_I = {lab.lower(): i for i, (_, lab, _) in enumerate(ATMO)}
ATMO_EN_I = {en.lower(): i for i, (_, _, en) in enumerate(ATMO)}
for st, (a, b), cls, text in [
    ("city", year(2020), "mauvais", "Combien de jours l'indice ATMO était « mauvais » en 2020 à Clermont ?"),
    (G, year(2020), "dégradé", "nombre de jours avec un indice atmo degrade a la gare en 2020"),
    ("city", month(2020, 1), "moyen", "En janvier 2020, combien de jours d'indice ATMO moyen à Clermont ?"),
    (A, year(2020), "bon", "Combien de jours l'indice ATMO a-t-il été bon à Aurillac en 2020 ?"),
]:
    add("atmo_count_fr", "index", "fr", text, [C(atmo_count(st, a, b, ATMO_FR_I[cls]))],
        plan=plan_of("count", "pm25", st, (a, b), index="ATMO"))
for st, (a, b), idx, text in [
    (M, year(2020), ("eaqi", 0), "How many 'good' European AQI days did Montferrand have in 2020?"),
    ("city", year(2020), ("eaqi", 3), "number of days with a poor european air quality index in clermont in 2020"),
    ("city", year(2020), ("atmo", ATMO_EN_I["poor"]), "How many days was the ATMO index 'poor' in Clermont in 2020?"),
    (G, half(2020, 1), ("eaqi", 1), "In the first half of 2020, how many days was the EAQI 'fair' at Esplanade Gare?"),
]:
    n = eaqi_count(st, a, b, idx[1]) if idx[0] == "eaqi" else atmo_count(st, a, b, idx[1])
    add("index_count_en", "index", "en", text, [C(n)], plan=plan_of("count", "pm25", st, (a, b), index=idx[0].upper()))

# ===================================================================================================
# Weather values
# ===================================================================================================


def tday(d):
    return [N(wd(d, "tmin")), N(wd(d, "tmax"))]


def wplace(text):
    """The weather station when a question names it (Aulnat, the airport), else the city."""
    return "Aulnat" if "aulnat" in text.lower() else "city"


def wplan(ask, key, text, period=None, **kw):
    """A weather question's plan: the variable of a daily series key, the place the text names."""
    return plan_of(ask, None if key is None else WVAR[key], wplace(text), period, **kw)


for d, text in [
    (date(2019, 2, 15), "What was the temperature on {}?".format(en_day(date(2019, 2, 15)))),
    (date(2016, 8, 23), "temprature in clermont {}".format(en_us(date(2016, 8, 23)))),
    (date(2021, 12, 24), "How warm was it in Clermont-Ferrand on {}".format(en_ord(date(2021, 12, 24)))),
    (date(2014, 5, 9), "temperature at the airport (Aulnat) on {}?".format(iso(date(2014, 5, 9)))),
    (date(2022, 3, 1), "how cold was it on {}".format(en_short(date(2022, 3, 1)))),
]:
    add("temp_day_en", "value", "en", text, tday(d), plan=wplan("value", "tmean", text, d))
for d, text in [
    (date(2016, 3, 3), "Quelle température faisait-il le {} ?".format(fr_day(date(2016, 3, 3)))),
    (date(2018, 2, 27), "temperature a clermont le {}".format(fr_na(date(2018, 2, 27)))),
    (date(2019, 7, 25), "Il faisait combien le {} à Clermont-Ferrand ?".format(fr_num(date(2019, 7, 25)))),
    (date(2013, 10, 14), "Températures min et max le {}".format(fr_day(date(2013, 10, 14)))),
    (date(2021, 1, 8), "il a fait froid le {} ?".format(fr_day(date(2021, 1, 8)))),
]:
    add("temp_day_fr", "value", "fr", text, tday(d), plan=wplan("value", "tmean", text, d))

for d, lang, text in [
    (date(2019, 3, 3), "en", "What was the average temperature on 3 March 2019?"),
    (date(2017, 6, 21), "en", "mean temp on june 21 2017 in clermont"),
    (date(2020, 2, 14), "en", "Daily mean temperature for Valentine's Day, 14 February 2020?"),
    (date(2015, 11, 20), "fr", "Température moyenne de la journée du 20 novembre 2015 ?"),
    (date(2021, 9, 5), "fr", "temperature moyenne le 5 septembre 2021"),
    (date(2018, 4, 30), "fr", "Quelle a été la température moyenne le 30/04/2018 à Aulnat ?"),
]:
    add("temp_day_mean_" + lang, "value", lang, text, [N(wd(d, "tmean"))], plan=wplan("value", "tmean", text, d, statistic="mean"))

for (y, m), text in [
    ((2019, 7), "Average Temperature In July 2019"),
    ((2017, 1), "What was the mean temperature in Clermont-Ferrand in January 2017?"),
    ((2021, 10), "How warm was October 2021 on average?"),
    ((2014, 4), "avg temp april 2014 clermont"),
]:
    add("temp_month_en", "value", "en", text, [N(w_mean("tmean", *month(y, m)))], plan=wplan("value", "tmean", text, month(y, m)))
for (y, m), text in [
    ((2018, 2), "Quelle a été la température moyenne en février 2018 ?"),
    ((2015, 8), "temperature moyenne aout 2015"),
    ((2022, 1), "Il a fait combien en moyenne en janvier 2022 à Clermont ?"),
    ((2016, 12), "TEMPERATURE MOYENNE A CLERMONT EN DECEMBRE 2016"),
]:
    add("temp_month_fr", "value", "fr", text, [N(w_mean("tmean", *month(y, m)))], plan=wplan("value", "tmean", text, month(y, m)))

for (a, b), text in [
    ((date(2019, 6, 24), date(2019, 6, 30)), "What was the average temperature between 24 and 30 June 2019?"),
    ((date(2018, 12, 20), date(2019, 1, 5)), "mean temperature between December 20, 2018 and January 5, 2019"),
    ((date(2020, 3, 17), date(2020, 5, 11)), "How warm was it on average during the lockdown, between 17 March and 11 May 2020?"),
    ((date(2016, 7, 1), date(2016, 7, 15)), "average temp from 2016-07-01 to 2016-07-15"),
]:
    add("temp_range_between_en", "value", "en", text, [N(w_mean("tmean", a, b))], plan=wplan("value", "tmean", text, (a, b)))
for (a, b), text in [
    ((date(2019, 7, 1), date(2019, 7, 7)), "Température moyenne du 1er au 7 juillet 2019 ?"),
    ((date(2017, 1, 10), date(2017, 1, 25)), "temperature moyenne du 10 au 25 janvier 2017"),
    ((date(2021, 8, 1), date(2021, 8, 15)), "Quelle température en moyenne du 1er au 15 août 2021 à Clermont ?"),
    ((date(2015, 10, 28), date(2015, 11, 3)), "Moyenne des températures entre le 28 octobre et le 3 novembre 2015"),
]:
    add("temp_range_du_au_fr", "value", "fr", text, [N(w_mean("tmean", a, b))], plan=wplan("value", "tmean", text, (a, b)))

for y, lang, text in [
    (2017, "fr", "Quelle a été la température moyenne en 2017 ?"),
    (2020, "fr", "temperature moyenne annuelle 2020 a clermont-ferrand"),
    (2014, "fr", "En 2014, il a fait combien en moyenne sur l'année ?"),
    (2019, "en", "What was the average temperature in Clermont in 2019?"),
    (2021, "en", "annual mean temperature 2021"),
    (2015, "en", "how warm was 2015 overall?"),
]:
    add("temp_year_" + lang, "value", lang, text, [N(w_mean("tmean", *year(y)))], plan=wplan("value", "tmean", text, year(y)))

for y, s, text in [
    (2019, "summer", "average temperature summer 2019"),
    (2021, "spring", "What was the mean temperature in spring 2021?"),
    (2017, "autumn", "How mild was autumn 2017 in Clermont-Ferrand (average temp)?"),
    (2018, "summer", "mean temp in the summer of 2018"),
]:
    add("temp_season_en", "value", "en", text, [N(w_mean("tmean", *season(y, s)))], plan=wplan("value", "tmean", text, season(y, s)))
for y, s, text in [
    (2020, "summer", "Température moyenne de l'été 2020 ?"),
    (2016, "spring", "temperature moyenne au printemps 2016"),
    (2019, "autumn", "Il a fait combien en moyenne à l'automne 2019 ?"),
    (2015, "summer", "Quelle était la température moyenne pendant l'été 2015 à Clermont ?"),
]:
    add("temp_season_fr", "value", "fr", text, [N(w_mean("tmean", *season(y, s)))], plan=wplan("value", "tmean", text, season(y, s)))

for key, (a, b), lang, text in [
    ("tmin", month(2017, 1), "en", "What was the lowest temperature in January 2017?"),
    ("tmin", year(2021), "en", "coldest temperature recorded in 2021"),
    ("tmax", month(2019, 6), "en", "highest temperature in June 2019?"),
    ("tmax", season(2020, "summer"), "en", "What was the max temperature reached in summer 2020?"),
    ("tmax", month(2018, 8), "fr", "Température la plus haute en août 2018 ?"),
    ("tmax", year(2015), "fr", "temperature maximale atteinte en 2015"),
    ("tmin", month(2018, 2), "fr", "Quelle a été la température la plus basse en février 2018 ?"),
    ("tmin", season(2016, "autumn"), "fr", "temperature minimale a l'automne 2016"),
]:
    v = w_min(key, a, b) if key == "tmin" else w_max(key, a, b)
    # The lowest (highest) temperature of a period: the extreme of the days' lowest (highest) readings.
    add(("temp_lowest_period_" if key == "tmin" else "temp_highest_period_") + lang, "value", lang, text, [N(v)],
        plan=wplan("lowest" if key == "tmin" else "highest", key, text, (a, b), by="day",
                   statistic="min" if key == "tmin" else "max"))

# multi-year spans
for (y0, y1), lang, text in [
    ((2013, 2021), "en", "What was the average temperature between 2013 and 2021?"),
    ((2016, 2019), "en", "mean temperature 2016-2019"),
    ((2015, 2018), "fr", "Température moyenne de 2015 à 2018 ?"),
    ((2013, 2019), "fr", "temperature moyenne sur 2013–2019"),
]:
    add("temp_span_" + lang, "value", lang, text, [N(w_mean("tmean", date(y0, 1, 1), date(y1, 12, 31)))],
        plan=wplan("value", "tmean", text, (date(y0, 1, 1), date(y1, 12, 31))))

# rain
for (y, m), text in [
    ((2021, 5), "How much did it rain in May 2021?"),
    ((2018, 6), "total rainfall june 2018"),
    ((2020, 10), "How many mm of rain fell in Clermont-Ferrand in October 2020?"),
    ((2015, 7), "precipitation total for july 2015?"),
]:
    add("rain_month_en", "value", "en", text, [N(w_sum("rain", *month(y, m)))], plan=wplan("value", "rain", text, month(y, m)))
for (y, m), text in [
    ((2019, 10), "Combien est-il tombé de pluie en octobre 2019 ?"),
    ((2016, 5), "cumul de pluie mai 2016"),
    ((2021, 7), "Il a plu combien en juillet 2021 à Clermont ?"),
    ((2013, 11), "Précipitations totales en novembre 2013 ?"),
]:
    add("rain_month_fr", "value", "fr", text, [N(w_sum("rain", *month(y, m)))], plan=wplan("value", "rain", text, month(y, m)))

for d, lang, text in [
    (date(2017, 7, 14), "fr", "A-t-il plu le 14 juillet 2017 ?"),
    (date(2021, 6, 17), "fr", "combien de mm de pluie le 17 juin 2021"),
    (date(2014, 10, 7), "fr", "Pluie tombée le 07/10/2014 à Clermont ?"),
    (date(2019, 11, 3), "en", "How much rain fell on 3 November 2019?"),
    (date(2016, 6, 13), "en", "did it rain on june 13th 2016"),
    (date(2020, 5, 11), "en", "rainfall on 2020-05-11?"),
]:
    add("rain_day_" + lang, "value", lang, text, [N(wd(d, "rain"))], plan=wplan("value", "rain", text, d))

for (a, b), lang, text in [
    ((date(2016, 6, 1), date(2016, 6, 10)), "en", "total rainfall from 1 to 10 June 2016"),
    ((date(2020, 12, 20), date(2021, 1, 10)), "en", "How much rain between December 20, 2020 and January 10, 2021?"),
    ((date(2019, 5, 1), date(2019, 5, 15)), "en", "rain in Clermont between 1 and 15 May 2019 - total?"),
    ((date(2018, 1, 1), date(2018, 1, 31)), "fr", "Cumul de pluie du 1er au 31 janvier 2018 ?"),
    ((date(2021, 9, 10), date(2021, 9, 30)), "fr", "pluie totale du 10 au 30 septembre 2021"),
    ((date(2015, 1, 1), date(2018, 12, 31)), "fr", "Combien de pluie est tombée au total de 2015 à 2018 ?"),
]:
    add("rain_range_" + lang, "value", lang, text, [N(w_sum("rain", a, b))], plan=wplan("value", "rain", text, (a, b)))

# wind, gusts, humidity, pressure
for d, lang, text in [
    (date(2020, 2, 10), "en", "What was the average wind speed on 10 February 2020?"),
    (date(2017, 3, 6), "en", "mean wind speed march 6 2017"),
    (date(2019, 12, 13), "en", "How windy was it on average on December 13th 2019 (mean wind speed)?"),
    (date(2018, 1, 3), "fr", "Vitesse moyenne du vent le 3 janvier 2018 ?"),
    (date(2021, 2, 1), "fr", "vent moyen le 1er fevrier 2021"),
    (date(2016, 11, 20), "fr", "Quelle était la vitesse moyenne du vent le 20/11/2016 ?"),
]:
    add("wind_day_" + lang, "value", lang, text, [N(wd(d, "ffmean"))], plan=wplan("value", "ffmean", text, d, statistic="mean"))
for (a, b), lang, text in [
    (month(2020, 3), "fr", "Vitesse moyenne du vent en mars 2020 ?"),
    (year(2019), "fr", "vent moyen sur l'année 2019"),
    (month(2016, 2), "en", "average wind speed in February 2016"),
    (season(2021, "autumn"), "en", "What was the mean wind speed in autumn 2021?"),
]:
    add("wind_period_" + lang, "value", lang, text, [N(w_mean("ffmean", a, b))], plan=wplan("value", "ffmean", text, (a, b)))

for d, lang, text in [
    (date(2020, 2, 10), "fr", "Rafale maximale le 10 février 2020 ?"),
    (date(2017, 3, 6), "fr", "rafales de vent le 6 mars 2017, max ?"),
    (date(2021, 6, 21), "en", "strongest gust on 21 June 2021?"),
    (date(2019, 12, 13), "en", "peak wind gust december 13 2019"),
]:
    add("gust_day_" + lang, "value", lang, text, [N(wd(d, "gust"))], plan=wplan("value", "gust", text, d, statistic="max"))
for (a, b), lang, text in [
    (month(2020, 2), "en", "What was the strongest gust in February 2020?"),
    (year(2017), "en", "max wind gust in 2017 - when and how strong"),
    (year(2021), "fr", "Quelle a été la plus forte rafale de 2021 ?"),
    (season(2019, "summer"), "fr", "rafale la plus forte de l'été 2019"),
]:
    v, ds = w_extreme("gust", a, b, True)
    add("gust_period_" + lang, "extreme", lang, text, [N(v)], [D(ds)],
        plan=wplan("highest", "gust", text, (a, b), by="day", statistic="max"))

for (a, b), lang, text in [
    (month(2020, 8), "fr", "Humidité moyenne en août 2020 ?"),
    ((date(2018, 11, 5), date(2018, 11, 5)), "fr", "taux d'humidite le 5 novembre 2018"),
    (year(2016), "fr", "Quelle était l'humidité relative moyenne en 2016 ?"),
    (month(2021, 4), "en", "average relative humidity April 2021"),
    ((date(2019, 6, 27), date(2019, 6, 27)), "en", "How humid was it on 27 June 2019?"),
    (season(2017, "spring"), "en", "mean humidity in spring 2017?"),
]:
    add("humidity_" + lang, "value", lang, text, [N(w_mean("hum", a, b))], plan=wplan("value", "hum", text, (a, b)))

for (a, b), lang, text in [
    ((date(2019, 1, 20), date(2019, 1, 20)), "en", "atmospheric pressure on 2019-01-20?"),
    ((date(2017, 3, 4), date(2017, 3, 4)), "en", "What was the sea-level pressure on 4 March 2017?"),
    (month(2020, 12), "en", "average air pressure in December 2020"),
    ((date(2021, 2, 18), date(2021, 2, 18)), "fr", "Pression atmosphérique le 18 février 2021 ?"),
    ((date(2015, 12, 30), date(2015, 12, 30)), "fr", "pression au niveau de la mer le 30/12/2015"),
    (month(2022, 2), "fr", "Pression moyenne en fevrier 2022"),
]:
    add("pressure_" + lang, "value", lang, text, [N(w_mean("pres", a, b))], plan=wplan("value", "pres", text, (a, b)))

# ===================================================================================================
# Weather counts
# ===================================================================================================
frost = lambda v: v < 0
hot = lambda v: v >= 30
rainy = lambda v: v >= 1
for key, pred, (a, b), lang, form, text in [
    ("tmin", frost, year(2018), "fr", "frost_count", "Combien de jours de gel en 2018 ?"),
    ("tmin", frost, month(2021, 12), "fr", "frost_count", "nombre de jours de gelée en décembre 2021"),
    ("tmin", frost, season(2020, "spring"), "fr", "frost_count", "Il a gelé combien de jours au printemps 2020 ?"),
    ("tmin", frost, (date(2013, 1, 1), date(2019, 12, 31)), "fr", "frost_count", "combien de jours de gel entre 2013 et 2019"),
    ("tmin", frost, month(2017, 1), "en", "frost_count", "How many frost days in January 2017?"),
    ("tmin", frost, year(2014), "en", "frost_count", "number of days below freezing in 2014"),
    ("tmin", frost, (date(2015, 1, 1), date(2018, 12, 31)), "en", "frost_count", "how many frosty days were there from 2015 to 2018?"),
    ("tmin", frost, season(2021, "autumn"), "en", "frost_count", "Frost days in autumn 2021?"),
    ("tmax", hot, year(2019), "en", "hot_count", "How many hot days were there in 2019?"),
    ("tmax", hot, season(2021, "summer"), "en", "hot_count", "number of hot days (30°C or more) in summer 2021"),
    ("tmax", hot, month(2015, 7), "en", "hot_count", "how many days hit 30 degrees or more in july 2015"),
    ("tmax", hot, season(2019, "summer"), "en", "hot_count", "how many 30°C+ days did we get in summer 2019"),
    ("tmax", hot, year(2020), "fr", "hot_count", "Combien de jours de forte chaleur en 2020 ?"),
    ("tmax", hot, season(2018, "summer"), "fr", "hot_count", "nombre de journées chaudes (30 °C ou plus) à l'été 2018"),
    ("tmax", hot, (date(2016, 1, 1), date(2019, 12, 31)), "fr", "hot_count", "Combien de jours à 30 degrés ou plus de 2016 à 2019 ?"),
    ("rain", rainy, month(2019, 11), "en", "rainy_count", "How many rainy days in November 2019?"),
    ("rain", rainy, year(2021), "en", "rainy_count", "number of days with rain in 2021"),
    ("rain", rainy, season(2016, "spring"), "en", "rainy_count", "How many wet days did Clermont get in spring 2016?"),
    ("rain", rainy, month(2018, 6), "fr", "rainy_count", "Combien de jours de pluie en juin 2018 ?"),
    ("rain", rainy, year(2017), "fr", "rainy_count", "nombre de jours pluvieux en 2017"),
    ("rain", rainy, season(2020, "autumn"), "fr", "rainy_count", "Il a plu combien de jours à l'automne 2020 ?"),
]:
    add(f"{form}_{lang}", "count", lang, text, [C(w_count(key, a, b, pred))], plan=wplan("count", key, text, (a, b)))

for key, op, x, (a, b), lang, text in [
    ("tmax", ">", 35, year(2019), "en", "How many days above 35°C in 2019?"),
    ("tmax", ">=", 25, month(2020, 5), "en", "how many days reached at least 25 degrees in May 2020"),
    ("tmin", "<", -5, year(2017), "en", "number of days under -5 °C in 2017"),
    ("tmax", ">", 30, year(2020), "en", "How many days over 30 degrees in 2020?"),
    ("tmin", "<", -5, year(2017), "fr", "Combien de jours sous -5 °C en 2017 ?"),
    ("tmax", ">", 25, month(2021, 6), "fr", "nombre de jours au-dessus de 25 degrés en juin 2021"),
    ("tmax", ">=", 20, month(2019, 4), "fr", "combien de jours avec au moins 20°C en avril 2019"),
    ("tmin", "<", -10, (date(2013, 1, 1), date(2021, 12, 31)), "fr", "Combien de jours en dessous de -10 degrés entre 2013 et 2021 ?"),
]:
    pred = {">": lambda v: v > x, ">=": lambda v: v >= x, "<": lambda v: v < x}[op]
    add("temp_thr_count_" + lang, "count", lang, text, [C(w_count(key, a, b, pred))], plan=wplan("count", key, text, (a, b)))

for kmh, op, (a, b), lang, text in [
    (30, ">", year(2020), "en", "how many days with wind above 30 km/h in 2020"),
    (40, ">", year(2019), "en", "Number of days with wind speed over 40 km/h in 2019?"),
    (36, ">=", month(2020, 2), "en", "How many days did the wind reach at least 36 km/h in February 2020?"),
    (30, ">", year(2021), "fr", "Combien de jours avec un vent de plus de 30 km/h en 2021 ?"),
    (50, ">", (date(2013, 1, 1), date(2021, 12, 31)), "fr", "nombre de jours avec du vent au dessus de 50 km/h entre 2013 et 2021"),
]:
    x = kmh / 3.6
    pred = (lambda v: v > x) if op == ">" else (lambda v: v >= x)
    add("wind_thr_count_" + lang, "count", lang, text, [C(w_count("ffmax", a, b, pred))], plan=wplan("count", "ffmax", text, (a, b)))

for x, op, (a, b), lang, text in [
    (10, ">", year(2021), "fr", "Combien de jours avec plus de 10 mm de pluie en 2021 ?"),
    (20, ">=", (date(2013, 1, 1), date(2021, 12, 31)), "fr", "nombre de jours avec au moins 20 mm de pluie de 2013 à 2021"),
    (5, ">", month(2018, 5), "fr", "jours de pluie de plus de 5 mm en mai 2018 ?"),
    (10, ">=", year(2016), "en", "How many days had 10 mm of rain or more in 2016?"),
    (15, ">", year(2019), "en", "days with over 15mm of rain in 2019"),
]:
    pred = (lambda v: v > x) if op == ">" else (lambda v: v >= x)
    add("rain_thr_count_" + lang, "count", lang, text, [C(w_count("rain", a, b, pred))], plan=wplan("count", "rain", text, (a, b)))

# ===================================================================================================
# Weather extremes and rankings
# ===================================================================================================
ALL_W = (W_FIRST, W_LAST)


def wperiod(a, b):
    """The plan's period: ALL_W (asked as "ever", "in your data", "on record") is the whole series."""
    return ALL if (a, b) == ALL_W else (a, b)


for hottest, (a, b), lang, text in [
    (True, year(2019), "en", "What was the hottest day of 2019?"),
    (True, month(2020, 8), "en", "hottest day in august 2020?"),
    (True, ALL_W, "en", "What's the hottest day in your data?"),
    (True, season(2017, "summer"), "en", "Which day was the warmest in summer 2017"),
    (True, year(2015), "fr", "Quel a été le jour le plus chaud de 2015 ?"),
    (True, month(2018, 7), "fr", "jour le plus chaud en juillet 2018"),
    (True, ALL_W, "fr", "Quel est le jour le plus chaud jamais enregistré à Clermont ?"),
    (True, season(2021, "spring"), "fr", "le jour le plus chaud du printemps 2021 ?"),
    (False, year(2017), "en", "What was the coldest day of 2017?"),
    (False, month(2021, 2), "en", "coldest day in February 2021"),
    (False, ALL_W, "en", "Which was the coldest day of all records?"),
    (False, season(2020, "autumn"), "en", "coldest day of autumn 2020?"),
    (False, year(2018), "fr", "Quel a été le jour le plus froid de 2018 ?"),
    (False, month(2019, 1), "fr", "jour le plus froid de janvier 2019"),
    (False, ALL_W, "fr", "Le jour le plus froid depuis le début des mesures ?"),
    (False, year(2020), "fr", "quel jour a-t-il fait le plus froid en 2020"),
]:
    vals, ds = hot_cold_day(a, b, hottest)
    add(("hottest_day_" if hottest else "coldest_day_") + lang, "extreme", lang, text, [N(vals)], [D(ds)],
        plan=wplan("highest" if hottest else "lowest", "tmean", text, wperiod(a, b), by="day"))

for key, (a, b), lang, text in [
    ("ffmax", year(2020), "en", "What was the windiest day of 2020?"),
    ("ffmax", month(2017, 3), "en", "windiest day in march 2017"),
    ("ffmax", ALL_W, "en", "Which day had the strongest wind in your records?"),
    ("ffmax", year(2019), "fr", "Quel a été le jour le plus venteux de 2019 ?"),
    ("ffmax", season(2021, "autumn"), "fr", "jour le plus venté de l'automne 2021"),
    ("rain", year(2018), "en", "wettest day of 2018?"),
    ("rain", month(2021, 6), "en", "Which day in June 2021 had the most rain?"),
    ("rain", ALL_W, "en", "What's the rainiest day on record?"),
    ("rain", year(2018), "fr", "Quel a été le jour le plus pluvieux de 2018 ?"),
    ("rain", season(2016, "spring"), "fr", "jour le plus arrose du printemps 2016"),
    ("rain", ALL_W, "fr", "Record de pluie en une journée depuis le début des mesures ?"),
]:
    v, ds = w_extreme(key, a, b, True)
    add(("windiest_day_" if key == "ffmax" else "wettest_day_") + lang, "extreme", lang, text, [N(v)], [D(ds)],
        plan=wplan("highest", key, text, wperiod(a, b), by="day"))

# statistic: the reading the question names ("record de chaleur" names none)
for key, hi, statistic, lang, text in [
    ("tmin", False, "min", "en", "What is the lowest temperature ever recorded?"),
    ("tmax", True, "max", "en", "all-time record high temperature in Clermont-Ferrand?"),
    ("gust", True, "max", "en", "Strongest wind gust in all your data"),
    ("tmax", True, None, "fr", "Record de chaleur depuis le début des mesures ?"),
    ("tmin", False, "min", "fr", "Quelle est la température la plus basse jamais mesurée ?"),
    ("gust", True, "max", "fr", "la plus grosse rafale jamais enregistree a Aulnat"),
]:
    v, ds = w_extreme(key, *ALL_W, hi)
    add("record_ever_" + lang, "extreme", lang, text, [N(v)], [D(ds)],
        plan=wplan("highest" if hi else "lowest", key, text, ALL, by="day", statistic=statistic))

for key, agg, hi, (a, b), lang, text in [
    ("tmean", "mean", True, year(2019), "en", "What was the warmest month of 2019?"),
    ("tmean", "mean", False, ALL_W, "en", "coldest month in your data?"),
    ("rain", "sum", True, year(2021), "en", "Which month of 2021 was the wettest?"),
    ("rain", "sum", False, year(2020), "en", "driest month of 2020"),
    ("tmean", "mean", True, ALL_W, "en", "Which month was the warmest on record?"),
    ("rain", "sum", True, year(2021), "fr", "Quel a été le mois le plus arrosé de 2021 ?"),
    ("tmean", "mean", False, year(2018), "fr", "mois le plus froid de 2018"),
    ("tmean", "mean", True, year(2016), "fr", "Quel mois a été le plus chaud en 2016 ?"),
    ("rain", "sum", False, year(2017), "fr", "le mois le plus sec de 2017 ?"),
    ("rain", "sum", True, ALL_W, "fr", "Quel est le mois le plus pluvieux depuis le début des relevés ?"),
]:
    v, ms = w_month_rank(key, a, b, agg, hi)
    add("month_rank_" + lang, "rank", lang, text, [N(v)], [D(ms)],
        plan=wplan("highest" if hi else "lowest", key, text, wperiod(a, b), by="month"))

for key, agg, hi, (y0, y1), lang, text in [
    ("tmean", "mean", True, (2013, 2021), "en", "What was the warmest year between 2013 and 2021?"),
    ("tmean", "mean", False, (W_FIRST.year, W_LAST.year), "en", "coldest year in your data?"),
    ("rain", "sum", True, (2014, 2021), "en", "Which year was the wettest from 2014 to 2021?"),
    ("tmean", "mean", True, (2014, 2021), "fr", "Quelle a été l'année la plus chaude entre 2014 et 2021 ?"),
    ("tmean", "mean", False, (2015, 2020), "fr", "annee la plus froide de 2015 a 2020"),
    ("rain", "sum", False, (W_FIRST.year, W_LAST.year), "fr", "L'année la plus sèche depuis le début des mesures ?"),
]:
    v, ys = w_year_rank(key, y0, y1, agg, hi)
    period = ALL if (y0, y1) == (W_FIRST.year, W_LAST.year) else (date(y0, 1, 1), date(y1, 12, 31))
    add("year_rank_" + lang, "rank", lang, text, [N(v)], [D(ys)],
        plan=wplan("highest" if hi else "lowest", key, text, period, by="year"))

for m, hi, lang, text in [
    (8, True, "en", "Which August was the warmest?"),
    (1, False, "en", "which january was the coldest in your records"),
    (7, True, "fr", "Quel mois de juillet a été le plus chaud ?"),
    (2, False, "fr", "le mois de fevrier le plus froid depuis le debut des mesures ?"),
]:
    v, ms = same_month_rank("tmean", m, hi)
    add("same_month_rank_" + lang, "rank", lang, text, [N(v)], [D(ms)],
        plan=wplan("highest" if hi else "lowest", "tmean", text, ALL, by="month"))

# ===================================================================================================
# Weather comparisons
# ===================================================================================================
for y1, y2, lang, text in [
    (2018, 2019, "fr", "Il a fait plus chaud en 2018 ou en 2019 ?"),
    (2016, 2017, "fr", "temperature moyenne 2016 vs 2017"),
    (2020, 2021, "fr", "2021 a-t-elle été plus fraîche que 2020 ?"),
    (2014, 2015, "en", "Was 2014 warmer than 2015?"),
    (2019, 2020, "en", "compare the average temperature of 2019 and 2020"),
    (2013, 2021, "en", "which was colder, 2013 or 2021"),
]:
    asked = sorted((y1, y2), key=lambda y: text.index(str(y)))  # the periods in the question's order
    add("temp_cmp_years_" + lang, "compare", lang, text, [N(w_mean("tmean", *year(y1))), N(w_mean("tmean", *year(y2)))],
        plan=wplan("compare", "tmean", text, periods=[year(y) for y in asked]))

for y, (s0, s1), lang, text in [
    (2020, (2014, 2019), "en", "How did 2020's mean temperature compare with the 2014–2019 average?"),
    (2021, (2013, 2020), "en", "Was 2021 warmer or colder than the 2013-2020 average?"),
    (2018, (2013, 2017), "en", "2018 temperature vs the 2013 to 2017 average"),
    (2018, (2013, 2017), "fr", "L'année 2018 a-t-elle été plus chaude que la moyenne 2013-2017 ?"),
    (2019, (2014, 2018), "fr", "température moyenne 2019 comparée à la moyenne 2014–2018"),
    (2016, (2013, 2015), "fr", "2016 par rapport a la moyenne de 2013 a 2015, plus chaud ou plus froid ?"),
]:
    add("temp_vs_span_" + lang, "compare", lang, text,
        [N(w_mean("tmean", *year(y))), N(w_mean("tmean", date(s0, 1, 1), date(s1, 12, 31)))],
        plan=wplan("compare", "tmean", text, periods=[year(y), (date(s0, 1, 1), date(s1, 12, 31))]))

for p1, p2, lang, text in [
    (month(2020, 5), month(2021, 5), "en", "Did it rain more in May 2020 or May 2021?"),
    (month(2018, 6), month(2018, 7), "en", "rain in june 2018 vs july 2018"),
    (season(2019, "autumn"), season(2020, "autumn"), "en", "Was autumn 2019 wetter than autumn 2020?"),
    (month(2016, 5), month(2017, 5), "fr", "Il a plus plu en mai 2016 ou en mai 2017 ?"),
    (month(2021, 7), month(2021, 8), "fr", "pluie juillet 2021 comparée à août 2021"),
    (season(2018, "spring"), season(2019, "spring"), "fr", "Le printemps 2018 a-t-il été plus pluvieux que le printemps 2019 ?"),
]:
    add("rain_cmp_" + lang, "compare", lang, text, [N(w_sum("rain", *p1)), N(w_sum("rain", *p2))],
        plan=wplan("compare", "rain", text, periods=[p1, p2]))

for y, lang, text in [
    (2019, "fr", "Température moyenne du premier semestre 2019 comparée au second semestre"),
    (2021, "fr", "premier semestre vs second semestre 2021, il a fait plus chaud quand ?"),
    (2017, "en", "first half vs second half of 2017: average temperature"),
    (2020, "en", "Was the first half of 2020 warmer than the second half?"),
]:
    add("temp_cmp_halves_" + lang, "compare", lang, text, [N(w_mean("tmean", *half(y, 1))), N(w_mean("tmean", *half(y, 2)))],
        plan=wplan("compare", "tmean", text, periods=[half(y, 1), half(y, 2)]))

# ===================================================================================================
# Named days, yearless days, relative weather
# ===================================================================================================
for d, text in [
    (date(2017, 1, 1), "was it freezing on new year's day 2017??"),
    (date(2019, 12, 25), "What was the weather like on Christmas 2019 (temperature)?"),
    (easter(2018), "temperature on easter sunday 2018"),
    (date(2016, 12, 25), "How cold was it on Christmas Day 2016 in Clermont"),
    (date(2021, 1, 1), "New Year's Day 2021 temperature?"),
]:
    add("named_day_temp_en", "value", "en", text, tday(d), plan=wplan("value", "tmean", text, d))
for d, text in [
    (date(2019, 7, 14), "Quelle température le 14 juillet 2019 ?"),
    (date(2018, 5, 1), "il faisait combien le 1er mai 2018"),
    (date(2015, 11, 1), "température à la Toussaint 2015"),
    (date(2016, 12, 25), "Il a fait froid à Noël 2016 ?"),
    (easter(2021), "temperature le jour de paques 2021"),
    (date(2019, 1, 1), "Température du jour de l'an 2019 à Clermont-Ferrand ?"),
]:
    add("named_day_temp_fr", "value", "fr", text, tday(d), plan=wplan("value", "tmean", text, d))
for d, lang, text in [
    (date(2020, 12, 25), "en", "How much did it rain on Christmas 2020?"),
    (date(2021, 7, 14), "fr", "A-t-il plu le 14 juillet 2021 ?"),
    (date(2018, 11, 1), "fr", "pluie à la Toussaint 2018"),
    (date(2019, 1, 1), "en", "did it rain on new year's day 2019?"),
    (easter(2016), "en", "rain on easter sunday 2016"),
]:
    add("named_day_rain_" + lang, "value", lang, text, [N(wd(d, "rain"))], plan=wplan("value", "rain", text, d))

for m, dd, as_of, lang, text in [
    (3, 3, date(2021, 6, 30), "en", "What was the temperature on 3 March?"),
    (11, 11, date(2019, 12, 1), "en", "temperature on november 11"),
    (2, 14, date(2018, 5, 2), "fr", "Quelle température le 14 février ?"),
    (8, 15, date(2021, 9, 10), "fr", "il faisait combien le 15 aout"),
]:
    d = latest_day_named(m, dd, as_of)
    add("yearless_day_temp_" + lang, "value", lang, text, tday(d), as_of=as_of, plan=wplan("value", "tmean", text, d))
for m, as_of, lang, text in [
    (11, date(2021, 3, 15), "en", "How much did it rain in November?"),
    (7, date(2019, 9, 1), "fr", "Température moyenne en juillet ?"),
    (2, date(2017, 4, 1), "en", "What was the average temperature in February?"),
    (3, date(2016, 6, 15), "fr", "Combien de pluie en mars ?"),
]:
    a, b = latest_month_named(m, as_of)
    key = "rain" if ("rain" in text or "pluie" in text) else "tmean"
    v = w_sum("rain", a, b) if key == "rain" else w_mean("tmean", a, b)
    add("yearless_month_" + lang, "value", lang, text, [N(v)], as_of=as_of, plan=wplan("value", key, text, (a, b)))

for as_of, lang, text in [
    (date(2021, 2, 11), "en", "What was the temperature yesterday?"),
    (date(2017, 1, 19), "en", "how cold was it yesterday"),
    (date(2020, 8, 1), "fr", "Il a fait combien hier ?"),
    (date(2018, 3, 1), "fr", "temperature d'hier"),
]:
    add("rel_yesterday_temp_" + lang, "relative", lang, text, tday(yesterday(as_of)), as_of=as_of,
        plan=wplan("value", "tmean", text, yesterday(as_of)))
for as_of, lang, text in [
    (date(2019, 6, 28), "en", "What's the temperature today?"),
    (date(2021, 12, 10), "fr", "Quelle température aujourd'hui ?"),
    (date(2020, 8, 8), "en", "how hot is it today"),
    (date(2018, 1, 5), "fr", "il fait combien aujourd'hui a clermont"),
]:
    add("rel_today_temp_" + lang, "relative", lang, text, tday(as_of), as_of=as_of, plan=wplan("latest", "tmean", text))
for as_of, lang, text in [
    (date(2021, 6, 21), "en", "How much rain fell last week?"),
    (date(2018, 10, 15), "en", "rainfall last week?"),
    (date(2019, 11, 25), "fr", "Il a plu combien la semaine dernière ?"),
    (date(2016, 5, 9), "fr", "cumul de pluie de la semaine derniere"),
]:
    add("rel_last_week_rain_" + lang, "relative", lang, text, [N(w_sum("rain", *last_week(as_of)))], as_of=as_of,
        plan=wplan("value", "rain", text, last_week(as_of)))
for as_of, lang, text in [
    (date(2019, 8, 3), "en", "What was the average temperature last month?"),
    (date(2021, 3, 2), "en", "how warm was last month on average"),
    (date(2020, 4, 10), "fr", "Température moyenne le mois dernier ?"),
    (date(2017, 9, 5), "fr", "Il a fait combien en moyenne le mois dernier ?"),
]:
    add("rel_last_month_temp_" + lang, "relative", lang, text, [N(w_mean("tmean", *last_month(as_of)))], as_of=as_of,
        plan=wplan("value", "tmean", text, last_month(as_of)))
for as_of, lang, text in [
    (date(2018, 5, 20), "fr", "Combien de pluie ce mois-ci ?"),
    (date(2021, 11, 22), "fr", "cumul de pluie depuis le debut du mois"),
    (date(2019, 10, 18), "en", "How much has it rained so far this month?"),
    (date(2020, 6, 25), "en", "rain this month so far?"),
]:
    add("rel_this_month_rain_" + lang, "relative", lang, text, [N(w_sum("rain", *this_month(as_of)))], as_of=as_of,
        plan=wplan("value", "rain", text, this_month(as_of)))
for as_of, lang, text in [
    (date(2020, 3, 1), "fr", "Quelle a été la température moyenne l'année dernière ?"),
    (date(2017, 4, 12), "en", "average temperature last year?"),
    (date(2022, 2, 10), "fr", "Il a fait combien en moyenne l'an dernier ?"),
    (date(2019, 1, 15), "en", "How warm was last year on average?"),
]:
    ly = as_of.year - 1
    add("rel_last_year_temp_" + lang, "relative", lang, text, [N(w_mean("tmean", *year(ly)))], as_of=as_of,
        plan=wplan("value", "tmean", text, year(ly)))


def w_latest(as_of):
    return max(d for d in WD if d <= as_of and "tmin" in WD[d])


# key: the variable asked ("the weather" names none)
for as_of, key, lang, text in [
    (date(2021, 5, 20), None, "en", "what's the weather like in Clermont?"),
    (DEFAULT_AS_OF, "tmean", "en", "Current temperature in Clermont-Ferrand?"),
    (date(2019, 2, 2), None, "fr", "Quel temps fait-il à Clermont ?"),
    (DEFAULT_AS_OF, "tmean", "fr", "il fait combien en ce moment"),
]:
    d = w_latest(as_of)
    add("weather_latest_" + lang, "value", lang, text, tday(d), [D(d)], as_of=as_of, plan=wplan("latest", key, text))

# ===================================================================================================
# Compositions
# ===================================================================================================


def extreme_days(kind, a, b):
    if kind == "hottest":
        return hot_cold_day(a, b, True)[1]
    if kind == "coldest":
        return hot_cold_day(a, b, False)[1]
    key = {"windiest": "ffmax", "wettest": "rain", "gustiest": "gust"}[kind]
    return w_extreme(key, a, b, True)[1]


for kind, st, (a, b), lang, text in [
    ("hottest", M, year(2020), "en", "On the hottest day of 2020, what was the PM2.5 at Montferrand?"),
    ("windiest", "city", year(2020), "en", "What was the PM2.5 in town on the windiest day of 2020?"),
    ("coldest", G, year(2020), "en", "pm2.5 at esplanade gare on the coldest day of 2020?"),
    ("wettest", "city", month(2020, 11), "en", "fine particles in Clermont on the wettest day of November 2020"),
    ("coldest", "city", year(2020), "fr", "Le jour le plus froid de 2020, quelle était la pollution aux particules fines à Clermont ?"),
    ("wettest", M, year(2020), "fr", "PM2.5 à Montferrand le jour le plus pluvieux de 2020 ?"),
    ("hottest", "city", season(2020, "summer"), "fr", "quelle pollution aux PM2.5 le jour le plus chaud de l'été 2020"),
    ("windiest", G, month(2020, 2), "fr", "Particules fines à la gare le jour le plus venteux de février 2020 ?"),
]:
    ds = extreme_days(kind, a, b)
    # The extreme day of the weather variable (the one ranked), then PM2.5 that day.
    ranked = {"hottest": "tmean", "coldest": "tmean", "windiest": "ffmax", "wettest": "rain"}[kind]
    add("compo_weather_pm_" + lang, "composition", lang, text, [N([pm_day(st, d) for d in ds])], [D(ds)],
        plan=plan_of("lowest" if kind == "coldest" else "highest", WVAR[ranked], st, (a, b), by="day",
                     variables=[WVAR[ranked], "pm25"]))

for st, (a, b), lang, text in [
    (M, year(2020), "en", "What was the temperature on the most polluted day of 2020 at Montferrand?"),
    ("city", month(2020, 11), "en", "temperature in Clermont on the day with the worst PM2.5 in November 2020"),
    (G, year(2020), "fr", "Quelle température faisait-il le jour le plus pollué de 2020 à la gare ?"),
    ("city", season(2020, "autumn"), "fr", "temperature le jour le plus pollue de l'automne 2020 a Clermont"),
]:
    v, ds = pm_extreme(st, a, b, True)
    assert len(ds) == 1
    add("compo_pm_temp_" + lang, "composition", lang, text, tday(ds[0]), [D(ds)],
        plan=plan_of("highest", "pm25", st, (a, b), by="day", variables=["pm25", "temperature"]))

# variables: in the question's order; "the weather" names no variable, so those leave them out
TP, PT = ("temperature", "pm25"), ("pm25", "temperature")
for d, variables, lang, text in [
    (date(2020, 2, 15), TP, "en", "temperature and PM2.5 on 15 February 2020"),
    (date(2020, 7, 31), None, "en", "What were the weather and the air quality like on July 31, 2020?"),
    (date(2020, 10, 30), PT, "en", "pm2.5 + temperature in clermont 2020-10-30"),
    (date(2020, 1, 22), TP, "fr", "Température et particules fines le 22 janvier 2020 ?"),
    (date(2020, 4, 1), None, "fr", "meteo et qualite de l'air le 1er avril 2020"),
    (date(2020, 8, 10), None, "fr", "Quel temps et quelle pollution le 10/08/2020 à Clermont ?"),
]:
    add("day_picture_" + lang, "composition", lang, text, [N(pm_day("city", d))] + tday(d),
        plan=plan_of("value", variables and variables[0], "city", d, variables=variables))

# ===================================================================================================
# Correlations
# ===================================================================================================
for st, key, (a, b), lang, text in [
    (M, "rain", year(2020), "en", "does rain clean the air at Montferrand?"),
    (G, "ffmean", year(2020), "en", "Does wind lower fine particles at Esplanade Gare?"),
    (M, "tmean", year(2020), "en", "Is there a link between temperature and PM2.5 at Montferrand in 2020?"),
    (G, "hum", year(2020), "en", "correlation between humidity and pm2.5 at esplanade gare"),
    (M, "pres", year(2020), "en", "Does high pressure mean more fine particles at Montferrand?"),
    (M, "ffmean", season(2020, "summer"), "en", "In summer 2020, did wind reduce PM2.5 at Montferrand?"),
    (G, "tmean", year(2020), "fr", "Le froid fait-il monter la pollution à la gare ?"),
    (M, "ffmean", year(2020), "fr", "le vent fait-il baisser les particules fines a Montferrand ?"),
    (G, "rain", year(2020), "fr", "La pluie nettoie-t-elle l'air à Esplanade Gare ?"),
    (M, "hum", year(2020), "fr", "Corrélation entre humidité et PM2.5 à Montferrand en 2020 ?"),
    (G, "pres", year(2020), "fr", "Y a-t-il un lien entre la pression atmosphérique et les particules fines à la gare ?"),
    (M, "tmean", season(2020, "autumn"), "fr", "À l'automne 2020, la température et les PM2.5 à Montferrand étaient-elles liées ?"),
]:
    rho, n = correlation(st, key, a, b)
    # The weather variable is named first in each; a question without a year or season says no period.
    add("correlation_" + lang, "correlation", lang, text, [N(rho), C(n)],
        plan=plan_of("correlation", WVAR[key], st, (a, b) if "2020" in text else None, variables=[WVAR[key], "pm25"]))

# ===================================================================================================
# Refusals
# ===================================================================================================
for text in ["What's the crime rate in Clermont-Ferrand?", "how much is rent for a 2-bedroom flat in clermont",
             "Unemployment rate Clermont-Ferrand 2020?", "How bad is traffic on the A71 this morning",
             "noise levels near the airport in 2019?", "is the pollen count high today",
             "What is the population of Clermont-Ferrand?", "best schools in clermont ferrand",
             # Housing was a topic without data here until issue 18; its questions are in questions_housing*.jsonl.
             "average price of a litre of diesel in Clermont in 2022"]:
    refuse("refuse_topic_en", "refusal", "en", text)
for text in ["Quel est le taux de criminalité à Clermont ?", "prix moyen du litre d'essence a clermont ferrand en 2023",
             "Combien de chômeurs à Clermont-Ferrand ?", "Y a-t-il des bouchons sur le boulevard en ce moment",
             "niveau de bruit place de Jaude", "risque pollen bouleau cette semaine ?",
             "Combien d'habitants à Clermont-Ferrand ?", "loyer moyen d'un T2 à Montferrand",
             "Quels sont les meilleurs lycées de Clermont ?"]:
    refuse("refuse_topic_fr", "refusal", "fr", text)
for text in ["NO2 levels at Montferrand in 2020?", "ozone peak in clermont summer 2020",
             "What was the PM10 concentration at the Esplanade Gare on 3 March 2020?", "SO2 in clermont january 2020",
             "benzene levels in Clermont-Ferrand in 2020"]:
    refuse("refuse_pollutant_en", "refusal", "en", text)
for text in ["Quel était le niveau de dioxyde d'azote à Montferrand le 10 janvier 2020 ?", "pic d'ozone en juillet 2020 a clermont",
             "PM10 à la gare en février 2020", "taux de benzène à Clermont en 2020 ?", "concentration de SO2 le 1er mars 2020"]:
    refuse("refuse_pollutant_fr", "refusal", "fr", text)
for text in ["What was the PM2.5 in Lyon on 5 January 2020?", "Paris temperature 14 July 2019",
             "air quality at Jardin Lecoq in March 2020", "How much did it rain in Vichy in May 2021?",
             "pm2.5 at Riom in 2020"]:
    refuse("refuse_place_en", "refusal", "en", text)
for text in ["Pollution à Lyon le 5 janvier 2020 ?", "Quelle température à Paris le 14 juillet 2019",
             "particules fines au jardin Lecoq en mars 2020", "pluie a Vichy en mai 2021",
             "PM2.5 à Royat en novembre 2020 ?"]:
    refuse("refuse_place_fr", "refusal", "fr", text)
for text, lang in [("PM2.5 in Clermont in 2019?", "en"), ("average PM2.5 at Montferrand in summer 2021", "en"),
                   ("What was the PM2.5 at Aurillac in February 2020?", "en"),
                   ("PM2.5 in Clermont on 12 December 2020?", "en"),
                   ("pollution aux particules fines en mars 2021", "fr"), ("Particules fines à Clermont en 2018 ?", "fr"),
                   ("PM2.5 à Paray-le-Frésil le 15 janvier 2020", "fr"),
                   ("Niveau de PM2.5 à Clermont le 28 décembre 2020 ?", "fr")]:
    refuse("refuse_period_pm_" + lang, "refusal", lang, text)
for text, lang in [("temperature in Clermont in 2010", "en"), ("What was the weather on 12 May 2022?", "en"),
                   ("how much rain in april 2022", "en"), ("Il a plu combien en 2023 ?", "fr"),
                   ("Température le 1er janvier 2012 ?", "fr"), ("temperature moyenne en juin 2022", "fr")]:
    refuse("refuse_period_weather_" + lang, "refusal", lang, text)
for text, lang in [("What was the temperature on 30 February 2020?", "en"), ("PM2.5 on February 30th 2020", "en"),
                   ("rain on 31 June 2019?", "en"), ("weather on 29 February 2019", "en"),
                   ("september 31, 2018 temperature", "en"),
                   ("Quel temps faisait-il le 31 avril 2020 ?", "fr"), ("pollution le 32 mai", "fr"),
                   ("Température du 30 février 2016 ?", "fr"), ("pluie le 31 juin 2017", "fr"),
                   ("PM2,5 à Clermont le 31/11/2020", "fr")]:
    refuse("impossible_date_" + lang, "impossible_date", lang, text)
for text in ["hello", "Hi there!", "thanks", "help", "what can you do?", "Who are you", "thank you so much!"]:
    helpq("help_en", "en", text)
for text in ["bonjour !", "merci beaucoup", "que sais-tu faire ?", "Salut", "aide", "Comment ça marche ?", "Tu peux m'aider ?"]:
    helpq("help_fr", "fr", text)


# ===================================================================================================
# Checks and output
# ===================================================================================================
def check(q):
    e = q["expect"]
    for n in e["numbers"]:
        vals = n["any_of"] if "any_of" in n else [n["value"]]
        assert vals and all(isinstance(v, (int, float)) and v is not None and math.isfinite(v) for v in vals), q
    for d in e["dates"]:
        for x in (d["any_of"] if isinstance(d, dict) else [d]):
            date.fromisoformat(x)
    if e["status"] == "answered":
        assert e["numbers"], q
    else:
        assert not e["numbers"] and not e["dates"], q


def main():
    seen = set()
    out = []
    for i, q in enumerate(QUESTIONS, 1):
        check(q)
        key = q["question"].strip().lower()
        assert key not in seen, ("duplicate question", q["question"])
        seen.add(key)
        row = OrderedDict([("id", f"p{i:03d}")])
        row.update(q)
        out.append(row)
    for row in out:
        print(json.dumps(row, ensure_ascii=False))
    forms = Counter(q["form"] for q in out)
    fr = sum(1 for q in out if q["lang"] == "fr")
    refusals = sum(1 for q in out if q["expect"]["status"] in ("no_data", "help"))
    helps = sum(1 for q in out if q["expect"]["status"] == "help")
    kinds = Counter(q["kind"] for q in out)
    print(f"questions: {len(out)}  forms: {len(forms)}  French: {fr} ({fr / len(out):.1%})  "
          f"refusals (no_data + help): {refusals} (help {helps})", file=sys.stderr)
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    if "--forms" in sys.argv:
        print("forms: " + ", ".join(f"{k} {v}" for k, v in forms.items()), file=sys.stderr)
    assert len(out) >= 300 and len(forms) >= 60 and refusals >= 50 and 0.45 <= fr / len(out) <= 0.55


if __name__ == "__main__":
    main()
