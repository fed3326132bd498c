#!/usr/bin/env python3
"""Held-out question set written the way people type (citizens, journalists, analysts).

Written by a session that read neither the service's reader (src/, prompts/, scripts/, tests/)
nor any other question set or generator: only eval/README.md (formats) and the data README.
Every expected figure and date below is computed here from the raw files in ../shared/data,
with the service's documented conventions:

- PM2.5 (2020 only): the city's daily value is the mean of Montferrand (FR07004) and
  Esplanade Gare (FR07034) that day (the one that exists if only one); a period's mean is the
  mean of its daily values; WHO 2021 daily guideline 15 ug/m3 (days above = daily value > 15);
  ATMO class of a day = the daily value rounded half-up against the 2021 arrêté's bands.
- Weather (SYNOP 07460 Aulnat, 2013-01 to 2022-03): Kelvin to °C, Pa to hPa, rr3 trace -0.1 = 0,
  n = 101 missing, a row with any value outside its limits dropped whole, the last of repeated
  dates wins, the day is the Europe/Paris day; daily mean/min/max of t, rain = sum of rr3, wind
  mean/max of ff, gust max of raf10, pressure mean pmer, humidity mean u; over a period the
  mean of daily means, min of daily mins, max of daily maxes, sum of daily rain; rankings of
  months/years among those with data on >= 75 % of their days.
- Housing (DVF Clermont-Ferrand 2021-2024): price per m2 = valeur_fonciere / surface_reelle_bati,
  medians, quartiles with linear interpolation, no median under 10 sales, "5 rooms" = 5 or more,
  change in % = 100 * (now - before) / before.

Usage: python3 eval/make_typed_heldout_questions.py > eval/questions_typed_heldout.jsonl
"""

import csv
import datetime as dt
import json
import math
import os
import statistics
import sys
from zoneinfo import ZoneInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
SYNOP = os.path.join(DATA, "clermont", "synop_07460_201301-202203.csv")
PM25 = os.path.join(DATA, "clermont", "pm25_daily_2020_stations.csv")
DVF = os.path.join(DATA, "clermont", "dvf_63113_2021-2024.csv")
ATMO = os.path.join(DATA, "reference", "atmo_index_france_2021_arrete_2020-07-10.csv")
WHO = os.path.join(DATA, "reference", "who_aqg_2021.csv")
EAQI_OLD = os.path.join(DATA, "reference", "eaqi_bands_eea_pre2024_as_documented_by_open-meteo.csv")
EAQI_NEW = os.path.join(DATA, "reference", "eaqi_bands_eea_revised_2024_as_documented_by_open-meteo.csv")

AS_OF_WEATHER = "2022-06-30"
AS_OF_HOUSING = "2025-06-30"
TOL = 1e-06
PARIS = ZoneInfo("Europe/Paris")
UTC = dt.timezone.utc

D = dt.date


def iso(d):
    return d.isoformat()


def days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def month_end(y, m):
    if m == 12:
        return D(y, 12, 31)
    return D(y, m + 1, 1) - dt.timedelta(days=1)


def month(y, m):
    return (D(y, m, 1), month_end(y, m))


def year(y):
    return (D(y, 1, 1), D(y, 12, 31))


def quarter(y, q):
    return (D(y, 3 * q - 2, 1), month_end(y, 3 * q))


def season(name, y):
    """Meteorological seasons; winter y = December y-1 to February y."""
    if name == "winter":
        return (D(y - 1, 12, 1), month_end(y, 2))
    m0 = {"spring": 3, "summer": 6, "autumn": 9}[name]
    return (D(y, m0, 1), month_end(y, m0 + 2))


def easter(y):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mo = (h + l_ - 7 * m + 114) // 31
    da = (h + l_ - 7 * m + 114) % 31 + 1
    return D(y, mo, da)


def r(x):
    """Figures are written with 9 decimals (far below the 1e-06 tolerance) to drop float noise."""
    return round(x, 9)


def kmh(ms):
    return ms * 3.6


def knots(ms):
    return ms * 3600 / 1852


def fahrenheit(c):
    return c * 9 / 5 + 32


# ---------------------------------------------------------------- weather

LIMITS = {
    "t": (-90, 60), "td": (-100, 40), "u": (0, 100), "ff": (0, 120), "raf10": (0, 150),
    "dd": (0, 360), "pmer": (850, 1100), "pres": (500, 1100), "rr3": (0, 500),
    "vv": (0, 100000), "n": (0, 100),
}


def _conv(key, s):
    s = s.strip()
    if s in ("", "mq"):
        return None
    v = float(s)
    if key in ("t", "td"):
        v -= 273.15
    elif key in ("pmer", "pres"):
        v /= 100
    elif key == "rr3" and v == -0.1:
        v = 0.0
    elif key == "n" and v == 101:
        return None
    return v


