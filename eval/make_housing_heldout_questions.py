#!/usr/bin/env python3
"""Prints eval/questions_housing_heldout.jsonl: a HELD-OUT set of housing (DVF property sales)
questions about Clermont-Ferrand, worded the way journalists, citizens and analysts type them
(terse, chatty, typos, no accents, synonyms: logement, bien, pavillon, appart, F3, studio, condo,
real estate, homes), in French and English. It was written without reading the service's parser
(src/) or the development set (eval/questions_housing.jsonl); only the line format and the
semantics of eval/make_housing_questions.py were reused, with different wordings, and mostly
different groups and periods.

    python3 eval/make_housing_heldout_questions.py > eval/questions_housing_heldout.jsonl   # from the project root

Every expected number is computed here from the raw file ../shared/data/clermont/
dvf_63113_2021-2024.csv (relative to the project root; nothing is typed by hand, nothing is copied
into the repository), and recomputed by a second, independent path (exact fractions,
statistics.median / statistics.quantiles(method="inclusive")) that must agree.

Semantics (the service's data contract, as in make_housing_questions.py)
-----------------------------------------------------------------------
* One row = one sale of one flat (Appartement) or one house (Maison); EUR/m2 of a sale =
  valeur_fonciere / surface_reelle_bati, unrounded.
* Groups: dwelling (flat, house, or both when the question names neither: logement, bien,
  immobilier, property, real estate) x period (calendar year, quarter, month of date_mutation) x
  rooms (1, 2, 3, 4, "5+" = 5 or more, or all sizes; 0-room sales count in all sizes only).
* Statistics like PostgreSQL percentile_cont (linear interpolation): median / Q1 / Q3 of EUR/m2,
  median price, median built surface; count = number of sales.
* A group with fewer than 10 sales has no median: expected = the count only (tolerance 0).
* "average" / "moyen" = the median (says "median" / "médian").
* Change in % = 100 * (later - earlier) / earlier.
* No period = the latest full year before as_of (2024 for 2025-06-30), dated 2024-01-01 (as in
  the development set); "last year" / "l'an dernier" = the year before as_of's year.
* Readings that are both sensible are accepted with any_of: "how much is a F3" (price or EUR/m2,
  flats or all 3-room dwellings), "T3 sales" (flats or all dwellings), "homes" (all dwellings or
  houses).
* no_data (no figure): another commune (including Clermont-l'Hérault, a different Clermont),
  a year not loaded (2018, 2020, "this year" = 2025), rents, building land,
  business premises, garages/parking, a particular street.

Forms (suffix _en / _fr = language): m2, price_size, rooms, subyear, spread, count, compare,
change, few_sales, last_year, refuse_place, refuse_period, refuse_other.
"""

import csv
import json
import math
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent          # the project root (/work/main)
CSV = ROOT.parent / "shared" / "data" / "clermont" / "dvf_63113_2021-2024.csv"
AS_OF = date(2025, 6, 30)
MIN_SALES = 10
TYPE_OF = {"Appartement": "flat", "Maison": "house"}

