#!/usr/bin/env python3
"""Writes eval/questions_housing.jsonl: housing (DVF property sales) questions typed the way
citizens, journalists and analysts ask them (varied wording, typos, missing accents, colloquial and
terse analyst forms, French and English), each with the figures a right answer must give, computed
here from the raw file ../shared/data/clermont/dvf_63113_2021-2024.csv only (no expected value is
typed by hand). Written without reading the service's parser or tests.

    python3 eval/make_housing_questions.py > eval/questions_housing.jsonl

Semantics used (the service's data contract)
--------------------------------------------
* Data: 9,925 sales in Clermont-Ferrand (INSEE 63113), 2021-01-04 .. 2024-12-31, official geo-dvf
  columns; one row = one sale (id_mutation unique), nature_mutation Vente, type_local Appartement
  (flat) or Maison (house); valeur_fonciere = price (EUR), surface_reelle_bati = built surface (m2),
  nombre_pieces_principales = main rooms.
* Price per m2 of a sale = valeur_fonciere / surface_reelle_bati, unrounded.
* Groups: commune x dwelling type (flat, house, or both when the question names neither:
  "immobilier", "logement", "property", "housing") x period (year, quarter, month) x rooms (1, 2,
  3, 4, "5+" = 5 or more, or all sizes; a sale with 0 rooms only counts in all sizes).
  Quarters: Q1 = Jan-Mar ... ("2e trimestre 2023" = Apr-Jun 2023).
* Statistics of a group: number of sales; median and quartiles of EUR/m2 like PostgreSQL
  percentile_cont (linear interpolation at position p*(n-1) of the sorted values, p = 0.25, 0.5,
  0.75); median price = percentile_cont(0.5) of valeur_fonciere; median built surface =
  percentile_cont(0.5) of surface_reelle_bati.
* A group with fewer than 10 sales has no median: the answer must say there are too few sales;
  expected: the count only, no median (a group of exactly 10 has its median).
* Medians, never means: "average", "mean", "moyen", "typical" get the median; when the question
  says average/moyen, says expects "median" (en) / "médian" (fr) in the answer.
* "Prix du m2", "price per m2", "prices" with m2 = the median EUR/m2; "prix médian", "median price",
  "what did X sell for", "à combien se vend" = the median price. "How much is / combien coûte
  a <dwelling>" without m2 = the median price, the median EUR/m2 accepted as an alternative
  (any_of). "Fourchette de prix au m2", "quartiles", "25th and 75th percentiles" = Q1 and Q3 of
  EUR/m2. "Surface", "size", "floor area" = the median built surface.
* Rooms: "T3" / "3 pièces" / "3-room flat" = 3 main rooms; "studio" = 1-room flat; "5 pièces et
  plus" / "5 rooms or more" = the 5+ group. A room count with no dwelling word ("T3", "un 4
  pièces") = both types, the flat-only reading accepted (any_of).
* Change of a median against the year before, in %: 100*(m_year - m_previous)/m_previous; a
  change "since Y" / "between Y1 and Y2" = 100*(m_Y2 - m_Y1)/m_Y1 with Y2 = 2024 for "since".
  Comparisons (two years, flats vs houses) expect both sides' medians, and the change when asked.
* No period = the latest full year with data, 2024 (expected date 2024-01-01: years are dated by
  YYYY-01-01 as in the people's set). Relative years: "last year" / "l'an dernier" = the calendar
  year before as_of (dated YYYY-01-01); "this year" / "cette année" = as_of's year (2025 for
  2025-06-30: not loaded, no_data).
* as_of is 2025-06-30 except in relative questions that use another date on purpose.
* Refusals (status no_data, no figure): another commune (Lyon, Paris, Riom), a year not loaded
  (2019, 2025), a kind of property not loaded (commercial premises, building land, parking),
  rents (DVF has sales only), and figures that cannot be known from the data (the price on "my
  street", what "my flat" is worth).

Numbers a right answer must state: a value question = the median asked (or Q1 and Q3); a count =
the count (tolerance 0); a comparison = both sides' medians (and the change in % when asked); a
too-few-sales group = its count. Tolerance 1e-6 on computed figures.

Every expected number is recomputed by a second, independent path (csv.reader by column
position, exact fractions, statistics.median / statistics.quantiles(method="inclusive"), the group
filtered again from the raw rows) and asserted equal; the sales are also checked against the
source JSON the CSV was converted from.

Forms (suffix _en/_fr = the language of the phrasing)
-----------------------------------------------------
m2_year_{en,fr}, m2_latest_{en,fr} (no period: 2024), avg_is_median_{en,fr} ("average"/"moyen":
median, says median), price_year_{en,fr}, rooms_{en,fr} (studio, T3, 2-room, 4 pièces, 5+),
surface_{en,fr}, quarter_{en,fr}, month_{en,fr}, quartiles_{en,fr} (fourchette), count_{en,fr},
month_count_{en,fr}, cmp_years_{en,fr}, trend_{en,fr} (since 2021 / between, with %),
yoy_{en,fr} (change vs the year before), cmp_types_{en,fr} (flats vs houses), few_sales_{en,fr}
(fewer than 10 sales: count only; and the 10-sales boundary), rel_last_year_{en,fr};
refusals: refuse_place_{en,fr}, refuse_period_{en,fr}, refuse_kind_{en,fr}, refuse_rent_{en,fr},
refuse_unknowable_{en,fr}.

The summary (questions, forms, French share, refusals, yearly medians) is printed to stderr.
"""