def load_weather():
    by_time = {}
    with open(SYNOP, newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            vals = {k: _conv(k, row[k]) for k in LIMITS}
            if any(v is not None and not (LIMITS[k][0] <= v <= LIMITS[k][1]) for k, v in vals.items()):
                continue
            by_time[row["date"]] = vals  # the last row of a repeated date wins
    per_day = {}
    for stamp, vals in by_time.items():
        t = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        day = t.astimezone(PARIS).date()
        per_day.setdefault(day, []).append(vals)
    daily = {}
    for day, rows in per_day.items():
        def col(k):
            return [v[k] for v in rows if v[k] is not None]
        t, rr, ff, raf, p, u = col("t"), col("rr3"), col("ff"), col("raf10"), col("pmer"), col("u")
        daily[day] = {
            "tmean": statistics.fmean(t) if t else None,
            "tmin": min(t) if t else None,
            "tmax": max(t) if t else None,
            "rain": sum(rr) if rr else None,
            "wind": statistics.fmean(ff) if ff else None,
            "windmax": max(ff) if ff else None,
            "gust": max(raf) if raf else None,
            "pressure": statistics.fmean(p) if p else None,
            "humidity": statistics.fmean(u) if u else None,
        }
    return daily


W = load_weather()


def wser(key, a, b):
    """(day, value) of one daily figure over [a, b], days with data only."""
    return [(d, W[d][key]) for d in days(a, b) if d in W and W[d][key] is not None]


def wday(key, d):
    v = W[d][key]
    assert v is not None, (key, d)
    return v


def wmean(key, a, b):
    s = wser(key, a, b)
    assert s, (key, a, b)
    return statistics.fmean(v for _, v in s)


def wsum(key, a, b):
    s = wser(key, a, b)
    assert s, (key, a, b)
    return sum(v for _, v in s)


def wmin(key, a, b):
    return min(v for _, v in wser(key, a, b))


def wmax(key, a, b):
    return max(v for _, v in wser(key, a, b))


def wextreme(key, a, b, highest=True):
    """The one day of the highest (or lowest) daily figure; a tie is refused (no such question)."""
    s = wser(key, a, b)
    best = max(v for _, v in s) if highest else min(v for _, v in s)
    hit = [d for d, v in s if v == best]
    assert len(hit) == 1, ("tie", key, a, b, hit)
    return hit[0], best


def wcount(key, a, b, pred, threshold=None):
    s = wser(key, a, b)
    if threshold is not None:  # a stated threshold must not be met exactly (no reading of "above" matters)
        assert all(abs(v - threshold) > 1e-9 for _, v in s), ("threshold met exactly", key, threshold)
    return sum(1 for _, v in s if pred(v))


def coverage_ok(key, a, b):
    n_all = (b - a).days + 1
    return len(wser(key, a, b)) >= 0.75 * n_all


def wrank_months(key, y, highest=True, total=False):
    cands = []
    for m in range(1, 13):
        a, b = month(y, m)
        if coverage_ok(key, a, b):
            cands.append((m, wsum(key, a, b) if total else wmean(key, a, b)))
    best = max(v for _, v in cands) if highest else min(v for _, v in cands)
    hit = [m for m, v in cands if v == best]
    assert len(hit) == 1
    return hit[0], best


def wrank_years(key, years, highest=True, total=False):
    cands = []
    for y in years:
        a, b = year(y)
        if coverage_ok(key, a, b):
            cands.append((y, wsum(key, a, b) if total else wmean(key, a, b)))
    best = max(v for _, v in cands) if highest else min(v for _, v in cands)
    hit = [y for y, v in cands if v == best]
    assert len(hit) == 1
    return hit[0], best, [y for y, _ in cands]


# ---------------------------------------------------------------- PM2.5

def load_pm25():
    st = {}
    with open(PM25, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            st.setdefault(row["station_code"], {})[D.fromisoformat(row["date"])] = float(row["value"])
    return st


PM = load_pm25()
MONTFERRAND, ESPLANADE, PARAY, AURILLAC = "FR07004", "FR07034", "FR07022", "FR07052"


def _city():
    out = {}
    for d in sorted(set(PM[MONTFERRAND]) | set(PM[ESPLANADE])):
        vals = [PM[s][d] for s in (MONTFERRAND, ESPLANADE) if d in PM[s]]
        out[d] = statistics.fmean(vals)
    return out


CITY = _city()


def pser(station, a, b):
    src = CITY if station == "city" else PM[station]
    return [(d, src[d]) for d in days(a, b) if d in src]


def pday(station, d):
    return (CITY if station == "city" else PM[station])[d]


def pmean(station, a, b):
    return statistics.fmean(v for _, v in pser(station, a, b))


def pcount(station, a, b, threshold):
    s = pser(station, a, b)
    assert all(abs(v - threshold) > 1e-9 for _, v in s)
    return sum(1 for _, v in s if v > threshold)


def pextreme(station, a, b, highest=True):
    s = pser(station, a, b)
    best = max(v for _, v in s) if highest else min(v for _, v in s)
    hit = [d for d, v in s if v == best]
    assert len(hit) == 1
    return hit[0], best


def who_daily_pm25():
    with open(WHO, newline="") as f:
        for row in csv.DictReader(f):
            if row["pollutant"] == "PM2.5" and row["averaging_time"] == "24-hour":
                return float(row["aqg_level"])
    raise SystemExit("no WHO PM2.5 daily level")


WHO_PM25 = who_daily_pm25()


def load_atmo():
    bands = []
    with open(ATMO, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rng = row["pm2_5_ug_m3_daily_mean"]
            if rng.startswith(">"):
                lo, hi = int(rng[1:]) + 1, math.inf
            else:
                lo, hi = (int(x) for x in rng.split("-"))
            bands.append((lo, hi, int(row["sub_index"]), row["label_fr"], row["label_en"]))
    return bands


ATMO_BANDS = load_atmo()


def atmo_class(value):
    v = math.floor(value + 0.5)  # half-up to the unit
    for lo, hi, idx, fr, en in ATMO_BANDS:
        if lo <= v <= hi:
            return idx, fr, en
    raise ValueError(value)


def eaqi_pm25_classes(value):
    """Label of a daily PM2.5 value under both documented European bands (old, revised)."""
    names = ["Good", "Fair", "Moderate", "Poor", "Very poor", "Extremely poor"]
    out = []
    for path in (EAQI_OLD, EAQI_NEW):
        with open(path, newline="") as f:
            row = next(x for x in csv.DictReader(f) if x["pollutant"] == "pm2_5")
        his = [float(row[k]) for k in ("good_hi", "fair_hi", "moderate_hi", "poor_hi", "very_poor_hi")]
        label = names[-1]
        for name, hi in zip(names, his):
            if value <= hi:
                label = name
                break
        out.append(label)
    return out


# ---------------------------------------------------------------- housing

def load_dvf():
    sales = []
    with open(DVF, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kind = {"Appartement": "flat", "Maison": "house"}.get(row["type_local"])
            if kind is None:
                continue
            price = float(row["valeur_fonciere"])
            surface = float(row["surface_reelle_bati"])
            sales.append({
                "kind": kind, "price": price, "surface": surface, "ppm2": price / surface,
                "rooms": int(row["nombre_pieces_principales"] or 0),
                "date": D.fromisoformat(row["date_mutation"]),
            })
    return sales


SALES = load_dvf()


def hsel(a, b, kinds=("flat", "house"), rooms=None):
    out = []
    for s in SALES:
        if s["kind"] not in kinds or not (a <= s["date"] <= b):
            continue
        if rooms is not None and (s["rooms"] < 5 if rooms == 5 else s["rooms"] != rooms):
            continue
        out.append(s)
    return out


def quantile(xs, p):
    xs = sorted(xs)
    h = (len(xs) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def hmedian(measure, a, b, kinds=("flat", "house"), rooms=None):
    sel = hsel(a, b, kinds, rooms)
    assert len(sel) >= 10, ("fewer than 10 sales", measure, a, b, kinds, rooms, len(sel))
    return statistics.median(s[measure] for s in sel)


def hcount(a, b, kinds=("flat", "house"), rooms=None):
    return len(hsel(a, b, kinds, rooms))


def hquartiles(measure, a, b, kinds=("flat", "house"), rooms=None):
    sel = hsel(a, b, kinds, rooms)
    assert len(sel) >= 10
    xs = [s[measure] for s in sel]
    return quantile(xs, 0.25), quantile(xs, 0.75)


def change_pct(before, now):
    return 100 * (now - before) / before


# ---------------------------------------------------------------- items

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def num(*vals):
    return [{"value": r(v), "tolerance": TOL} for v in vals]


def any_of(*vals):
    """Two sensible readings of the question; identical readings collapse to one figure."""
    vs = sorted({r(v) for v in vals})
    if len(vs) == 1:
        return {"value": vs[0], "tolerance": TOL}
    return {"any_of": vs, "tolerance": TOL}


def span(p):
    return {"from": iso(p[0]), "to": iso(p[1])}


def plan(ask, var=None, p=None, by=None, stat=None, place=None, unit=None, index=None,
         housing=None, periods=None, places=None, period=None):
    out = {"ask": ask}
    if by:
        out["by"] = by
    if stat:
        out["statistic"] = stat
    if var:
        out["variable"] = var
    if place:
        out["place"] = place
    if places:
        out["places"] = places
    if p:
        out.update(span(p))
    if periods:
        out["periods"] = [[iso(a), iso(b)] for a, b in periods]
    if period:
        out["period"] = period
    if unit:
        out["unit"] = unit
    if index:
        out["index"] = index
    if housing:
        out["housing"] = housing
    return out


def H(measure, dwellings=None, rooms=None):
    h = {"measure": measure}
    if dwellings:
        h["dwellings"] = list(dwellings)
    if rooms:
        h["rooms"] = rooms
    return h


def ex(status="answered", numbers=(), dates=(), says=(), forbid=(), plan=None):
    e = {"status": status, "numbers": list(numbers), "dates": [iso(d) if isinstance(d, D) else d for d in dates],
         "says": list(says), "forbid": list(forbid)}
    if plan is not None:
        e["plan"] = plan
    return e


NO = lambda: ex("no_data")  # noqa: E731
HELP = lambda: ex("help", plan={"ask": "help"})  # noqa: E731

SINGLES = []
CONVS = []


def q(form, kind, lang, question, expect, as_of=AS_OF_WEATHER):
    SINGLES.append({"form": form, "kind": kind, "lang": lang, "question": question, "as_of": as_of,
                    "expect": expect})


def hq(form, kind, lang, question, expect):
    q(form, kind, lang, question, expect, as_of=AS_OF_HOUSING)


def conv(form, lang, as_of, *turns):
    CONVS.append({"form": form, "kind": "followup", "lang": lang, "as_of": as_of,
                  "turns": [{"question": t[0], "lang": t[1], "expect": t[2]} for t in turns]})


def tday(d):
    """A day's temperature: its mean, min and max."""
    return num(wday("tmean", d), wday("tmin", d), wday("tmax", d))


def atmo_safe(v):
    """The day's value is not within 0.05 of a band edge (no reading of the rounding matters)."""
    for lo, hi, *_ in ATMO_BANDS:
        for edge in (lo - 0.5, hi + 0.5):
            assert abs(v - edge) > 0.05, ("near an ATMO band edge", v)
    return v


def add_air_weather_singles():
    # --- a day's reading ------------------------------------------------------------------
    d = D(2019, 7, 14)
    q("day-temp-chatty-nodiacritics", "value", "fr", "il a fait combien le 14 juillet 2019 a clermont ?",
      ex(numbers=tday(d), plan=plan("value", "temperature", (d, d))))
    d = D(2017, 1, 1)
    q("day-min-how-cold", "value", "en", "how cold did it get on new years day 2017??",
      ex(numbers=num(wday("tmin", d)), plan=plan("value", "temperature", (d, d), stat="min")))
    d = D(2018, 2, 28)
    q("day-min-terse-fr", "value", "fr", "temperature minimale le 28 fevrier 2018",
      ex(numbers=num(wday("tmin", d)), plan=plan("value", "temperature", (d, d), stat="min")))
    d = D(2019, 6, 26)
    q("scene-setting-then-day-max", "value", "en",
      "For a piece on the June 2019 heatwave: what was the highest temperature recorded in "
      "Clermont-Ferrand on 26 June 2019?",
      ex(numbers=num(wday("tmax", d)), plan=plan("value", "temperature", (d, d), stat="max")))
    d = D(2019, 7, 25)
    q("scene-setting-then-day-min-fr", "value", "fr",
      "À propos de la canicule de juillet 2019 : quelle a été la température la plus basse relevée à "
      "Clermont le 25 juillet 2019 ?",
      ex(numbers=num(wday("tmin", d)), plan=plan("value", "temperature", (d, d), stat="min")))
    d = D(2019, 7, 24)
    q("day-max-au-plus-chaud", "value", "fr", "au plus chaud il a fait combien le 24 juillet 2019 ??",
      ex(numbers=num(wday("tmax", d)), plan=plan("value", "temperature", (d, d), stat="max")))
    d = D(2018, 2, 27)
    q("analyst-tmin-iso-day", "value", "en", "Tmin 2018-02-27",
      ex(numbers=num(wday("tmin", d)), plan=plan("value", "temperature", (d, d), stat="min")))
    d = D(2019, 7, 27)
    q("day-rain-chatty-fr", "value", "fr", "ya eu combien de pluie le 27 juillet 2019, ca a bien flotte non ?",
      ex(numbers=num(wday("rain", d)), plan=plan("value", "precipitation", (d, d))))
    d = D(2020, 6, 12)
    q("day-rain-how-much", "value", "en", "how much rain fell on june 12th 2020",
      ex(numbers=num(wday("rain", d)), plan=plan("value", "precipitation", (d, d))))
    d = D(2020, 2, 10)
    q("day-wind-kmh-fr", "value", "fr", "vent moyen le 10 fevrier 2020 en km/h",
      ex(numbers=num(kmh(wday("wind", d))), plan=plan("value", "wind_speed", (d, d), unit="km/h")))
    d = D(2018, 1, 3)
    q("day-wind-knots-station", "value", "en", "Mean wind speed at Aulnat on 3 January 2018, in knots?",
      ex(numbers=num(knots(wday("wind", d))),
         plan=plan("value", "wind_speed", (d, d), place="Aulnat", unit="kt")))
    q("day-gust-storm-named-fr", "value", "fr", "la rafale la plus forte le 3 janvier 2018 (tempete Eleanor) ?",
      ex(numbers=num(wday("gust", d)), plan=plan("value", "wind_gust", (d, d))))
    d = D(2020, 12, 25)
    q("day-humidity-christmas", "value", "en", "humidity on christmas day 2020?",
      ex(numbers=num(wday("humidity", d)), plan=plan("value", "humidity", (d, d))))
    d = D(2018, 3, 1)
    q("day-pressure-fr", "value", "fr", "Quelle était la pression atmosphérique au niveau de la mer le 1er mars 2018 ?",
      ex(numbers=num(wday("pressure", d)), plan=plan("value", "pressure_msl", (d, d))))
    d = D(2019, 12, 25)
    q("day-mean-temp-christmas", "value", "en", "What was the average temperature on Christmas Day 2019?",
      ex(numbers=num(wday("tmean", d)), plan=plan("value", "temperature", (d, d))))
    d = easter(2019)
    q("day-temp-easter-fr", "value", "fr", "il faisait quel temps a paques 2019 cote temperature ?",
      ex(numbers=tday(d), plan=plan("value", "temperature", (d, d))))
    d = D(2020, 7, 14)
    q("day-temp-fahrenheit-bastille", "value", "en", "temp on bastille day 2020 in fahrenheit pls",
      ex(numbers=[{"value": r(fahrenheit(x["value"])), "tolerance": TOL} for x in tday(d)],
         plan=plan("value", "temperature", (d, d), unit="°F")))
    d = D(2019, 11, 1)
    q("day-rain-toussaint", "value", "fr", "Il est tombé combien de millimètres à la Toussaint 2019 ?",
      ex(numbers=num(wday("rain", d)), plan=plan("value", "precipitation", (d, d))))

    # --- a period's mean or total ------------------------------------------------------------
    p = month(2019, 7)
    q("month-mean-daily-high", "value", "en", "average daily high in July 2019",
      ex(numbers=num(wmean("tmax", *p)), plan=plan("value", "temperature", p, stat="max")))
    p = month(2017, 1)
    q("month-mean-daily-low-fr", "value", "fr", "moyenne des temperatures minimales en janvier 2017 ?",
      ex(numbers=num(wmean("tmin", *p)), plan=plan("value", "temperature", p, stat="min")))
    p = month(2018, 8)
    q("month-mean-temp-typo", "value", "fr", "temprature moyene aout 2018",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = season("summer", 2018)
    q("season-mean-journalist", "value", "en",
      "What was the mean temperature at Clermont-Ferrand over the summer of 2018 (June to August)?",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = month(2021, 5)
    q("month-rain-chatty", "value", "fr", "il a plu combien en mai 2021 ? jai l'impression qu'il a plu tout le mois",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = year(2016)
    q("year-rain-terse", "value", "en", "total rainfall 2016",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = quarter(2020, 1)
    q("quarter-rain-fr", "value", "fr", "cumul de precipitations au premier trimestre 2020",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = month(2019, 3)
    q("month-wind-kmh", "value", "en", "mean wind speed in March 2019, km/h please",
      ex(numbers=num(kmh(wmean("wind", *p))), plan=plan("value", "wind_speed", p, unit="km/h")))
    p = year(2020)
    q("year-mean-temp-fr", "value", "fr", "Quelle a été la température moyenne sur l'ensemble de l'année 2020 ?",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = (D(2021, 1, 1), D(2021, 6, 30))
    q("half-year-analyst", "value", "en", "mean temp H1 2021",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = (D(2020, 3, 9), D(2020, 3, 15))
    q("week-du-au-fr", "value", "fr", "il a fait quelle temperature en moyenne la semaine du 9 au 15 mars 2020 ?",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    assert D(2021, 3, 1).weekday() == 0  # the first week of March 2021 is 1-7 March whichever way it is read
    p = (D(2021, 3, 1), D(2021, 3, 7))
    q("first-week-of-month", "value", "en", "What was the average temperature during the first week of March 2021?",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    q("first-week-ambiguous", "value", "en", "mean temp first week of march 2020?",
      ex(numbers=[any_of(wmean("tmean", D(2020, 3, 1), D(2020, 3, 7)), wmean("tmean", D(2020, 3, 2), D(2020, 3, 8)))],
         plan=plan("value", "temperature")))
    q("early-month-rain-fr", "value", "fr", "combien de pluie debut mai 2019 ?",
      ex(numbers=[any_of(wsum("rain", D(2019, 5, 1), D(2019, 5, 10)), wsum("rain", D(2019, 5, 1), D(2019, 5, 15)))],
         plan=plan("value", "precipitation")))
    q("late-month-mean", "value", "en", "how warm was it on average in late May 2017?",
      ex(numbers=[any_of(wmean("tmean", D(2017, 5, 21), D(2017, 5, 31)), wmean("tmean", D(2017, 5, 16), D(2017, 5, 31)))],
         plan=plan("value", "temperature")))
    p = season("winter", 2018)
    q("winter-mean-fr", "value", "fr", "temperature moyenne de l'hiver 2017-2018",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = month(2020, 11)
    q("month-pressure-en", "value", "en", "Mean sea-level pressure in November 2020?",
      ex(numbers=num(wmean("pressure", *p)), plan=plan("value", "pressure_msl", p)))
    p = month(2020, 7)
    q("month-humidity-fr", "value", "fr", "humidite moyenne juillet 2020",
      ex(numbers=num(wmean("humidity", *p)), plan=plan("value", "humidity", p)))
    p = season("summer", 2019)
    q("journalist-drought-rain-fr", "value", "fr",
      "Pour un article sur la sécheresse de 2019 : quel a été le cumul de précipitations entre juin et "
      "août 2019 à Clermont-Ferrand ?",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = season("autumn", 2017)
    q("season-rain-en", "value", "en", "rain total autumn 2017?",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = quarter(2021, 3)
    q("quarter-mean-temp-fr", "value", "fr", "temp moyenne T3 2021 (juillet-sept)",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))

    # --- extremes ---------------------------------------------------------------------------
    p = season("summer", 2019)
    d, v = wextreme("tmax", *p)
    q("hottest-day-season", "extreme", "en", "hottest day of summer 2019?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day")))
    p = season("winter", 2018)
    d, v = wextreme("tmin", *p, highest=False)
    q("coldest-day-winter-fr", "extreme", "fr", "c'etait quand le jour le plus froid de l'hiver 2017-2018 ?",
      ex(numbers=num(v), dates=[d], plan=plan("lowest", "temperature", p, by="day")))
    p = year(2018)
    d, v = wextreme("rain", *p)
    q("wettest-day-le-plus-plu", "extreme", "fr", "quel jour a-t-il le plus plu en 2018 ?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "precipitation", p, by="day")))
    p = year(2020)
    d, v = wextreme("windmax", *p)
    q("windiest-day-en", "extreme", "en", "windiest day in 2020?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "wind_speed", p, by="day")))
    p = year(2017)
    d, v = wextreme("gust", *p)
    q("gustiest-day-journalist-kmh", "extreme", "en",
      "Which day in 2017 saw the strongest gust at the Aulnat weather station, and how strong was it in km/h?",
      ex(numbers=num(kmh(v)), dates=[d],
         plan=plan("highest", "wind_gust", p, by="day", place="Aulnat", unit="km/h")))
    p = year(2015)
    d, v = wextreme("tmax", *p)
    q("hottest-day-year-fr", "extreme", "fr", "la journee la plus chaude de 2015 ?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day")))
    p = month(2019, 1)
    d, v = wextreme("tmin", *p, highest=False)
    q("coldest-night-month", "extreme", "en", "coldest night of january 2019",
      ex(numbers=num(v), dates=[d], plan=plan("lowest", "temperature", p, by="day")))
    p = month(2020, 8)
    d, v = wextreme("tmean", *p)
    q("highest-daily-mean-fr", "extreme", "fr", "quel jour d'aout 2020 a eu la temperature moyenne la plus elevee ?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day", stat="mean")))
    d, v = wextreme("tmin", D(2013, 1, 1), D(2022, 3, 31), highest=False)
    q("record-low-all-data", "extreme", "en", "lowest temp ever recorded in your data?",
      ex(numbers=num(v), dates=[d], plan=plan("lowest", "temperature", by="day", period="all")))
    p = year(2021)
    d, v = wextreme("tmax", *p)
    q("analyst-tx-max-fr", "extreme", "fr", "Tx max 2021 ?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day", stat="max")))
    p = month(2021, 6)
    d, v = wextreme("rain", *p)
    q("wettest-day-month-en", "extreme", "en", "Which was the rainiest day of June 2021, and how much fell?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "precipitation", p, by="day")))

    # --- rankings -------------------------------------------------------------------------
    y, v, _ = wrank_years("tmean", range(2013, 2023))
    q("warmest-complete-year", "rank", "en", "which year was the warmest of the complete years?",
      ex(numbers=num(v), says=[str(y)], plan=plan("highest", "temperature", by="year")))
    m, v = wrank_months("rain", 2016, total=True)
    q("wettest-month-of-year-fr", "rank", "fr", "le mois le plus pluvieux de 2016",
      ex(numbers=num(v), says=[MONTHS_FR[m - 1]], plan=plan("highest", "precipitation", year(2016), by="month")))
    y, v, _ = wrank_years("rain", range(2013, 2022), highest=False, total=True)
    q("driest-year-2013-2021", "rank", "en", "Driest year between 2013 and 2021?",
      ex(numbers=num(v), says=[str(y)],
         plan=plan("lowest", "precipitation", (D(2013, 1, 1), D(2021, 12, 31)), by="year")))
    m, v = wrank_months("tmean", 2018, highest=False)
    q("coldest-month-of-year-fr", "rank", "fr", "quel a ete le mois le plus froid de 2018 ?",
      ex(numbers=num(v), says=[MONTHS_FR[m - 1]], plan=plan("lowest", "temperature", year(2018), by="month")))
    m, v = wrank_months("tmean", 2019)
    q("warmest-month-en", "rank", "en", "warmest month of 2019 on average?",
      ex(numbers=num(v), says=[MONTHS_EN[m - 1]], plan=plan("highest", "temperature", year(2019), by="month")))
    y, v, _ = wrank_years("wind", range(2013, 2022))
    q("windiest-year-fr", "rank", "fr", "quelle annee a ete la plus venteuse entre 2013 et 2021 ?",
      ex(numbers=num(v), says=[str(y)],
         plan=plan("highest", "wind_speed", (D(2013, 1, 1), D(2021, 12, 31)), by="year")))

    # --- counts of days ------------------------------------------------------------------
    p = month(2017, 1)
    q("frost-days-month-fr", "count", "fr", "combien de jours de gel en janvier 2017 ?",
      ex(numbers=num(wcount("tmin", *p, lambda x: x < 0)), plan=plan("count", "temperature", p)))
    p = year(2019)
    q("hot-days-year-en", "count", "en", "how many hot days (30 °C or more) were there in 2019",
      ex(numbers=num(wcount("tmax", *p, lambda x: x >= 30)), plan=plan("count", "temperature", p)))
    p = month(2021, 5)
    q("rainy-days-month-fr", "count", "fr", "nb de jours de pluie en mai 2021 (au moins 1 mm)",
      ex(numbers=num(wcount("rain", *p, lambda x: x >= 1)), plan=plan("count", "precipitation", p)))
    p = season("summer", 2019)
    q("days-above-35-en", "count", "en", "Number of days above 35 °C in summer 2019?",
      ex(numbers=num(wcount("tmax", *p, lambda x: x > 35, threshold=35)), plan=plan("count", "temperature", p)))
    p = year(2021)
    q("days-rain-over-20mm-fr", "count", "fr", "combien de jours avec plus de 20 mm de pluie en 2021 ?",
      ex(numbers=num(wcount("rain", *p, lambda x: x > 20, threshold=20)), plan=plan("count", "precipitation", p)))
    p = season("winter", 2017)
    q("days-below-minus5-en", "count", "en",
      "How many days did the temperature drop below -5 °C during winter 2016-2017?",
      ex(numbers=num(wcount("tmin", *p, lambda x: x < -5, threshold=-5)), plan=plan("count", "temperature", p)))
    p = season("summer", 2020)
    q("hot-days-season-fr", "count", "fr", "Combien de journées à 30 °C ou plus à l'été 2020 ?",
      ex(numbers=num(wcount("tmax", *p, lambda x: x >= 30)), plan=plan("count", "temperature", p)))
    p = year(2020)
    q("gust-days-kmh-threshold", "count", "en", "how many days in 2020 had gusts above 60 km/h?",
      ex(numbers=num(wcount("gust", *p, lambda x: kmh(x) > 60, threshold=60 / 3.6)),
         plan=plan("count", "wind_gust", p)))
    p = (D(2018, 2, 19), D(2018, 3, 4))
    q("frost-days-journalist-fr", "count", "fr",
      "Pour un reportage sur la vague de froid de fin février 2018 : entre le 19 février et le 4 mars 2018, "
      "combien de jours la température minimale est-elle passée sous zéro à Clermont-Ferrand ?",
      ex(numbers=num(wcount("tmin", *p, lambda x: x < 0)), plan=plan("count", "temperature", p)))
    p = year(2018)
    q("frost-days-year-fr", "count", "fr", "nombre de jours de gelee en 2018",
      ex(numbers=num(wcount("tmin", *p, lambda x: x < 0)), plan=plan("count", "temperature", p)))

    # --- comparisons ---------------------------------------------------------------------
    p1, p2 = month(2019, 7), month(2018, 7)
    q("compare-months-en", "compare", "en", "was july 2019 hotter than july 2018?",
      ex(numbers=num(wmean("tmean", *p1), wmean("tmean", *p2)),
         plan=plan("compare", "temperature", periods=[p1, p2])))
    p1, p2 = season("spring", 2018), season("spring", 2019)
    q("compare-seasons-rain-fr", "compare", "fr", "il a plus plu au printemps 2018 ou au printemps 2019 ?",
      ex(numbers=num(wsum("rain", *p1), wsum("rain", *p2)),
         plan=plan("compare", "precipitation", periods=[p1, p2])))
    p = season("summer", 2019)
    summers = [season("summer", y) for y in range(2013, 2022)]
    all_days = [v for a, b in summers for _, v in wser("tmean", a, b)]
    q("compare-with-span-journalist", "compare", "en",
      "For a feature on local warming: how did the mean temperature of summer 2019 compare with the "
      "average of the summers 2013 to 2021?",
      ex(numbers=num(wmean("tmean", *p)) + [any_of(statistics.fmean(all_days),
                                                    statistics.fmean(wmean("tmean", a, b) for a, b in summers))],
         plan=plan("compare", "temperature")))
    p1, p2 = month(2020, 1), month(2021, 1)
    q("compare-which-colder-fr", "compare", "fr", "janvier 2020 vs janvier 2021, lequel etait le plus froid ?",
      ex(numbers=num(wmean("tmean", *p1), wmean("tmean", *p2)),
         plan=plan("compare", "temperature", periods=[p1, p2])))
    p = month(2020, 8)
    augs = [month(y, 8) for y in range(2013, 2022)]
    all_days = [v for a, b in augs for _, v in wser("rain", a, b)]
    q("compare-month-with-normal-fr", "compare", "fr",
      "Le mois d'août 2020 a-t-il été plus sec que la moyenne des mois d'août de 2013 à 2021 ?",
      ex(numbers=num(wsum("rain", *p), statistics.fmean(wsum("rain", a, b) for a, b in augs)),
         plan=plan("compare", "precipitation")))
    p1, p2 = year(2014), year(2021)
    q("compare-years-wind-analyst", "compare", "en", "mean wind 2014 vs 2021",
      ex(numbers=num(wmean("wind", *p1), wmean("wind", *p2)),
         plan=plan("compare", "wind_speed", periods=[p1, p2])))

    # --- trends --------------------------------------------------------------------------
    p = (D(2013, 1, 1), D(2021, 12, 31))
    q("trend-annual-temp-analyst", "trend", "en", "trend in annual mean temperature 2013-2021",
      ex(plan=plan("trend", "temperature", p)))
    p = (D(2014, 1, 1), D(2021, 12, 31))
    q("trend-rain-fr", "trend", "fr", "est-ce que les pluies ont augmente ou diminue de 2014 a 2021 ?",
      ex(plan=plan("trend", "precipitation", p)))

    # --- relative dates (as_of 2022-06-30) -----------------------------------------------
    p = year(2021)
    q("relative-last-year-rain-fr", "relative", "fr", "il a plu combien l'an dernier ?",
      ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p)))
    p = season("winter", 2022)
    q("relative-last-winter-en", "relative", "en", "how cold was last winter on average",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    p = month(2022, 3)
    q("relative-last-march-fr", "relative", "fr", "la temperature moyenne en mars dernier ?",
      ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p)))
    d = D(2020, 6, 30)
    q("relative-two-years-ago-today", "relative", "en", "what was the temperature two years ago today?",
      ex(numbers=tday(d), plan=plan("value", "temperature", (d, d))))
    p = season("winter", 2022)
    q("relative-frost-last-winter-fr", "relative", "fr", "jours de gel l'hiver dernier ?",
      ex(numbers=num(wcount("tmin", *p, lambda x: x < 0)), plan=plan("count", "temperature", p)))

    # --- units ---------------------------------------------------------------------------
    p = month(2020, 8)
    q("month-temp-fahrenheit", "value", "en", "average temperature august 2020 in °F",
      ex(numbers=num(fahrenheit(wmean("tmean", *p))), plan=plan("value", "temperature", p, unit="°F")))
    p = month(2020, 2)
    q("month-wind-noeuds-fr", "value", "fr", "vitesse moyenne du vent en fevrier 2020 en noeuds",
      ex(numbers=num(knots(wmean("wind", *p))), plan=plan("value", "wind_speed", p, unit="kt")))

    # --- PM2.5 ---------------------------------------------------------------------------
    d = D(2020, 1, 15)
    q("pm25-station-day-fr", "value", "fr", "pm2.5 a montferrand le 15 janvier 2020",
      ex(numbers=num(pday(MONTFERRAND, d)), plan=plan("value", "pm25", (d, d), place="Montferrand")))
    d = D(2020, 1, 1)
    q("pm25-city-day-new-year", "value", "en", "PM2.5 level in Clermont on 1 January 2020?",
      ex(numbers=num(pday("city", d)), plan=plan("value", "pm25", (d, d), place="city")))
    d = D(2020, 3, 20)
    q("air-quality-station-gare-fr", "value", "fr", "la qualite de l'air a la gare le 20 mars 2020 ?",
      ex(numbers=num(pday(ESPLANADE, d)), plan=plan("value", "pm25", (d, d), place="Esplanade")))
    p = (D(2020, 3, 17), D(2020, 5, 10))
    q("pm25-lockdown-journalist", "value", "en",
      "For a story on the first lockdown: what was the average PM2.5 concentration in Clermont-Ferrand "
      "between 17 March and 10 May 2020?",
      ex(numbers=num(pmean("city", *p)), plan=plan("value", "pm25", p, place="city")))
    d = D(2020, 1, 6)
    v = atmo_safe(pday("city", d))
    idx, fr, en = atmo_class(v)
    q("atmo-index-day-fr", "index", "fr", "c'etait quoi l'indice atmo le 6 janvier 2020 ?",
      ex(numbers=num(v), says=[fr], plan=plan("value", "pm25", (d, d), place="city", index="ATMO")))
    d = D(2020, 11, 18)
    v = atmo_safe(pday("city", d))
    idx, fr, en = atmo_class(v)
    q("atmo-index-day-en", "index", "en", "ATMO air quality class for Clermont on 18 November 2020",
      ex(numbers=num(v), says=[en], plan=plan("value", "pm25", (d, d), place="city", index="ATMO")))
    d = D(2020, 3, 20)
    v = pday("city", d)
    labels = set(eaqi_pm25_classes(v))
    assert len(labels) == 1  # the same class under both documented European bands
    q("eaqi-class-day", "index", "en", "What was the European Air Quality Index band on 20 March 2020?",
      ex(numbers=num(v), says=[labels.pop()], plan=plan("value", "pm25", (d, d), place="city", index="EAQI")))
    p = month(2020, 1)
    q("who-days-month-fr", "count", "fr", "nombre de jours au-dessus du seuil de l'OMS pour les PM2,5 en janvier 2020",
      ex(numbers=num(pcount("city", *p, WHO_PM25)), plan=plan("count", "pm25", p, place="city")))
    p = year(2020)
    q("pm25-threshold-station-en", "count", "en",
      "how many days in 2020 did Montferrand go over 25 µg/m³ of PM2.5?",
      ex(numbers=num(pcount(MONTFERRAND, *p, 25)), plan=plan("count", "pm25", p, place="Montferrand")))
    d, v = pextreme("city", *p)
    q("most-polluted-day-fr", "extreme", "fr", "le jour le plus pollue de 2020 ?",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "pm25", p, by="day", place="city")))
    cands = [(m, pmean("city", *month(2020, m))) for m in range(1, 13)
             if len(pser("city", *month(2020, m))) >= 0.75 * month(2020, m)[1].day]
    m, v = min(cands, key=lambda x: x[1])
    q("cleanest-month-en", "rank", "en", "cleanest month for PM2.5 in 2020?",
      ex(numbers=num(v), says=[MONTHS_EN[m - 1]], plan=plan("lowest", "pm25", p, by="month", place="city")))
    p = season("summer", 2020)
    q("compare-stations-fr", "compare", "fr", "Paray-le-Fresil ou Aurillac, ou l'air etait le plus pollue a l'ete 2020 ?",
      ex(numbers=num(pmean(PARAY, *p), pmean(AURILLAC, *p)),
         plan=plan("compare", "pm25", p, places=["Paray", "Aurillac"])))
    p = (D(2020, 5, 1), D(2020, 8, 31))
    ranks = sorted(((pmean(s, *p), s) for s in (MONTFERRAND, ESPLANADE, PARAY, AURILLAC)), reverse=True)
    assert ranks[0][0] != ranks[1][0]
    names = {MONTFERRAND: "Montferrand", ESPLANADE: "Esplanade", PARAY: "Paray", AURILLAC: "Aurillac"}
    q("rank-stations-en", "rank", "en",
      "Which monitoring station recorded the highest average PM2.5 between May and August 2020?",
      ex(numbers=num(ranks[0][0]), says=[names[ranks[0][1]]], plan=plan("highest", "pm25", p, by="station")))
    p = month(2020, 6)
    q("pm25-station-month-fr", "value", "fr", "pm2,5 moyenne a Aurillac en juin 2020",
      ex(numbers=num(pmean(AURILLAC, *p)), plan=plan("value", "pm25", p, place="Aurillac")))
    p = quarter(2020, 4)
    q("pm25-quarter-city-analyst", "value", "en", "mean PM2.5 Q4 2020, city-wide",
      ex(numbers=num(pmean("city", *p)), plan=plan("value", "pm25", p, place="city")))
    p = month(2020, 12)
    q("compare-city-stations-fr", "compare", "fr", "comparer Montferrand et l'Esplanade en décembre 2020 pour les particules fines",
      ex(numbers=num(pmean(MONTFERRAND, *p), pmean(ESPLANADE, *p)),
         plan=plan("compare", "pm25", p, places=["Montferrand", "Esplanade"])))
    p1, p2 = month(2020, 4), month(2020, 6)
    q("compare-periods-pm25-en", "compare", "en",
      "Did fine particles go back up once lockdown ended? Compare April 2020 with June 2020.",
      ex(numbers=num(pmean("city", *p1), pmean("city", *p2)),
         plan=plan("compare", "pm25", place="city", periods=[p1, p2])))
    d = D(2020, 7, 14)
    q("pm25-named-day-fr", "value", "fr", "particules fines le 14 juillet 2020 a clermont ?",
      ex(numbers=num(pday("city", d)), plan=plan("value", "pm25", (d, d), place="city")))
    p = month(2020, 11)
    q("who-days-month-en", "count", "en",
      "How many days in November 2020 was Clermont above the WHO daily guideline for PM2.5?",
      ex(numbers=num(pcount("city", *p, WHO_PM25)), plan=plan("count", "pm25", p, place="city")))
    p = (D(2020, 4, 6), D(2020, 12, 31))
    d, v = pextreme(PARAY, *p)
    q("most-polluted-day-station-en", "extreme", "en", "worst PM2.5 day at Paray le Fresil in 2020",
      ex(numbers=num(v), dates=[d], plan=plan("highest", "pm25", year(2020), by="day", place="Paray")))


def add_housing_singles():
    y22, y23, y24, y21 = year(2022), year(2023), year(2024), year(2021)
    F, M = ("flat",), ("house",)
    hq("housing-ppm2-flat-terse-fr", "housing", "fr", "prix m2 appart clermont 2022",
       ex(numbers=num(hmedian("ppm2", *y22, F)), plan=plan("value", p=y22, housing=H("price_per_m2", F))))
    hq("housing-ppm2-house-en", "housing", "en", "median price per square metre for houses in 2024?",
       ex(numbers=num(hmedian("ppm2", *y24, M)), plan=plan("value", p=y24, housing=H("price_per_m2", M))))
    hq("housing-price-house-fr", "housing", "fr", "c'est quoi le prix median d'une maison en 2023 ?",
       ex(numbers=num(hmedian("price", *y23, M)), plan=plan("value", p=y23, housing=H("price", M))))
    hq("housing-surface-flat-en", "housing", "en", "what's the typical size of a flat sold in 2021",
       ex(numbers=num(hmedian("surface", *y21, F)), plan=plan("value", p=y21, housing=H("surface", F))))
    hq("housing-sales-count-fr", "housing", "fr", "combien d'appartements vendus en 2022 a clermont",
       ex(numbers=num(hcount(*y22, F)), plan=plan("count", p=y22, housing=H("sales", F))))
    p = quarter(2023, 3)
    hq("housing-sales-quarter-en", "housing", "en", "how many houses changed hands in Q3 2023?",
       ex(numbers=num(hcount(*p, M)), plan=plan("count", p=p, housing=H("sales", M))))
    hq("housing-t2-ppm2-fr", "housing", "fr", "prix au m2 d'un T2 en 2023",
       ex(numbers=num(hmedian("ppm2", *y23, F, 2)), plan=plan("value", p=y23, housing=H("price_per_m2", F, 2))))
    hq("housing-studio-en", "housing", "en", "studio price per m2 2024",
       ex(numbers=num(hmedian("ppm2", *y24, F, 1)), plan=plan("value", p=y24, housing=H("price_per_m2", F, 1))))
    hq("housing-3pieces-ambiguous-fr", "housing", "fr", "prix median d'un 3 pieces en 2022 ?",
       ex(numbers=[any_of(hmedian("price", *y22, rooms=3), hmedian("price", *y22, F, 3))],
          plan=plan("value", p=y22, housing=H("price", rooms=3))))
    hq("housing-5plus-house-analyst", "housing", "en", "median price, houses 5+ rooms, 2021",
       ex(numbers=num(hmedian("price", *y21, M, 5)), plan=plan("value", p=y21, housing=H("price", M, 5))))
    lo, hi = hquartiles("ppm2", *y23, F)
    hq("housing-quartiles-fr", "housing", "fr", "quartiles du prix au m2 des appartements en 2023 ?",
       ex(numbers=num(lo, hi), plan=plan("value", p=y23, housing=H("price_per_m2", F))))
    lo, hi = hquartiles("ppm2", *y22, M)
    hq("housing-iqr-en", "housing", "en", "Interquartile range of house prices per m² in 2022 (25th and 75th percentiles)?",
       ex(numbers=num(lo, hi), plan=plan("value", p=y22, housing=H("price_per_m2", M))))
    hq("housing-change-pct-fr", "housing", "fr", "evolution du prix au m2 des apparts entre 2021 et 2024 en % ?",
       ex(numbers=num(change_pct(hmedian("ppm2", *y21, F), hmedian("ppm2", *y24, F))),
          plan=plan("trend", housing=H("price_per_m2", F))))
    hq("housing-flats-vs-houses-en", "housing", "en", "flats vs houses, price per m2, 2023",
       ex(numbers=num(hmedian("ppm2", *y23, F), hmedian("ppm2", *y23, M)),
          plan=plan("compare", p=y23, housing=H("price_per_m2", ("flat", "house")))))
    p = quarter(2024, 2)
    hq("housing-journalist-quarter-fr", "housing", "fr",
       "Pour un papier sur le marché immobilier clermontois : quel était le prix médian au mètre carré des "
       "maisons au deuxième trimestre 2024, et sur combien de ventes ?",
       ex(numbers=num(hmedian("ppm2", *p, M), hcount(*p, M)), plan=plan("value", p=p, housing=H("price_per_m2", M))))
    hq("housing-relative-last-year-en", "housing", "en", "median €/m² for flats last year?",
       ex(numbers=num(hmedian("ppm2", *y24, F)), plan=plan("value", p=y24, housing=H("price_per_m2", F))))
    p = month(2022, 3)
    hq("housing-sales-month-fr", "housing", "fr", "il s'est vendu combien de maisons en mars 2022 ?",
       ex(numbers=num(hcount(*p, M)), plan=plan("count", p=p, housing=H("sales", M))))
    hq("housing-change-pct-houses-en", "housing", "en",
       "by how much did house prices per m2 change from 2023 to 2024, in percent?",
       ex(numbers=num(change_pct(hmedian("ppm2", *y23, M), hmedian("ppm2", *y24, M))),
          plan=plan("trend", housing=H("price_per_m2", M))))
    hq("housing-surface-house-fr", "housing", "fr", "surface mediane des maisons vendues en 2024",
       ex(numbers=num(hmedian("surface", *y24, M)), plan=plan("value", p=y24, housing=H("surface", M))))
    hq("housing-t4-price-analyst", "housing", "en", "median price T4 flats 2022",
       ex(numbers=num(hmedian("price", *y22, F, 4)), plan=plan("value", p=y22, housing=H("price", F, 4))))
    n = hcount(*y22, M, 1)
    assert n < 10
    hq("housing-small-group-count-only-fr", "housing", "fr", "prix médian au m² des maisons d'une seule pièce en 2022 ?",
       ex(numbers=num(n), plan=plan("value", p=y22, housing=H("price_per_m2", M, 1))))
    hq("housing-compare-years-en", "housing", "en", "compare the median flat price per m2 in 2021 and in 2023",
       ex(numbers=num(hmedian("ppm2", *y21, F), hmedian("ppm2", *y23, F)),
          plan=plan("compare", periods=[y21, y23], housing=H("price_per_m2", F))))
    hq("housing-all-dwellings-fr", "housing", "fr", "Prix médian du m² à Clermont-Ferrand en 2023, tous logements confondus ?",
       ex(numbers=num(hmedian("ppm2", *y23)), plan=plan("value", p=y23, housing=H("price_per_m2"))))
    hq("housing-relative-two-years-fr", "housing", "fr", "il y a deux ans, ca coutait combien le m2 pour une maison ?",
       ex(numbers=num(hmedian("ppm2", *y23, M)), plan=plan("value", p=y23, housing=H("price_per_m2", M))))
    p = (D(2024, 1, 1), D(2024, 6, 30))
    hq("housing-half-year-en", "housing", "en", "Median sale price of apartments in the first half of 2024?",
       ex(numbers=num(hmedian("price", *p, F)), plan=plan("value", p=p, housing=H("price", F))))


def add_no_figure_singles():
    q("nodata-pollen-en", "refusal", "en", "pollen count today?", NO())
    q("nodata-pollen-fr", "refusal", "fr", "niveau de pollen de bouleau en avril 2020 ?", NO())
    q("nodata-traffic-en", "refusal", "en", "how bad was traffic on the A71 near Clermont in March 2021?", NO())
    hq("nodata-rents-fr", "refusal", "fr", "loyer moyen d'un T2 a clermont en 2023", NO())
    q("nodata-ozone-en", "refusal", "en", "ozone levels in July 2020?", NO())
    q("nodata-noise-fr", "refusal", "fr", "le bruit place de Jaude en 2020, c'est combien de decibels ?", NO())
    q("nodata-no2-fr", "refusal", "fr", "NO2 a Montferrand en janvier 2020", NO())
    q("nodata-other-city-weather-en", "refusal", "en", "weather in Lyon on 14 July 2019", NO())
    q("nodata-royat-station-fr", "refusal", "fr", "pm2.5 a Royat en mars 2020 ?", NO())
    hq("nodata-other-town-housing-en", "refusal", "en", "house prices in Vichy 2023", NO())
    q("nodata-year-before-data-fr", "refusal", "fr", "temperature moyenne en 2010 ?", NO())
    q("nodata-pm25-2019-en", "refusal", "en", "average PM2.5 in Clermont in 2019?", NO())
    hq("nodata-housing-2019-fr", "refusal", "fr", "prix au m2 des apparts en 2019", NO())
    q("impossible-date-en", "refusal", "en", "what was the temperature on 31 April 2019?", NO())
    q("impossible-date-fr", "refusal", "fr", "pluie le 30 fevrier 2016 ?", NO())
    q("forecast-tomorrow-fr", "refusal", "fr", "il va pleuvoir demain ?", NO())
    q("forecast-next-week-en", "refusal", "en", "forecast for next week, is it gonna be hot?", NO())
    q("forecast-pm25-weekend-fr", "refusal", "fr", "prevision de pollution aux particules pour ce week-end ?", NO())
    q("unreadable-en", "refusal", "en", "asdf jkl;; ??", NO())
    q("unreadable-fr", "refusal", "fr", "euh... le truc la du 45/13 ?", NO())
    q("nodata-water-fr", "refusal", "fr", "qualite de l'eau du robinet a clermont en 2020", NO())
    q("nodata-sunshine-en", "refusal", "en", "how many hours of sunshine in July 2019?", NO())
    q("nodata-yesterday-fr", "refusal", "fr", "il a fait combien hier ?", NO())
    q("nodata-after-data-end-en", "refusal", "en", "rainfall in May 2022?", NO())
    hq("nodata-housing-2025-fr", "refusal", "fr", "prix des maisons en 2025 ?", NO())
    q("nodata-snow-depth-en", "refusal", "en", "how deep was the snow at Clermont in February 2018?", NO())
    q("help-greeting-fr", "help", "fr", "bonjour !", HELP())
    q("help-what-can-you-do-en", "help", "en", "what can you do?", HELP())
    q("help-tu-sers-a-quoi-fr", "help", "fr", "tu sers a quoi exactement ?", HELP())
    q("help-hi-en", "help", "en", "hi there", HELP())


def add_conversations():
    AW, AH = AS_OF_WEATHER, AS_OF_HOUSING
    F, M = ("flat",), ("house",)

    # 1. the month changes without its year, then the unit
    p1, p2 = month(2019, 7), month(2019, 8)
    conv("fu-month-only-then-unit", "fr", AW,
         ("temperature moyenne en juillet 2019 ?", "fr",
          ex(numbers=num(wmean("tmean", *p1)), plan=plan("value", "temperature", p1))),
         ("et en aout ?", "fr",
          ex(numbers=num(wmean("tmean", *p2)), plan=plan("value", "temperature", p2))),
         ("tu peux me le donner en fahrenheit ?", "fr",
          ex(numbers=num(fahrenheit(wmean("tmean", *p2))), plan=plan("value", "temperature", p2, unit="°F"))))

    # 2. the station changes, then the whole city (no pinned today)
    p = month(2020, 1)
    conv("fu-station-then-city", "en", None,
         ("PM2.5 at Montferrand in January 2020?", "en",
          ex(numbers=num(pmean(MONTFERRAND, *p)), plan=plan("value", "pm25", p, place="Montferrand"))),
         ("and at the one by the train station?", "en",
          ex(numbers=num(pmean(ESPLANADE, *p)), plan=plan("value", "pm25", p, place="Esplanade"))),
         ("what about the city as a whole", "en",
          ex(numbers=num(pmean("city", *p)), plan=plan("value", "pm25", p, place="city"))))

    # 3. the variable changes
    p = month(2018, 5)
    conv("fu-variable-rain-to-wind", "fr", None,
         ("il a plu combien en mai 2018 ?", "fr",
          ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p))),
         ("et le vent ?", "fr",
          ex(numbers=num(wmean("wind", *p)), plan=plan("value", "wind_speed", p))))

    # 4. the dwelling, then the size
    y = year(2022)
    conv("fu-dwelling-then-rooms", "en", AH,
         ("median price per m2 of flats in 2022", "en",
          ex(numbers=num(hmedian("ppm2", *y, F)), plan=plan("value", p=y, housing=H("price_per_m2", F)))),
         ("and for houses?", "en",
          ex(numbers=num(hmedian("ppm2", *y, M)), plan=plan("value", p=y, housing=H("price_per_m2", M)))),
         ("ok and 3-room flats only?", "en",
          ex(numbers=num(hmedian("ppm2", *y, F, 3)), plan=plan("value", p=y, housing=H("price_per_m2", F, 3)))))

    # 5. le lendemain, then ce jour-là with another variable
    d1, d2 = D(2019, 7, 14), D(2019, 7, 15)
    conv("fu-lendemain-then-ce-jour-la", "fr", None,
         ("il faisait combien le 14 juillet 2019 ?", "fr", ex(numbers=tday(d1), plan=plan("value", "temperature", (d1, d1)))),
         ("et le lendemain ?", "fr", ex(numbers=tday(d2), plan=plan("value", "temperature", (d2, d2)))),
         ("il a plu ce jour-la ?", "fr", ex(numbers=num(wday("rain", d2)), plan=plan("value", "precipitation", (d2, d2)))))

    # 6. the year before
    conv("fu-year-before", "en", AW,
         ("total rain in 2016", "en", ex(numbers=num(wsum("rain", *year(2016))), plan=plan("value", "precipitation", year(2016)))),
         ("the year before?", "en", ex(numbers=num(wsum("rain", *year(2015))), plan=plan("value", "precipitation", year(2015)))))

    # 7. an extreme day, then "ce jour-là"
    p = year(2019)
    d, v = wextreme("tmax", *p)
    conv("fu-extreme-then-that-day-wind", "fr", None,
         ("jour le plus chaud de 2019 ?", "fr",
          ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day"))),
         ("et le vent ce jour-la ?", "fr",
          ex(numbers=num(wday("wind", d)), plan=plan("value", "wind_speed", (d, d)))))

    # 8. a day, then the whole month
    d = D(2019, 3, 5)
    p = month(2019, 3)
    conv("fu-day-then-whole-month", "en", AW,
         ("temperature on 5 March 2019", "en", ex(numbers=tday(d), plan=plan("value", "temperature", (d, d)))),
         ("what about the whole month?", "en", ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p))))

    # 9. le mois suivant
    p1, p2 = month(2020, 9), month(2020, 10)
    conv("fu-mois-suivant", "fr", AW,
         ("cumul de pluie en septembre 2020", "fr", ex(numbers=num(wsum("rain", *p1)), plan=plan("value", "precipitation", p1))),
         ("et le mois suivant ?", "fr", ex(numbers=num(wsum("rain", *p2)), plan=plan("value", "precipitation", p2))))

    # 10. the week after
    p1, p2 = (D(2020, 2, 10), D(2020, 2, 16)), (D(2020, 2, 17), D(2020, 2, 23))
    conv("fu-week-after", "en", None,
         ("mean temperature for the week of 10 to 16 February 2020?", "en",
          ex(numbers=num(wmean("tmean", *p1)), plan=plan("value", "temperature", p1))),
         ("and the week after?", "en", ex(numbers=num(wmean("tmean", *p2)), plan=plan("value", "temperature", p2))))

    # 11. a topic without data as a follow-up
    d = D(2020, 2, 10)
    conv("fu-nodata-topic-pollen", "fr", AW,
         ("temperature le 10 fevrier 2020", "fr", ex(numbers=tday(d), plan=plan("value", "temperature", (d, d)))),
         ("et le pollen ce jour la ?", "fr", NO()))

    # 12. counts of sales: dwelling, then year
    y23, y24 = year(2023), year(2024)
    conv("fu-sales-dwelling-then-year", "en", AH,
         ("how many flats were sold in 2023", "en",
          ex(numbers=num(hcount(*y23, F)), plan=plan("count", p=y23, housing=H("sales", F)))),
         ("and houses?", "en", ex(numbers=num(hcount(*y23, M)), plan=plan("count", p=y23, housing=H("sales", M)))),
         ("and in 2024?", "en", ex(numbers=num(hcount(*y24, M)), plan=plan("count", p=y24, housing=H("sales", M)))))

    # 13. housing: year, then measure
    y21, y24 = year(2021), year(2024)
    conv("fu-house-year-then-measure", "fr", AH,
         ("prix median d'une maison en 2021 ?", "fr",
          ex(numbers=num(hmedian("price", *y21, M)), plan=plan("value", p=y21, housing=H("price", M)))),
         ("et en 2024 ?", "fr", ex(numbers=num(hmedian("price", *y24, M)), plan=plan("value", p=y24, housing=H("price", M)))),
         ("et la surface mediane ?", "fr",
          ex(numbers=num(hmedian("surface", *y24, M)), plan=plan("value", p=y24, housing=H("surface", M)))))

    # 14. a day's PM2.5, then its ATMO class
    d = D(2020, 1, 1)
    v = atmo_safe(pday("city", d))
    idx, fr, en = atmo_class(v)
    conv("fu-value-then-atmo-that-day", "en", AW,
         ("PM2.5 in Clermont on New Year's Day 2020", "en",
          ex(numbers=num(v), plan=plan("value", "pm25", (d, d), place="city"))),
         ("and the ATMO index that day?", "en",
          ex(numbers=num(v), says=[en], plan=plan("value", "pm25", (d, d), place="city", index="ATMO"))))

    # 15. unit, then the gust of the same day
    d = D(2020, 2, 10)
    conv("fu-unit-then-gust-ce-jour-la", "fr", None,
         ("vent moyen le 10 fevrier 2020 ?", "fr", ex(numbers=num(wday("wind", d)), plan=plan("value", "wind_speed", (d, d)))),
         ("en km/h ?", "fr", ex(numbers=num(kmh(wday("wind", d))), plan=plan("value", "wind_speed", (d, d), unit="km/h"))),
         # whether "en km/h" carries over to the next figure is a reading: both units are accepted
         ("et la rafale max ce jour-la ?", "fr", ex(numbers=[any_of(wday("gust", d), kmh(wday("gust", d)))],
                                                   plan=plan("value", "wind_gust", (d, d)))))

    # 16. the year after, by month
    p1, p2 = month(2020, 4), month(2021, 4)
    conv("fu-year-after-same-month", "en", None,
         ("average temperature in April 2020?", "en", ex(numbers=num(wmean("tmean", *p1)), plan=plan("value", "temperature", p1))),
         ("and a year later?", "en", ex(numbers=num(wmean("tmean", *p2)), plan=plan("value", "temperature", p2))))

    # 17. frost days, month only
    p1, p2 = month(2017, 1), month(2017, 2)
    conv("fu-count-month-only", "fr", AW,
         ("nombre de jours de gel en janvier 2017", "fr",
          ex(numbers=num(wcount("tmin", *p1, lambda x: x < 0)), plan=plan("count", "temperature", p1))),
         ("et en fevrier ?", "fr",
          ex(numbers=num(wcount("tmin", *p2, lambda x: x < 0)), plan=plan("count", "temperature", p2))))

    # 18. an extreme day, then the rain that day
    p = season("summer", 2018)
    d, v = wextreme("tmax", *p)
    conv("fu-hottest-then-rain-that-day", "en", AW,
         ("hottest day in summer 2018?", "en", ex(numbers=num(v), dates=[d], plan=plan("highest", "temperature", p, by="day"))),
         ("how much rain fell that day?", "en", ex(numbers=num(wday("rain", d)), plan=plan("value", "precipitation", (d, d)))))

    # 19. sizes change
    y = year(2022)
    conv("fu-rooms-t2-t3-studio", "fr", AH,
         ("prix au m2 des T2 en 2022", "fr",
          ex(numbers=num(hmedian("ppm2", *y, F, 2)), plan=plan("value", p=y, housing=H("price_per_m2", F, 2)))),
         ("et les T3 ?", "fr", ex(numbers=num(hmedian("ppm2", *y, F, 3)), plan=plan("value", p=y, housing=H("price_per_m2", F, 3)))),
         ("et les studios ?", "fr", ex(numbers=num(hmedian("ppm2", *y, F, 1)), plan=plan("value", p=y, housing=H("price_per_m2", F, 1)))))

    # 20. station, then month without year
    p1, p2 = month(2020, 5), month(2020, 6)
    conv("fu-station-then-month", "en", AW,
         ("mean PM2.5 at Paray le Fresil in May 2020", "en",
          ex(numbers=num(pmean(PARAY, *p1)), plan=plan("value", "pm25", p1, place="Paray"))),
         ("and Aurillac?", "en", ex(numbers=num(pmean(AURILLAC, *p1)), plan=plan("value", "pm25", p1, place="Aurillac"))),
         ("and in June?", "en", ex(numbers=num(pmean(AURILLAC, *p2)), plan=plan("value", "pm25", p2, place="Aurillac"))))

    # 21. variable, then month
    p1, p2 = month(2021, 6), month(2021, 7)
    conv("fu-humidity-pressure-month", "fr", None,
         ("humidite moyenne en juin 2021 ?", "fr", ex(numbers=num(wmean("humidity", *p1)), plan=plan("value", "humidity", p1))),
         ("et la pression ?", "fr", ex(numbers=num(wmean("pressure", *p1)), plan=plan("value", "pressure_msl", p1))),
         ("et en juillet ?", "fr", ex(numbers=num(wmean("pressure", *p2)), plan=plan("value", "pressure_msl", p2))))

    # 22. the day after, then the whole month
    d1, d2, p = D(2020, 6, 12), D(2020, 6, 13), month(2020, 6)
    conv("fu-day-after-then-month", "en", AW,
         ("rain on 12 June 2020?", "en", ex(numbers=num(wday("rain", d1)), plan=plan("value", "precipitation", (d1, d1)))),
         ("and the day after?", "en", ex(numbers=num(wday("rain", d2)), plan=plan("value", "precipitation", (d2, d2)))),
         ("and over the whole month?", "en", ex(numbers=num(wsum("rain", *p)), plan=plan("value", "precipitation", p))))

    # 23. a place without data as a follow-up
    d = D(2019, 7, 14)
    conv("fu-nodata-other-city", "fr", AW,
         ("temperature le 14 juillet 2019", "fr", ex(numbers=tday(d), plan=plan("value", "temperature", (d, d)))),
         ("et a Lyon ?", "fr", NO()))

    # 24. WHO days, month only, then a topic without data
    p1, p2 = month(2020, 1), month(2020, 2)
    conv("fu-who-count-month-then-nodata", "en", AW,
         ("days above the WHO PM2.5 guideline in January 2020", "en",
          ex(numbers=num(pcount("city", *p1, WHO_PM25)), plan=plan("count", "pm25", p1, place="city"))),
         ("and in February?", "en",
          ex(numbers=num(pcount("city", *p2, WHO_PM25)), plan=plan("count", "pm25", p2, place="city"))),
         ("and ozone?", "en", NO()))

    # 25. the next quarter
    p1, p2 = quarter(2023, 1), quarter(2023, 2)
    conv("fu-trimestre-suivant", "fr", AH,
         ("nombre de ventes de maisons au 1er trimestre 2023", "fr",
          ex(numbers=num(hcount(*p1, M)), plan=plan("count", p=p1, housing=H("sales", M)))),
         ("et le trimestre suivant ?", "fr",
          ex(numbers=num(hcount(*p2, M)), plan=plan("count", p=p2, housing=H("sales", M)))))

    # 26. an extreme day, then that day's humidity
    p = year(2018)
    d, v = wextreme("tmin", *p, highest=False)
    conv("fu-coldest-then-humidity", "en", None,
         ("coldest day of 2018?", "en", ex(numbers=num(v), dates=[d], plan=plan("lowest", "temperature", p, by="day"))),
         ("what was the humidity that day?", "en", ex(numbers=num(wday("humidity", d)), plan=plan("value", "humidity", (d, d)))))

    # 27. l'année d'avant, then a year without data
    conv("fu-annee-avant-then-nodata-year", "fr", AW,
         ("temperature moyenne en 2019", "fr", ex(numbers=num(wmean("tmean", *year(2019))), plan=plan("value", "temperature", year(2019)))),
         ("et l'annee d'avant ?", "fr", ex(numbers=num(wmean("tmean", *year(2018))), plan=plan("value", "temperature", year(2018)))),
         ("et en 2010 ?", "fr", NO()))

    # 28. measure then dwelling and size
    y = year(2022)
    conv("fu-surface-dwelling-size", "en", AH,
         ("median surface of houses sold in 2022", "en",
          ex(numbers=num(hmedian("surface", *y, M)), plan=plan("value", p=y, housing=H("surface", M)))),
         ("and flats?", "en", ex(numbers=num(hmedian("surface", *y, F)), plan=plan("value", p=y, housing=H("surface", F)))),
         ("only the ones with 5 rooms or more?", "en",
          ex(numbers=num(hmedian("surface", *y, F, 5)), plan=plan("value", p=y, housing=H("surface", F, 5)))))

    # 29. daily highs, then daily lows, then the month
    p1, p2 = month(2018, 8), month(2018, 9)
    conv("fu-statistic-then-month", "fr", None,
         ("moyenne des maximales en aout 2018 ?", "fr",
          ex(numbers=num(wmean("tmax", *p1)), plan=plan("value", "temperature", p1, stat="max"))),
         ("et des minimales ?", "fr", ex(numbers=num(wmean("tmin", *p1)), plan=plan("value", "temperature", p1, stat="min"))),
         ("et en septembre ?", "fr", ex(numbers=num(wmean("tmin", *p2)), plan=plan("value", "temperature", p2, stat="min"))))

    # 30. unit changes twice
    p = month(2020, 3)
    conv("fu-unit-kmh-then-knots", "en", AW,
         ("mean wind in March 2020 in km/h", "en",
          ex(numbers=num(kmh(wmean("wind", *p))), plan=plan("value", "wind_speed", p, unit="km/h"))),
         ("in knots?", "en", ex(numbers=num(knots(wmean("wind", *p))), plan=plan("value", "wind_speed", p, unit="kt"))),
         ("and in m/s", "en", ex(numbers=num(wmean("wind", *p)), plan=plan("value", "wind_speed", p, unit="m/s"))))

    # 31. station, then ce jour-là elsewhere, then le lendemain
    d1, d2 = D(2020, 3, 15), D(2020, 3, 16)
    conv("fu-station-day-lendemain", "fr", AW,
         ("pm2.5 a l'esplanade de la gare le 15 mars 2020", "fr",
          ex(numbers=num(pday(ESPLANADE, d1)), plan=plan("value", "pm25", (d1, d1), place="Esplanade"))),
         ("et ce jour-la a Montferrand ?", "fr",
          ex(numbers=num(pday(MONTFERRAND, d1)), plan=plan("value", "pm25", (d1, d1), place="Montferrand"))),
         ("et le lendemain ?", "fr",
          ex(numbers=num(pday(MONTFERRAND, d2)), plan=plan("value", "pm25", (d2, d2), place="Montferrand"))))

    # 32. a season, then the same season a year later
    p1, p2 = season("autumn", 2019), season("autumn", 2020)
    conv("fu-season-next-year", "en", None,
         ("rain total in autumn 2019?", "en", ex(numbers=num(wsum("rain", *p1)), plan=plan("value", "precipitation", p1))),
         ("and autumn 2020?", "en", ex(numbers=num(wsum("rain", *p2)), plan=plan("value", "precipitation", p2))))

    # 33. an extreme day, then the gust that day in km/h
    p = year(2018)
    d, v = wextreme("windmax", *p)
    conv("fu-windiest-then-gust-kmh", "fr", AW,
         ("jour le plus venteux de 2018 ?", "fr",
          ex(numbers=num(v), dates=[d], plan=plan("highest", "wind_speed", p, by="day"))),
         ("et la rafale ce jour-la, en km/h ?", "fr",
          ex(numbers=num(kmh(wday("gust", d))), plan=plan("value", "wind_gust", (d, d), unit="km/h"))))

    # 34. a quarter, then the next quarter without its year
    p1, p2 = quarter(2022, 1), quarter(2022, 2)
    conv("fu-quarter-without-year", "en", AH,
         ("house price per m2 Q1 2022", "en",
          ex(numbers=num(hmedian("ppm2", *p1, M)), plan=plan("value", p=p1, housing=H("price_per_m2", M)))),
         ("and Q2?", "en", ex(numbers=num(hmedian("ppm2", *p2, M)), plan=plan("value", p=p2, housing=H("price_per_m2", M)))))

    # 35. a named day, then another named day of the same year
    d1, d2 = D(2020, 12, 25), D(2020, 12, 31)
    conv("fu-named-days-noel-saint-sylvestre", "fr", None,
         ("quelle temperature a noel 2020 ?", "fr", ex(numbers=tday(d1), plan=plan("value", "temperature", (d1, d1)))),
         ("et a la saint-sylvestre ?", "fr", ex(numbers=tday(d2), plan=plan("value", "temperature", (d2, d2)))))

    # 36. a forecast as a follow-up
    p = month(2019, 5)
    conv("fu-nodata-forecast", "en", AW,
         ("mean temperature in May 2019?", "en", ex(numbers=num(wmean("tmean", *p)), plan=plan("value", "temperature", p))),
         ("cool, and will it rain next week?", "en", NO()))

    # 37. compare flats and houses, then the year before
    y1, y0 = year(2024), year(2023)
    conv("fu-compare-dwellings-year-before", "fr", AH,
         ("appartements ou maisons, c'est quoi le plus cher au m2 en 2024 ?", "fr",
          ex(numbers=num(hmedian("ppm2", *y1, F), hmedian("ppm2", *y1, M)),
             plan=plan("compare", p=y1, housing=H("price_per_m2", ("flat", "house"))))),
         ("et l'annee d'avant ?", "fr",
          ex(numbers=num(hmedian("ppm2", *y0, F), hmedian("ppm2", *y0, M)),
             plan=plan("compare", p=y0, housing=H("price_per_m2", ("flat", "house"))))))

    # 38. a month's PM2.5, then the most polluted day of that month
    p = month(2020, 11)
    d, v = pextreme("city", *p)
    conv("fu-month-then-worst-day", "fr", None,
         ("pollution aux particules fines en novembre 2020 ?", "fr",
          ex(numbers=num(pmean("city", *p)), plan=plan("value", "pm25", p, place="city"))),
         ("c'etait quel jour le pire ?", "fr",
          ex(numbers=num(v), dates=[d], plan=plan("highest", "pm25", p, by="day", place="city"))))


def main():
    add_air_weather_singles()
    add_housing_singles()
    add_no_figure_singles()
    add_conversations()
    out = sys.stdout
    for i, item in enumerate(SINGLES, 1):
        line = {"id": f"t{i:03d}"}
        line.update(item)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    for i, c in enumerate(CONVS, 1):
        line = {"id": f"tc{i:02d}"}
        line.update(c)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