# ---------------------------------------------------------------------------------------------
# Primary path: floats, percentile_cont by hand
# ---------------------------------------------------------------------------------------------
SALES = []
with open(CSV, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        assert r["code_commune"] == "63113" and r["nature_mutation"] == "Vente", r
        price, surface = float(r["valeur_fonciere"]), float(r["surface_reelle_bati"])
        SALES.append({"date": date.fromisoformat(r["date_mutation"]), "type": TYPE_OF[r["type_local"]],
                      "price": price, "surface": surface, "m2": price / surface,
                      "rooms": int(r["nombre_pieces_principales"])})
assert len(SALES) == 9925
assert min(s["date"] for s in SALES) == date(2021, 1, 4) and max(s["date"] for s in SALES) == date(2024, 12, 31)
LATEST = max(s["date"].year for s in SALES)  # 2024: the latest full year before 2025-06-30


def periods(d):
    return [("year", d.year), ("quarter", d.year, (d.month - 1) // 3 + 1), ("month", d.year, d.month)]


GROUPS = defaultdict(list)
for s in SALES:
    for t in (s["type"], "both"):
        for p in periods(s["date"]):
            GROUPS[(t, p, "all")].append(s)
            if s["rooms"] >= 1:
                GROUPS[(t, p, "5+" if s["rooms"] >= 5 else s["rooms"])].append(s)


def percentile_cont(values, p):
    v = sorted(values)
    pos = p * (len(v) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (pos - lo) * (v[hi] - v[lo])


FIELD = {"m2": ("m2", 0.5), "q1": ("m2", 0.25), "q3": ("m2", 0.75), "price": ("price", 0.5),
         "surface": ("surface", 0.5)}
CHECKS = []


def Y(y):
    return ("year", y)


def Q(y, q):
    return ("quarter", y, q)


def M(y, m):
    return ("month", y, m)


def g(t, period, rooms="all"):
    return (t, period, rooms)


def count(spec):
    n = len(GROUPS[spec])
    CHECKS.append((n, ("count", spec)))
    return n


def stat(name, spec):
    group = GROUPS[spec]
    assert len(group) >= MIN_SALES, ("fewer than 10 sales: no median", spec, len(group))
    field, p = FIELD[name]
    v = percentile_cont([s[field] for s in group], p)
    CHECKS.append((v, (name, spec)))
    return v


def change(name, later, earlier):
    a, b = stat(name, later), stat(name, earlier)
    v = 100 * (a - b) / b
    CHECKS.append((v, ("change", name, later, earlier)))
    return v


# ---------------------------------------------------------------------------------------------
# Line helpers
# ---------------------------------------------------------------------------------------------
QUESTIONS = []


def N(*alts):
    uniq = []
    for x in alts:
        if not any(abs(x - y) < 1e-9 for y in uniq):
            uniq.append(x)
    if len(uniq) == 1:
        return {"value": uniq[0], "tolerance": 1e-6}
    return {"any_of": uniq, "tolerance": 1e-6}


def C(*alts):
    uniq = list(dict.fromkeys(alts))
    if len(uniq) == 1:
        return {"value": uniq[0], "tolerance": 0}
    return {"any_of": uniq, "tolerance": 0}


def YD(y):
    return f"{y}-01-01"


def add(form, kind, lang, question, numbers, dates=(), says=(), as_of=AS_OF, plan=None):
    expect = {"status": "answered", "numbers": list(numbers), "dates": list(dates), "says": list(says), "forbid": []}
    if plan is not None:
        expect["plan"] = plan
    QUESTIONS.append({"form": f"{form}_{lang}", "kind": kind, "lang": lang, "question": question,
                      "as_of": as_of.isoformat(), "expect": expect})


def refuse(form, lang, question, as_of=AS_OF, plan=None):
    expect = {"status": "no_data", "numbers": [], "dates": [], "says": [], "forbid": []}
    if plan is not None:
        expect["plan"] = plan
    QUESTIONS.append({"form": f"{form}_{lang}", "kind": "refusal", "lang": lang, "question": question,
                      "as_of": as_of.isoformat(), "expect": expect})


# Expected plans (eval/README.md, "Expected plans"): what the question asks, only the keys it
# determines. measure: the stat asked (MEASURE maps this file's names), None when the question
# leaves it open ("combien pour un F3": price or EUR/m2); dwellings: "flat", "house", a list for
# both named, "both"/None when none is named (left out); period: a Y/Q/M spec, through: the spec
# its span runs to ("between 2022 and 2024"); periods: two compared; upto: the last day of a span
# that starts with period ("so far this year").
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


def HP(ask, measure=None, dwellings=None, rooms=None, period=None, periods=None, through=None, upto=None):
    plan = {"ask": ask, "place": "city"}
    if periods:
        assert period is None
        period = periods[0]
    if period is not None:
        first, last = span(period)
        if through is not None:
            assert not periods and span(through)[1] > last
            last = span(through)[1]
        if upto is not None:
            assert through is None and first <= upto <= last
            last = upto
        plan["from"], plan["to"] = first.isoformat(), last.isoformat()
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


MEDIAN = {"en": "median", "fr": "médian"}

# ---------------------------------------------------------------------------------------------
# m2: median EUR/m2 of a year (terse, chatty, synonyms; no period = 2024)
# ---------------------------------------------------------------------------------------------
add("m2", "value", "fr", "Clermont : prix médian m² appartements 2023 ?",
    [N(stat("m2", g("flat", Y(2023))))], plan=HP("value", "m2", "flat", period=Y(2023)))
add("m2", "value", "fr", "bonjour, c'est combien le m2 pour une maison a clermont en ce moment ?",
    [N(stat("m2", g("house", Y(LATEST))))], dates=[YD(LATEST)], plan=HP("value", "m2", "house"))
add("m2", "value", "fr", "slt, le metre carré d'un appart a clermont ferand ca donnait quoi en 2021 ?",
    [N(stat("m2", g("flat", Y(2021))))], plan=HP("value", "m2", "flat", period=Y(2021)))
add("m2", "value", "fr", "un pavillon a clermont, ca se negocie a combien du m2 ? (annee 2023)",
    [N(stat("m2", g("house", Y(2023))))], plan=HP("value", "m2", "house", period=Y(2023)))
add("m2", "value", "en", "Clermont-Ferrand houses: median €/m², 2022",
    [N(stat("m2", g("house", Y(2022))))], plan=HP("value", "m2", "house", period=Y(2022)))
add("m2", "value", "en", "hey, thinking of buying a condo in clermont ferrand - what's the price per sq m these days?",
    [N(stat("m2", g("flat", Y(LATEST))))], dates=[YD(LATEST)], plan=HP("value", "m2", "flat"))
add("m2", "value", "en", "real estate price per square meter in Clermont in 2021",
    [N(stat("m2", g("both", Y(2021))))], plan=HP("value", "m2", None, period=Y(2021)))

# ---------------------------------------------------------------------------------------------
# price_size: median price, median surface, "average" answered with the median
# ---------------------------------------------------------------------------------------------
add("price_size", "value", "en", "On average, how much did people pay for a flat in Clermont-Ferrand in 2024?",
    [N(stat("price", g("flat", Y(2024))))], says=[MEDIAN["en"]], plan=HP("value", "price", "flat", period=Y(2024)))
add("price_size", "value", "en", "Typical living area of the houses that sold in Clermont-Ferrand in 2022 (median, in m²)?",
    [N(stat("surface", g("house", Y(2022))))], plan=HP("value", "surface", "house", period=Y(2022)))
add("price_size", "value", "fr", "Clermont-Fd 2024 : prix de vente médian des appartements",
    [N(stat("price", g("flat", Y(2024))))], plan=HP("value", "price", "flat", period=Y(2024)))
add("price_size", "value", "fr", "superficie mediane des apparts vendus a clermont en 2024 ?",
    [N(stat("surface", g("flat", Y(2024))))], plan=HP("value", "surface", "flat", period=Y(2024)))

# ---------------------------------------------------------------------------------------------
# rooms
# ---------------------------------------------------------------------------------------------
add("rooms", "value", "fr", "combien pour un F3 a clermont en 2024 ?",
    [N(stat("price", g("flat", Y(2024), 3)), stat("m2", g("flat", Y(2024), 3)),
       stat("price", g("both", Y(2024), 3)), stat("m2", g("both", Y(2024), 3)))],
    plan=HP("value", None, None, 3, Y(2024)))
add("rooms", "value", "fr", "Studios à Clermont-Ferrand : à quel prix se sont-ils vendus en 2022 (médiane) ?",
    [N(stat("price", g("flat", Y(2022), 1)))], plan=HP("value", "price", "flat", 1, Y(2022)))
add("rooms", "value", "en", "What's the going rate per m² for 3-room apartments in Clermont-Ferrand in 2021?",
    [N(stat("m2", g("flat", Y(2021), 3)))], plan=HP("value", "m2", "flat", 3, Y(2021)))

# ---------------------------------------------------------------------------------------------
# subyear: quarters and months
# ---------------------------------------------------------------------------------------------
add("subyear", "value", "en", "Q2 2024 flat €/m² median, Clermont-Ferrand",
    [N(stat("m2", g("flat", Q(2024, 2))))], plan=HP("value", "m2", "flat", period=Q(2024, 2)))
add("subyear", "value", "en", "median price per square metre, all property types, Clermont-Ferrand, May 2023",
    [N(stat("m2", g("both", M(2023, 5))))], plan=HP("value", "m2", None, period=M(2023, 5)))
add("subyear", "value", "fr", "Maisons à Clermont, dernier trimestre 2021 : prix médian au m² ?",
    [N(stat("m2", g("house", Q(2021, 4))))], plan=HP("value", "m2", "house", period=Q(2021, 4)))

# ---------------------------------------------------------------------------------------------
# spread: first and third quartiles of EUR/m2
# ---------------------------------------------------------------------------------------------
s = g("flat", Y(2022))
add("spread", "value", "fr",
    "Entre quels prix au m² se situe la moitié centrale des ventes d'appartements à Clermont en 2022 ?",
    [N(stat("q1", s)), N(stat("q3", s))], plan=HP("value", "m2", s[0], s[2], s[1]))
s = g("house", Y(2024))
add("spread", "value", "en",
    "What's the interquartile range of house prices per m² in Clermont-Ferrand in 2024? Give the lower and upper quartiles.",
    [N(stat("q1", s)), N(stat("q3", s))], plan=HP("value", "m2", s[0], s[2], s[1]))
s = g("flat", Y(2021))
add("spread", "value", "en", "P25 / P75 €/m², flats, Clermont-Ferrand, 2021",
    [N(stat("q1", s)), N(stat("q3", s))], plan=HP("value", "m2", s[0], s[2], s[1]))

# ---------------------------------------------------------------------------------------------
# count
# ---------------------------------------------------------------------------------------------
add("count", "count", "en", "How many apartments changed hands in Clermont-Ferrand in 2023?",
    [C(count(g("flat", Y(2023))))], plan=HP("count", "count", "flat", period=Y(2023)))
add("count", "count", "en", "2021: how many homes were bought and sold in Clermont-Ferrand altogether?",
    [C(count(g("both", Y(2021))), count(g("house", Y(2021))))], plan=HP("count", "count", None, period=Y(2021)))
add("count", "count", "fr", "nombre de ventes de T3 à Clermont en 2024",
    [C(count(g("both", Y(2024), 3)), count(g("flat", Y(2024), 3)))], plan=HP("count", "count", None, 3, Y(2024)))
add("count", "count", "fr", "combien de studios vendus a clermont au 2eme trimestre 2023 ?",
    [C(count(g("flat", Q(2023, 2), 1)))], plan=HP("count", "count", "flat", 1, Q(2023, 2)))
add("count", "count", "fr", "Combien de maisons ont trouvé preneur en mars 2024 à Clermont-Ferrand ?",
    [C(count(g("house", M(2024, 3))))], plan=HP("count", "count", "house", period=M(2024, 3)))

# ---------------------------------------------------------------------------------------------
# compare: two years, quarters, months, or flats vs houses (both sides' medians)
# ---------------------------------------------------------------------------------------------
add("compare", "compare", "fr", "Le m² des appartements est-il plus cher en 2024 qu'en 2021 à Clermont ?",
    [N(stat("m2", g("flat", Y(2021)))), N(stat("m2", g("flat", Y(2024))))],
    plan=HP("compare", "m2", "flat", periods=[Y(2024), Y(2021)]))
add("compare", "compare", "fr", "prix du m2 des apparts : janvier 2022 comparé à janvier 2023",
    [N(stat("m2", g("flat", M(2022, 1)))), N(stat("m2", g("flat", M(2023, 1))))],
    plan=HP("compare", "m2", "flat", periods=[M(2022, 1), M(2023, 1)]))
add("compare", "compare", "fr", "c'est plus cher au m2 une maison ou un appart a clermont en 2024 ?",
    [N(stat("m2", g("flat", Y(2024)))), N(stat("m2", g("house", Y(2024))))],
    plan=HP("compare", "m2", ["flat", "house"], period=Y(2024)))
add("compare", "compare", "en", "Houses in Clermont: was the median sale price higher in 2023 or in 2024?",
    [N(stat("price", g("house", Y(2023)))), N(stat("price", g("house", Y(2024))))],
    plan=HP("compare", "price", "house", periods=[Y(2023), Y(2024)]))
add("compare", "compare", "en", "flat €/m² median: Q1 2023 vs Q1 2024",
    [N(stat("m2", g("flat", Q(2023, 1)))), N(stat("m2", g("flat", Q(2024, 1))))],
    plan=HP("compare", "m2", "flat", periods=[Q(2023, 1), Q(2024, 1)]))

# ---------------------------------------------------------------------------------------------
# change in %
# ---------------------------------------------------------------------------------------------
a, b = g("house", Y(2024)), g("house", Y(2022))
add("change", "trend", "fr", "De combien (en %) a varié le prix médian au m² des maisons entre 2022 et 2024 ?",
    [N(stat("m2", b)), N(stat("m2", a)), N(change("m2", a, b))], plan=HP("trend", "m2", "house", period=b[1], through=a[1]))
a, b = g("flat", Q(2024, 2)), g("flat", Q(2023, 2))
add("change", "trend", "fr",
    "Variation en % du prix médian au m² des appartements entre le 2e trimestre 2023 et le 2e trimestre 2024",
    [N(stat("m2", b)), N(stat("m2", a)), N(change("m2", a, b))], plan=HP("trend", "m2", "flat", period=b[1], through=a[1]))
a, b = g("flat", Y(2023)), g("flat", Y(2021))
add("change", "trend", "en", "percent change in the median flat sale price in Clermont-Ferrand from 2021 to 2023",
    [N(stat("price", b)), N(stat("price", a)), N(change("price", a, b))],
    plan=HP("trend", "price", "flat", period=b[1], through=a[1]))
a, b = g("both", Y(2023)), g("both", Y(2022))
add("change", "trend", "en", "how much did property prices per m2 in clermont move in 2023 compared to 2022, in %?",
    [N(stat("m2", b)), N(stat("m2", a)), N(change("m2", a, b))], plan=HP("trend", "m2", None, period=a[1]))

# ---------------------------------------------------------------------------------------------
# few_sales: fewer than 10 sales -> count only; and a group of exactly 10 (has its median)
# ---------------------------------------------------------------------------------------------
for spec, text, lang in [
    (g("house", Q(2021, 4), 2), "Prix au m² des petites maisons de 2 pièces au 4e trimestre 2021 ?", "fr"),
    (g("house", M(2022, 11), "5+"), "maisons de 5 pieces ou plus vendues en novembre 2022 : prix median au m2 ?", "fr"),
    (g("house", M(2021, 10), "5+"), "median €/m² for houses with 5+ rooms sold in October 2021", "en"),
]:
    n = count(spec)
    assert 0 < n < MIN_SALES, (spec, n)
    add("few_sales", "value", lang, text, [C(n)], plan=HP("value", "m2", spec[0], spec[2], spec[1]))
boundary = g("house", M(2024, 2), "5+")
assert len(GROUPS[boundary]) == MIN_SALES
add("few_sales", "value", "en", "What was the median price per m² of houses with five or more rooms in February 2024?",
    [N(stat("m2", boundary))], plan=HP("value", "m2", boundary[0], boundary[2], boundary[1]))

# ---------------------------------------------------------------------------------------------
# last_year: relative to as_of
# ---------------------------------------------------------------------------------------------
add("last_year", "relative", "en", "how many flats sold last year in clermont?",
    [C(count(g("flat", Y(2024))))], dates=[YD(2024)], plan=HP("count", "count", "flat", period=Y(AS_OF.year - 1)))
add("last_year", "relative", "fr", "prix médian au m² des maisons l'an dernier",
    [N(stat("m2", g("house", Y(2022))))], dates=[YD(2022)], as_of=date(2023, 3, 1),
    plan=HP("value", "m2", "house", period=Y(date(2023, 3, 1).year - 1)))
add("last_year", "relative", "fr", "l'an passé, un logement à Clermont se vendait combien le m² en moyenne ?",
    [N(stat("m2", g("both", Y(2024))))], dates=[YD(2024)], says=[MEDIAN["fr"]],
    plan=HP("value", "m2", None, period=Y(AS_OF.year - 1)))

# ---------------------------------------------------------------------------------------------
# Refusals: no figure
# ---------------------------------------------------------------------------------------------
refuse("refuse_place", "en", "Median price per m² for flats in Bordeaux, 2023?")
refuse("refuse_place", "fr", "prix m2 maison Chamalières 2022")
refuse("refuse_place", "fr", "combien coute un appart a Clermont-l'Hérault ?")
refuse("refuse_period", "en", "house prices in Clermont-Ferrand in 2020", plan=HP("value", None, "house", period=Y(2020)))
refuse("refuse_period", "en", "What's the median flat price per m² in Clermont so far this year?",
       plan=HP("value", "m2", "flat", period=Y(AS_OF.year), upto=AS_OF))
refuse("refuse_period", "fr", "prix du m2 a clermont en 2018 ?", plan=HP("value", "m2", None, period=Y(2018)))
refuse("refuse_other", "fr", "loyer médian d'un studio à Clermont-Ferrand")
refuse("refuse_other", "en", "how much does it cost to rent a 2-bed in clermont ferrand")
refuse("refuse_other", "fr", "prix d'un terrain constructible au m2 a clermont")
refuse("refuse_other", "en", "price per m² of shops and offices in Clermont-Ferrand in 2023")
refuse("refuse_other", "fr", "combien se vend un garage à Clermont-Ferrand ?")
refuse("refuse_other", "en", "What did flats sell for on boulevard Lafayette in Clermont-Ferrand in 2022?")


# ---------------------------------------------------------------------------------------------
# Second, independent path: csv.reader by position, exact fractions, statistics module
# ---------------------------------------------------------------------------------------------
def raw_rows():
    with open(CSV, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        i = {name: k for k, name in enumerate(header)}
        return [(r[i["date_mutation"]], r[i["type_local"]], Fraction(r[i["valeur_fonciere"]]),
                 Fraction(r[i["surface_reelle_bati"]]), int(r[i["nombre_pieces_principales"]])) for r in reader]


RAW = raw_rows()
NAME = {"flat": "Appartement", "house": "Maison"}


def select(spec):
    t, period, rooms = spec
    out = []
    for day, typ, price, surface, n in RAW:
        y, m = int(day[:4]), int(day[5:7])
        if t != "both" and typ != NAME[t]:
            continue
        if y != period[1]:
            continue
        if period[0] == "quarter" and not 3 * period[2] - 2 <= m <= 3 * period[2]:
            continue
        if period[0] == "month" and m != period[2]:
            continue
        if rooms == "5+" and n < 5 or rooms not in ("all", "5+") and n != rooms:
            continue
        out.append({"price": price, "surface": surface, "m2": price / surface})
    return out


def exact(name, spec):
    rows = select(spec)
    if name == "count":
        return len(rows)
    assert len(rows) >= MIN_SALES
    field = FIELD[name][0]
    vals = [r[field] for r in rows]
    if name in ("q1", "q3"):
        q1, _, q3 = statistics.quantiles(vals, n=4, method="inclusive")
        return q1 if name == "q1" else q3
    return statistics.median(vals)


def verify():
    for value, how in CHECKS:
        if how[0] == "change":
            a, b = exact(how[1], how[2]), exact(how[1], how[3])
            want = 100 * (a - b) / b
        else:
            want = exact(how[0], how[1])
        if how[0] == "count":
            assert value == want, (how, value, want)
        else:
            assert abs(value - float(want)) <= 1e-9 * max(1.0, abs(float(want))), (how, value, float(want))


def check_line(q):
    e = q["expect"]
    assert q["lang"] in ("en", "fr") and q["form"].endswith("_" + q["lang"])
    assert q["kind"] in ("value", "count", "compare", "trend", "relative", "refusal")
    for n in e["numbers"]:
        vals = n["any_of"] if "any_of" in n else [n["value"]]
        assert vals and all(isinstance(v, (int, float)) and math.isfinite(v) for v in vals), q
    for d in e["dates"]:
        date.fromisoformat(d)
    if e["status"] == "answered":
        assert e["numbers"] and q["kind"] != "refusal", q
    else:
        assert e["status"] == "no_data" and not e["numbers"] and not e["dates"] and q["kind"] == "refusal", q


def main():
    verify()
    seen = set()
    lines = []
    for k, q in enumerate(QUESTIONS, 1):
        check_line(q)
        norm = q["question"].strip().lower()
        assert norm not in seen, ("duplicate", q["question"])
        seen.add(norm)
        lines.append(json.dumps({"id": f"hh{k:03d}", **q}, ensure_ascii=False))
    sys.stdout.write("\n".join(lines) + "\n")
    forms = Counter(q["form"] for q in QUESTIONS)
    langs = Counter(q["lang"] for q in QUESTIONS)
    kinds = Counter(q["kind"] for q in QUESTIONS)
    no_data = sum(q["expect"]["status"] == "no_data" for q in QUESTIONS)
    print(f"{len(QUESTIONS)} questions, {len(forms)} forms, "
          f"fr {langs['fr']} / en {langs['en']}, no_data {no_data}, checked numbers {len(CHECKS)}", file=sys.stderr)
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    assert 10 <= no_data <= 12 and 0.45 <= langs["fr"] / len(QUESTIONS) <= 0.55


if __name__ == "__main__":
    main()