import csv
import json
import math
import statistics
import sys
from collections import Counter, OrderedDict, defaultdict
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "clermont"
CSV = DATA / "dvf_63113_2021-2024.csv"
JSON = DATA / "dvf_63113_2021-2024_prixm2-clermont.json"
DEFAULT_AS_OF = date(2025, 6, 30)
LATEST_YEAR = 2024
MIN_SALES = 10
TYPES = {"flat": "Appartement", "house": "Maison"}

# ===================================================================================================
# Primary computation: DictReader, floats, groups built once
# ===================================================================================================
SALES = []  # dicts: date, type ('flat'/'house'), price, surface, m2, rooms
with open(CSV, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        assert row["code_commune"] == "63113" and row["nature_mutation"] == "Vente", row
        kind = {"Appartement": "flat", "Maison": "house"}[row["type_local"]]
        price, surface = float(row["valeur_fonciere"]), float(row["surface_reelle_bati"])
        SALES.append({"id": row["id_mutation"], "date": date.fromisoformat(row["date_mutation"]), "type": kind,
                      "price": price, "surface": surface, "m2": price / surface,
                      "rooms": int(row["nombre_pieces_principales"])})
assert len(SALES) == 9925 and len({s["id"] for s in SALES}) == len(SALES)
FIRST, LAST = min(s["date"] for s in SALES), max(s["date"] for s in SALES)
assert (FIRST, LAST) == (date(2021, 1, 4), date(2024, 12, 31))
YEARS = sorted({s["date"].year for s in SALES})
assert YEARS == [2021, 2022, 2023, 2024] and max(YEARS) == LATEST_YEAR


def room_group(n):
    return "5+" if n >= 5 else n


def period_keys(d):
    return [("year", d.year), ("quarter", d.year, (d.month - 1) // 3 + 1), ("month", d.year, d.month)]


GROUPS = defaultdict(list)  # (type, period, rooms) -> sales
for s in SALES:
    for t in (s["type"], "both"):
        for p in period_keys(s["date"]):
            GROUPS[(t, p, "all")].append(s)
            if s["rooms"] >= 1:
                GROUPS[(t, p, room_group(s["rooms"]))].append(s)


def percentile_cont(values, p):
    v = sorted(values)
    pos = p * (len(v) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (pos - lo) * (v[hi] - v[lo])


STAT = {"m2": ("m2", 0.5), "q1": ("m2", 0.25), "q3": ("m2", 0.75), "price": ("price", 0.5), "surface": ("surface", 0.5)}
CHECKS = []  # (value, ('stat', stat, spec) | ('change', stat, spec_now, spec_before))


def key(spec):
    t, period, rooms = spec
    return (t, period, rooms)


def count(spec):
    n = len(GROUPS[key(spec)])
    CHECKS.append((n, ("stat", "count", spec)))
    return n


def stat(name, spec):
    group = GROUPS[key(spec)]
    assert len(group) >= MIN_SALES, ("no median below 10 sales", spec, len(group))
    field, p = STAT[name]
    v = percentile_cont([s[field] for s in group], p)
    CHECKS.append((v, ("stat", name, spec)))
    return v


def change(name, now, before):
    a, b = stat(name, now), stat(name, before)
    v = 100 * (a - b) / b
    CHECKS.append((v, ("change", name, now, before)))
    return v


def Y(y):
    return ("year", y)


def Q(y, q):
    return ("quarter", y, q)


def M(y, m):
    return ("month", y, m)


# ===================================================================================================
# Output helpers (same line format as questions_people.jsonl)
# ===================================================================================================
QUESTIONS = []


def N(v):
    if isinstance(v, (list, tuple)):
        alts = []
        for x in v:
            if not any(abs(x - y) < 1e-9 for y in alts):
                alts.append(x)
        return N(alts[0]) if len(alts) == 1 else {"any_of": alts, "tolerance": 1e-6}
    return {"value": v, "tolerance": 1e-6}


def C(n):
    if isinstance(n, (list, tuple)):
        alts = list(dict.fromkeys(n))
        return C(alts[0]) if len(alts) == 1 else {"any_of": alts, "tolerance": 0}
    return {"value": n, "tolerance": 0}


def YD(y):
    return f"{y}-01-01"


def add(form, kind, lang, question, numbers=(), dates=(), says=(), status="answered", as_of=DEFAULT_AS_OF, plan=None):
    assert lang in ("en", "fr") and form.endswith("_" + lang)
    expect = {"status": status, "numbers": list(numbers), "dates": list(dates), "says": list(says), "forbid": []}
    if plan is not None:
        expect["plan"] = plan
    QUESTIONS.append({
        "form": form, "kind": kind, "lang": lang, "question": question, "as_of": as_of.isoformat(),
        "expect": expect,
    })


def refuse(form, lang, question, as_of=DEFAULT_AS_OF, plan=None):
    add(form, "refusal", lang, question, status="no_data", as_of=as_of, plan=plan)


# Expected plans (eval/README.md, "Expected plans"): what the question asks, only the keys it
# determines. measure: the stat asked (MEASURE maps this file's names), None when the question
# leaves it open ("how much is a flat": price or EUR/m2); dwellings: "flat", "house", a list for
# both named, "both"/None when none is named (left out); period: a Y/Q/M spec, through: the spec
# its span runs to ("between 2021 and 2024"); periods: two compared; since: the first day of
# "since Y" (its end left out).
MEASURE = {"m2": "price_per_m2", "q1": "price_per_m2", "q3": "price_per_m2", "price": "price",
           "surface": "surface", "count": "sales"}


def span(period):
    """First and last day of a Y/Q/M spec."""
    if period[0] == "year":
        first, months = date(period[1], 1, 1), 12
    elif period[0] == "quarter":
        first, months = date(period[1], 3 * period[2] - 2, 1), 3
    else:
        first, months = date(period[1], period[2], 1), 1
    m = first.month - 1 + months
    after = date(first.year + m // 12, m % 12 + 1, 1)
    return first, after - timedelta(days=1)


def HP(ask, measure=None, dwellings=None, rooms=None, period=None, periods=None, since=None, through=None):
    plan = {"ask": ask, "place": "city"}
    if periods:
        assert period is None and since is None
        period = periods[0]
    if period is not None:
        first, last = span(period)
        if through is not None:
            assert not periods and span(through)[1] > last
            last = span(through)[1]
        plan["from"], plan["to"] = first.isoformat(), last.isoformat()
    if since is not None:
        assert period is None
        plan["from"] = since.isoformat()
    if periods:
        plan["periods"] = [[a.isoformat(), b.isoformat()] for a, b in map(span, periods)]
    housing = {}
    if measure:
        housing["measure"] = MEASURE.get(measure, measure)
        assert housing["measure"] in ("price_per_m2", "price", "surface", "sales")
    if dwellings and dwellings != "both":
        housing["dwellings"] = [dwellings] if isinstance(dwellings, str) else list(dwellings)
    if rooms is not None and rooms != "all":
        housing["rooms"] = 5 if rooms == "5+" else rooms
        assert housing["rooms"] in (1, 2, 3, 4, 5)
    if housing:
        plan["housing"] = housing
    return plan


def sp(t, period, rooms="all"):
    return (t, period, rooms)


# ===================================================================================================
# Values: price per m2 of a year
# ===================================================================================================
for t, y, text, lang in [
    ("flat", 2021, "What was the median price per square metre of flats in Clermont-Ferrand in 2021?", "en"),
    ("house", 2023, "price per m2 houses clermont 2023", "en"),
    ("both", 2022, "How much did housing cost per m² in Clermont-Ferrand in 2022?", "en"),
    ("flat", 2022, "prix du m2 appart clermont 2022", "fr"),
    ("house", 2021, "Quel était le prix médian au m² des maisons à Clermont-Ferrand en 2021 ?", "fr"),
    ("both", 2023, "prix m² immobilier clermont ferrand 2023", "fr"),
    ("flat", 2024, "combien coutait le metre carre d'un appartement a clermont en 2024", "fr"),
]:
    add("m2_year_" + lang, "value", lang, text, [N(stat("m2", sp(t, Y(y))))], plan=HP("value", "m2", t, period=Y(y)))

# No period: the latest full year, 2024 (dated 2024-01-01)
for t, text, lang in [
    ("flat", "How much does a flat cost per m² in Clermont?", "en"),
    ("house", "whats the going rate per square meter for a house in clermont ferrand", "en"),
    ("both", "Combien coûte le m² à Clermont-Ferrand ?", "fr"),
    ("house", "prix au metre carre maison clermont", "fr"),
]:
    add("m2_latest_" + lang, "value", lang, text, [N(stat("m2", sp(t, Y(LATEST_YEAR))))], dates=[YD(LATEST_YEAR)],
        plan=HP("value", "m2", t))

# "Average" / "moyen": the median, and the answer says so
for t, y, name, text, lang in [
    ("flat", 2023, "m2", "What is the average price per m² for an apartment in Clermont-Ferrand in 2023?", "en"),
    ("house", 2024, "price", "average house price in Clermont 2024", "en"),
    ("flat", 2021, "price", "Quel est le prix moyen d'un appartement à Clermont en 2021 ?", "fr"),
    ("house", 2022, "m2", "prix moyen au m2 maison 2022 clermont", "fr"),
]:
    add("avg_is_median_" + lang, "value", lang, text, [N(stat(name, sp(t, Y(y))))],
        says=["median" if lang == "en" else "médian"], plan=HP("value", name, t, period=Y(y)))

# Median price
for t, y, text, lang in [
    ("house", 2022, "median house price 2022", "en"),
    ("flat", 2023, "What did a typical flat sell for in Clermont-Ferrand in 2023?", "en"),
    ("house", 2024, "prix median d'une maison a clermont en 2024", "fr"),
    ("flat", 2022, "À combien se vend un appartement à Clermont-Ferrand en 2022, prix médian ?", "fr"),
]:
    add("price_year_" + lang, "value", lang, text, [N(stat("price", sp(t, Y(y))))], plan=HP("value", "price", t, period=Y(y)))

# ===================================================================================================
# Rooms
# ===================================================================================================
# "how much is a 2-room flat": no period -> 2024; price, EUR/m2 accepted
add("rooms_en", "value", "en", "how much is a 2-room flat",
    [N([stat("price", sp("flat", Y(2024), 2)), stat("m2", sp("flat", Y(2024), 2))])], dates=[YD(2024)],
    plan=HP("value", None, "flat", 2))
add("rooms_en", "value", "en", "median price per m2 for a 3-room flat in 2022",
    [N(stat("m2", sp("flat", Y(2022), 3)))], plan=HP("value", "m2", "flat", 3, Y(2022)))
add("rooms_en", "value", "en", "Median price of houses with 5 rooms or more in Clermont-Ferrand in 2023?",
    [N(stat("price", sp("house", Y(2023), "5+")))], plan=HP("value", "price", "house", "5+", Y(2023)))
add("rooms_fr", "value", "fr", "prix m2 T3 clermont 2023",
    [N([stat("m2", sp("both", Y(2023), 3)), stat("m2", sp("flat", Y(2023), 3))])], plan=HP("value", "m2", None, 3, Y(2023)))
add("rooms_fr", "value", "fr", "Combien coûte un studio à Clermont-Ferrand en 2024 ?",
    [N([stat("price", sp("flat", Y(2024), 1)), stat("m2", sp("flat", Y(2024), 1))])], plan=HP("value", None, "flat", 1, Y(2024)))
add("rooms_fr", "value", "fr", "prix au m² d'un 4 pièces en 2021",
    [N([stat("m2", sp("both", Y(2021), 4)), stat("m2", sp("flat", Y(2021), 4))])], plan=HP("value", "m2", None, 4, Y(2021)))
add("rooms_fr", "value", "fr", "prix des maisons 5 pieces et plus au m2 en 2022",
    [N(stat("m2", sp("house", Y(2022), "5+")))], plan=HP("value", "m2", "house", "5+", Y(2022)))

# ===================================================================================================
# Surface
# ===================================================================================================
for t, y, text, lang in [
    ("flat", 2022, "What is the median size of flats sold in Clermont-Ferrand in 2022?", "en"),
    ("house", 2024, "typical floor area of houses sold in 2024", "en"),
    ("house", 2023, "surface médiane des maisons vendues en 2023", "fr"),
    ("flat", 2021, "Quelle surface font les appartements vendus à Clermont en 2021, en médiane ?", "fr"),
]:
    add("surface_" + lang, "value", lang, text, [N(stat("surface", sp(t, Y(y))))], plan=HP("value", "surface", t, period=Y(y)))

# ===================================================================================================
# Quarters and months
# ===================================================================================================
for t, y, q, text, lang in [
    ("flat", 2022, 4, "flat price per m2 Q4 2022", "en"),
    ("house", 2023, 3, "Median €/m² for houses in Clermont-Ferrand, third quarter of 2023?", "en"),
    ("flat", 2023, 2, "prix du m² des appartements au 2e trimestre 2023", "fr"),
    ("house", 2024, 1, "prix m2 maisons premier trimestre 2024", "fr"),
]:
    add("quarter_" + lang, "value", lang, text, [N(stat("m2", sp(t, Q(y, q))))], plan=HP("value", "m2", t, period=Q(y, q)))

for t, y, m, text, lang in [
    ("flat", 2023, 3, "price per square metre of flats in March 2023", "en"),
    ("house", 2021, 6, "What was the median price per m² of a house in Clermont in June 2021?", "en"),
    ("flat", 2022, 6, "prix m2 appartement juin 2022", "fr"),
    ("both", 2024, 10, "Prix médian au mètre carré à Clermont-Ferrand en octobre 2024 ?", "fr"),
]:
    add("month_" + lang, "value", lang, text, [N(stat("m2", sp(t, M(y, m))))], plan=HP("value", "m2", t, period=M(y, m)))

# ===================================================================================================
# Quartiles ("fourchette de prix au m2")
# ===================================================================================================
for t, y, text, lang in [
    ("flat", 2023, "What are the quartiles of the price per m² for flats in Clermont-Ferrand in 2023?", "en"),
    ("house", 2022, "25th and 75th percentile of house prices per m2 in 2022", "en"),
    ("flat", 2024, "fourchette de prix au m2 pour un appartement a clermont en 2024", "fr"),
    ("house", 2021, "Quelle est la fourchette de prix au m² des maisons en 2021 (1er et 3e quartiles) ?", "fr"),
]:
    s = sp(t, Y(y))
    add("quartiles_" + lang, "value", lang, text, [N(stat("q1", s)), N(stat("q3", s))], plan=HP("value", "m2", t, period=Y(y)))

# ===================================================================================================
# Counts
# ===================================================================================================
add("count_en", "count", "en", "How many houses were sold in Clermont-Ferrand in 2022?", [C(count(sp("house", Y(2022))))],
    plan=HP("count", "count", "house", period=Y(2022)))
add("count_en", "count", "en", "number of flat sales in Q1 2021", [C(count(sp("flat", Q(2021, 1))))],
    plan=HP("count", "count", "flat", period=Q(2021, 1)))
add("count_en", "count", "en", "how many property sales in clermont in 2024", [C(count(sp("both", Y(2024))))],
    plan=HP("count", "count", None, period=Y(2024)))
add("count_fr", "count", "fr", "combien de ventes de T3 en 2023 ?",
    [C([count(sp("both", Y(2023), 3)), count(sp("flat", Y(2023), 3))])], plan=HP("count", "count", None, 3, Y(2023)))
add("count_fr", "count", "fr", "Nombre de transactions immobilières à Clermont-Ferrand en 2021",
    [C(count(sp("both", Y(2021))))], plan=HP("count", "count", None, period=Y(2021)))
add("count_fr", "count", "fr", "nb ventes studios 2022", [C(count(sp("flat", Y(2022), 1)))],
    plan=HP("count", "count", "flat", 1, Y(2022)))
add("month_count_en", "count", "en", "how many sales in clermont in july 2021", [C(count(sp("both", M(2021, 7))))],
    plan=HP("count", "count", None, period=M(2021, 7)))
add("month_count_en", "count", "en", "How many 4-room flats were sold during the 3rd quarter of 2024?",
    [C(count(sp("flat", Q(2024, 3), 4)))], plan=HP("count", "count", "flat", 4, Q(2024, 3)))
add("month_count_fr", "count", "fr", "combien de maisons vendues en septembre 2024 ?", [C(count(sp("house", M(2024, 9))))],
    plan=HP("count", "count", "house", period=M(2024, 9)))
add("month_count_fr", "count", "fr", "Combien d'appartements de 2 pièces se sont vendus au 4ème trimestre 2022 ?",
    [C(count(sp("flat", Q(2022, 4), 2)))], plan=HP("count", "count", "flat", 2, Q(2022, 4)))

# ===================================================================================================
# Comparisons between years (both sides' medians)
# ===================================================================================================
for t, name, y1, y2, text, lang in [
    ("flat", "m2", 2022, 2023, "Were flats more expensive per m² in 2022 or 2023?", "en"),
    ("house", "m2", 2021, 2024, "house prices per m2: 2021 vs 2024", "en"),
    ("flat", "m2", 2022, 2023, "prix m2 appart 2022 vs 2023", "fr"),
    ("house", "price", 2022, 2023, "Le prix médian des maisons a-t-il baissé entre 2022 et 2023 ?", "fr"),
]:
    add("cmp_years_" + lang, "compare", lang, text, [N(stat(name, sp(t, Y(y1)))), N(stat(name, sp(t, Y(y2))))],
        plan=HP("compare", name, t, periods=[Y(y1), Y(y2)]))

# Trends since / between years; the change in % when asked
add("trend_fr", "trend", "fr", "Les prix de l'immobilier ont-ils augmenté depuis 2021 ?",
    [N(stat("m2", sp("both", Y(2021)))), N(stat("m2", sp("both", Y(2024))))],
    plan=HP("trend", None, None, since=span(Y(2021))[0]))
add("trend_fr", "trend", "fr", "évolution du prix au m2 des appartements entre 2021 et 2024 en %",
    [N(stat("m2", sp("flat", Y(2021)))), N(stat("m2", sp("flat", Y(2024)))),
     N(change("m2", sp("flat", Y(2024)), sp("flat", Y(2021))))],
    plan=HP("trend", "m2", "flat", period=Y(2021), through=Y(2024)))
add("trend_en", "trend", "en", "By how much have house prices per square metre changed since 2021, in percent?",
    [N(stat("m2", sp("house", Y(2021)))), N(stat("m2", sp("house", Y(2024)))),
     N(change("m2", sp("house", Y(2024)), sp("house", Y(2021))))],
    plan=HP("trend", "m2", "house", since=span(Y(2021))[0]))
add("trend_en", "trend", "en", "Have flat prices per m² in Clermont gone up since 2022?",
    [N(stat("m2", sp("flat", Y(2022)))), N(stat("m2", sp("flat", Y(2024))))],
    plan=HP("trend", "m2", "flat", since=span(Y(2022))[0]))

# Change against the year before
for t, y, text, lang in [
    ("flat", 2023, "How much did the price per m² of flats change in 2023 compared with the year before?", "en"),
    ("house", 2024, "YoY change median €/m² houses 2024", "en"),
    ("house", 2022, "De combien le prix du m² des maisons a-t-il évolué en 2022 par rapport à 2021 ?", "fr"),
    ("both", 2024, "variation annuelle prix m2 clermont 2024", "fr"),
]:
    now, before = sp(t, Y(y)), sp(t, Y(y - 1))
    add("yoy_" + lang, "trend", lang, text, [N(stat("m2", now)), N(stat("m2", before)), N(change("m2", now, before))],
        plan=HP("trend", "m2", t, period=Y(y)))

# Flats against houses
for y, text, lang in [
    (2022, "Are houses or flats more expensive per m² in Clermont-Ferrand in 2022?", "en"),
    (2024, "flats vs houses price per m2 2024", "en"),
    (2023, "Maison ou appartement : lequel est le plus cher au m² à Clermont en 2023 ?", "fr"),
    (2021, "ecart de prix au m2 entre maisons et appartements en 2021", "fr"),
]:
    add("cmp_types_" + lang, "compare", lang, text, [N(stat("m2", sp("flat", Y(y)))), N(stat("m2", sp("house", Y(y))))],
        plan=HP("compare", "m2", ["flat", "house"], period=Y(y)))

# ===================================================================================================
# Fewer than 10 sales: no median, the count only (and the 10-sales boundary)
# ===================================================================================================
for spec, text, lang, asked in [  # asked: the stat the question asks for (the plan's measure)
    (sp("house", Y(2023), 1), "prix médian au m² des maisons d'une pièce en 2023", "fr", "m2"),
    (sp("house", Q(2022, 3), 2), "prix m2 maison 2 pieces 3e trimestre 2022", "fr", "m2"),
    (sp("flat", M(2022, 11), "5+"), "Prix au m² des appartements de 5 pièces ou plus en novembre 2022 ?", "fr", "m2"),
    (sp("house", Y(2022), 1), "median price of a 1-room house in 2022", "en", "price"),
    (sp("flat", M(2024, 8), "5+"), "price per m² of flats with 5 rooms or more in August 2024", "en", "m2"),
]:
    n = count(spec)
    assert 0 < n < MIN_SALES, (spec, n)
    add("few_sales_" + lang, "value", lang, text, [C(n)], plan=HP("value", asked, spec[0], spec[2], spec[1]))
boundary = sp("flat", M(2024, 6), "5+")
assert len(GROUPS[key(boundary)]) == MIN_SALES
add("few_sales_en", "value", "en", "median price per m2 of 5+ room flats in June 2024", [N(stat("m2", boundary))],
    plan=HP("value", "m2", boundary[0], boundary[2], boundary[1]))

# ===================================================================================================
# Relative years
# ===================================================================================================
add("rel_last_year_en", "relative", "en", "What was the median price per m² of flats last year?",
    [N(stat("m2", sp("flat", Y(2024))))], dates=[YD(2024)], plan=HP("value", "m2", "flat", period=Y(DEFAULT_AS_OF.year - 1)))
add("rel_last_year_en", "relative", "en", "house sales last year", [C(count(sp("house", Y(2021))))],
    dates=[YD(2021)], as_of=date(2022, 2, 15), plan=HP("count", "count", "house", period=Y(date(2022, 2, 15).year - 1)))
add("rel_last_year_fr", "relative", "fr", "combien de maisons vendues l'an dernier a clermont ?",
    [C(count(sp("house", Y(2024))))], dates=[YD(2024)], plan=HP("count", "count", "house", period=Y(DEFAULT_AS_OF.year - 1)))
add("rel_last_year_fr", "relative", "fr", "prix du m2 l'année dernière", [N(stat("m2", sp("both", Y(2022))))],
    dates=[YD(2022)], as_of=date(2023, 5, 10), plan=HP("value", "m2", None, period=Y(date(2023, 5, 10).year - 1)))

# ===================================================================================================
# Refusals: no figure
# ===================================================================================================
refuse("refuse_place_en", "en", "Price per m² in Lyon in 2023?")
refuse("refuse_place_fr", "fr", "prix m2 appartement paris 2022")
refuse("refuse_place_fr", "fr", "Combien coûte une maison à Riom ?")
refuse("refuse_period_en", "en", "median flat price in Clermont in 2019", plan=HP("value", "price", "flat", period=Y(2019)))
refuse("refuse_period_fr", "fr", "prix de l'immobilier à Clermont en 2025", plan=HP("value", None, None, period=Y(2025)))
refuse("refuse_period_fr", "fr", "prix du m2 cette année", plan=HP("value", "m2", None, since=date(DEFAULT_AS_OF.year, 1, 1)))
refuse("refuse_kind_en", "en", "How much does building land cost per m² in Clermont-Ferrand?")
refuse("refuse_kind_fr", "fr", "prix au m² des locaux commerciaux à Clermont-Ferrand")
refuse("refuse_kind_fr", "fr", "combien coute une place de parking a clermont")
refuse("refuse_rent_en", "en", "average rent for a flat in Clermont-Ferrand 2023")
refuse("refuse_rent_fr", "fr", "loyer moyen d'un T2 à Clermont")
refuse("refuse_unknowable_en", "en", "What's the price per m² on my street?")
refuse("refuse_unknowable_fr", "fr", "mon appart de 60 m2 rue Blatin, il vaut combien ?")


# ===================================================================================================
# Second, independent computation of every expected number
# ===================================================================================================
def independent_sales():
    """csv.reader by column position, exact fractions; cross-checked against the source JSON."""
    with open(CSV, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        rows = []
        for r in reader:
            rows.append((r[col["date_mutation"]], r[col["type_local"]], Fraction(r[col["valeur_fonciere"]]),
                         Fraction(r[col["surface_reelle_bati"]]), int(r[col["nombre_pieces_principales"]])))
    with open(JSON, encoding="utf-8") as f:
        src = json.load(f)["transactions"]
    assert Counter(rows) == Counter((t["date"], t["type"], Fraction(str(t["prix"])), Fraction(str(t["surface"])),
                                     int(t["pieces"])) for t in src)
    return rows


RAW = independent_sales()


def in_period(day, period):
    y, m = int(day[:4]), int(day[5:7])
    if period[0] == "year":
        return y == period[1]
    if period[0] == "quarter":
        return y == period[1] and m in range(3 * period[2] - 2, 3 * period[2] + 1)
    return y == period[1] and m == period[2]


def selected(spec):
    t, period, rooms = spec
    out = []
    for day, typ, price, surface, n in RAW:
        if t != "both" and typ != TYPES[t]:
            continue
        if not in_period(day, period):
            continue
        if rooms == "5+" and n < 5:
            continue
        if rooms not in ("all", "5+") and n != rooms:
            continue
        out.append((price, surface, price / surface))
    return out


def independent(name, spec):
    rows = selected(spec)
    if name == "count":
        return len(rows)
    assert len(rows) >= MIN_SALES
    idx = {"price": 0, "surface": 1, "m2": 2, "q1": 2, "q3": 2}[name]
    values = [r[idx] for r in rows]
    if name in ("q1", "q3"):
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return q1 if name == "q1" else q3
    return statistics.median(values)


def verify():
    for value, how in CHECKS:
        if how[0] == "stat":
            exact = independent(how[1], how[2])
        else:
            a, b = independent(how[1], how[2]), independent(how[1], how[3])
            exact = 100 * (a - b) / b
        if how[1] == "count":
            assert value == exact, (how, value, exact)
        else:
            assert abs(value - float(exact)) <= 1e-9 * max(1.0, abs(float(exact))), (how, value, float(exact))


def check(q):
    e = q["expect"]
    for n in e["numbers"]:
        vals = n["any_of"] if "any_of" in n else [n["value"]]
        assert vals and all(isinstance(v, (int, float)) and math.isfinite(v) for v in vals), q
    for d in e["dates"]:
        date.fromisoformat(d)
    if e["status"] == "answered":
        assert e["numbers"], q
    else:
        assert not e["numbers"] and not e["dates"], q


def main():
    verify()
    seen = set()
    out = []
    for i, q in enumerate(QUESTIONS, 1):
        check(q)
        k = q["question"].strip().lower()
        assert k not in seen, ("duplicate question", q["question"])
        seen.add(k)
        row = OrderedDict([("id", f"h{i:03d}")])
        row.update(q)
        out.append(row)
    for row in out:
        print(json.dumps(row, ensure_ascii=False))
    forms = Counter(q["form"] for q in out)
    fr = sum(1 for q in out if q["lang"] == "fr")
    no_data = sum(1 for q in out if q["expect"]["status"] == "no_data")
    kinds = Counter(q["kind"] for q in out)
    print(f"questions: {len(out)}  forms: {len(forms)}  French: {fr} ({fr / len(out):.1%})  English: {len(out) - fr}  "
          f"no_data: {no_data}  checked numbers: {len(CHECKS)}", file=sys.stderr)
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    if "--forms" in sys.argv:
        print("forms: " + ", ".join(f"{k} {v}" for k, v in forms.items()), file=sys.stderr)
    if "--medians" in sys.argv:
        for t in ("flat", "house", "both"):
            for y in YEARS:
                g = GROUPS[(t, Y(y), "all")]
                print(f"{t:5} {y}: n={len(g):5}  median EUR/m2={percentile_cont([s['m2'] for s in g], 0.5):.6f}  "
                      f"Q1={percentile_cont([s['m2'] for s in g], 0.25):.6f}  "
                      f"Q3={percentile_cont([s['m2'] for s in g], 0.75):.6f}  "
                      f"median price={percentile_cont([s['price'] for s in g], 0.5):.1f}  "
                      f"median surface={percentile_cont([s['surface'] for s in g], 0.5):.1f}", file=sys.stderr)
    assert len(out) >= 48 and no_data >= 10 and 0.45 <= fr / len(out) <= 0.55


if __name__ == "__main__":
    main()
