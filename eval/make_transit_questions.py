#!/usr/bin/env python3
"""Write eval/questions_transit.jsonl: questions about the T2C timetable (Clermont-Ferrand, GTFS).

Written before the transit reader existed, by a session that had read neither the reader nor the
question parser. Every expected figure, time and name is computed here from the raw feed
`../shared/data/clermont/gtfs_t2c_2024-01-17_2024-06-30.zip` (standard library only); nothing is
typed by hand except the wordings and the parameters each wording names (line, stop, day, hour,
radius). `python3 eval/make_transit_questions.py` writes the set; `--check` exits 1 when the
committed file differs from what this script writes; `--stdout` prints the set instead of writing it
(the form the loop of scripts/eval uses for the other sets).

Conventions (what a right answer computes)
------------------------------------------
* Service day. A trip runs on a date when its service_id is active that date: calendar.txt's flag
  for the date's weekday, start_date <= date <= end_date, then calendar_dates.txt (which starts with
  a UTF-8 BOM): exception_type 1 adds the service that date, 2 removes it. The feed is valid
  2024-01-17 .. 2024-06-30; a date outside it, or a date without a single trip (Wednesday
  2024-05-01), gets no figure (status "no_data").
* Times. stop_times are offsets from the service day's noon-minus-12h; times past 24:00:00 belong
  to the service day before and are said as the next day's clock time: "24:59:00" is said "00:59".
  Every time in `says` is "HH:MM", zero-padded, 24-hour, the same in French and English. The raw
  form of such a time ("24:59") is put in `forbid`.
* Relative days resolve against `as_of` (the day the question is asked): "aujourd'hui", "today",
  "ce soir", "tonight", or no day said at all = as_of; "demain"/"tomorrow" = as_of + 1;
  "samedi"/"on Saturday" (any weekday name) = the first such day on or after as_of; "en semaine"/"on
  a weekday" = the first Monday-Friday on or after as_of. as_of is null only when the answer does
  not depend on today (explicit 2024 dates, questions about the stops' lines or neighbours with no
  day said, questions that must get no figure).
* Stops. A stop named in a question is every stop of location_type 0 (or empty) whose stop_name,
  folded (accents removed, case folded, every run of characters other than letters and digits
  read as one space), equals the folded published name. The question may word it as people do
  ("place de Jaude", "la gare SNCF", "UCA campus cezeaux"); the plan carries the published name
  ("Jaude", "Gare SNCF", "UCA - Campus Cézeaux"). "Delille" alone is never used: three stops are
  named "Delille ..." (Montlosier, Salford, Trudaine).
* Lines. A line named ("tram A", "la B", "le bus 3", "ligne 20") is the route whose
  route_short_name is that name. "ligne 36" would be route "36" only (route "362" is also called
  "Ligne 36"); no question uses it.
* Departures at a stop: the stop_times of the running trips at the named stops, except the last
  stop of each trip (the arrival at a terminus is not a departure). First / last departure = the
  smallest / largest departure time (as a service-day offset) of the line at the stop on the
  service day, any direction.
* Trips of a line on a date = the number of that route's trips running that date; trips of the
  network = every trip running that date (school lines included).
* Headway at hour H on a date for a line: for each direction_id (0, then 1), the departure times of
  the line's trips at the named stop (or, when no stop is named, each trip's first departure), sorted;
  the gaps in minutes between consecutive departures whose later departure lies in [H:00, H+1:00);
  the headway is the median of those gaps. One number per direction (direction 0 first),
  tolerance 0.5.
* Lines at a stop: the distinct route_short_names of the trips calling at the named stops (any
  stop_time, the terminus included) -- over every trip of the feed when no day is said, over the
  trips running that day when one is. The names go in `says`; their count in `numbers` only when
  the question asks "how many".
* Most / least frequent line on a date: the route(s) with the most / fewest trips running that
  date (routes without a trip that date are not ranked); all tied names in `says`, the count of
  trips in `numbers`.
* Comparisons: both counts in `numbers`, with their difference when the question asks "how many
  more/fewer" ("combien de plus", "by how many").
* Stops near a named stop: the distinct stop_names (location_type 0) other than the named stop's own
  name, with at least one stop within R metres of the named stop's PARENT STATION coordinates
  (location_type 1, the parent of the named stops; haversine, earth radius 6371 km); R is the radius
  the question says, 400 m when it says none. The generator asserts that the set is the same when
  measured from any platform of the named stop (the first one in stops.txt included), so every
  reasonable choice of centre gives the same answer (the radii were chosen so). The three nearest names go in `says`; the count in `numbers` only when the question
  asks "how many".
* Numbers: counts with tolerance 0, minutes with tolerance 0.5.
* Expected plan (`expect.plan`, keys compared one by one): `ask` ("value", "highest"/"lowest" with
  `by: "route"`, "compare"); `transit` = {"measure": "first_departure" | "last_departure" |
  "headway" | "trips" | "lines" | "stops_near", "route" (one named line) or "routes" (two compared),
  "stop" (published name), "hour" (headway), "radius_m" (stops_near)}; `from`/`to` = the service
  date the question resolves to (both the same day); `periods` = [[d1, d1], [d2, d2]] for two dates
  compared. A question that must get no figure carries a plan only when it is unambiguous (a date
  outside the feed, or 1 May, for a known line and stop).
"""

import csv
import datetime
import io
import json
import math
import statistics
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "../shared/data/clermont/gtfs_t2c_2024-01-17_2024-06-30.zip"
OUT = ROOT / "eval" / "questions_transit.jsonl"
FEED_FIRST = datetime.date(2024, 1, 17)
FEED_LAST = datetime.date(2024, 6, 30)
DEFAULT_RADIUS = 400
EARTH_RADIUS_M = 6371000.0
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# ---------------------------------------------------------------- the feed


def _read(zf, name):
    with zf.open(name) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))


def _ymd(text):
    return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _secs(text):
    h, m, s = (int(x) for x in text.split(":"))
    return h * 3600 + m * 60 + s


def fold(name):
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")
    plain = plain.casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


class Feed:
    def __init__(self, path):
        with zipfile.ZipFile(path) as zf:
            self.routes = _read(zf, "routes.txt")
            self.stops = _read(zf, "stops.txt")
            self.trips = _read(zf, "trips.txt")
            self.calendar = _read(zf, "calendar.txt")
            self.calendar_dates = _read(zf, "calendar_dates.txt")
            stop_times = _read(zf, "stop_times.txt")
        assert "service_id" in self.calendar_dates[0], "calendar_dates.txt header not read (BOM?)"
        self.route_name = {r["route_id"]: r["route_short_name"] for r in self.routes}
        self.stop_by_id = {s["stop_id"]: s for s in self.stops}
        calls = defaultdict(list)
        for row in stop_times:
            calls[row["trip_id"]].append(row)
        for rows in calls.values():
            rows.sort(key=lambda r: int(r["stop_sequence"]))
        self.calls = dict(calls)
        self._running = {}

    # -- days
    def active_services(self, date):
        flag = WEEKDAYS[date.weekday()]
        active = {
            c["service_id"]
            for c in self.calendar
            if _ymd(c["start_date"]) <= date <= _ymd(c["end_date"]) and c[flag] == "1"
        }
        for e in self.calendar_dates:
            if _ymd(e["date"]) == date:
                if e["exception_type"] == "1":
                    active.add(e["service_id"])
                elif e["exception_type"] == "2":
                    active.discard(e["service_id"])
        return active

    def running(self, date):
        if date not in self._running:
            services = self.active_services(date)
            self._running[date] = [t for t in self.trips if t["service_id"] in services]
        return self._running[date]

    # -- names
    def route_exists(self, short_name):
        return short_name in self.route_name.values()

    def platforms(self, name):
        key = fold(name)
        return [s for s in self.stops if s["location_type"] in ("0", "") and fold(s["stop_name"]) == key]

    def stop_ids(self, name):
        ids = {s["stop_id"] for s in self.platforms(name)}
        assert ids, f"no stop named {name!r}"
        return ids

    # -- measures
    def departures(self, date, route, stop):
        """(seconds, trip) of the line's departures at the stop on the service day, sorted."""
        ids = self.stop_ids(stop)
        out = []
        for trip in self.running(date):
            if route is not None and self.route_name[trip["route_id"]] != route:
                continue
            for call in self.calls[trip["trip_id"]][:-1]:
                if call["stop_id"] in ids and call["departure_time"]:
                    out.append((_secs(call["departure_time"]), trip["trip_id"], trip))
        out.sort(key=lambda x: (x[0], x[1]))
        return [(s, t) for s, _, t in out]

    def trips_count(self, date, route=None):
        return sum(1 for t in self.running(date) if route is None or self.route_name[t["route_id"]] == route)

    def trips_by_route(self, date):
        return Counter(self.route_name[t["route_id"]] for t in self.running(date))

    def headway(self, date, route, hour, stop=None):
        result = []
        for direction in ("0", "1"):
            if stop is None:
                times = [
                    _secs(self.calls[t["trip_id"]][0]["departure_time"])
                    for t in self.running(date)
                    if self.route_name[t["route_id"]] == route and t["direction_id"] == direction
                ]
            else:
                times = [s for s, t in self.departures(date, route, stop) if t["direction_id"] == direction]
            times.sort()
            gaps = [
                (b - a) / 60.0
                for a, b in zip(times, times[1:])
                if hour * 3600 <= b < (hour + 1) * 3600
            ]
            assert gaps, f"no headway for {route} {stop} {date} {hour}h direction {direction}"
            result.append(float(statistics.median(gaps)))
        return result

    def lines_at(self, stop, date=None):
        ids = self.stop_ids(stop)
        trips = self.trips if date is None else self.running(date)
        names = set()
        for t in trips:
            if any(c["stop_id"] in ids for c in self.calls[t["trip_id"]]):
                names.add(self.route_name[t["route_id"]])
        return sorted(names, key=route_order)

    def stops_near(self, stop, radius):
        platforms = self.platforms(stop)
        parents = {p["parent_station"] for p in platforms}
        assert len(parents) == 1 and "" not in parents, f"{stop}: parents {parents}"
        parent = self.stop_by_id[parents.pop()]
        assert parent["location_type"] == "1" and fold(parent["stop_name"]) == fold(stop)
        own = fold(stop)

        def within(lat, lon):
            best = {}
            for s in self.stops:
                if s["location_type"] not in ("0", "") or fold(s["stop_name"]) == own:
                    continue
                d = haversine(lat, lon, float(s["stop_lat"]), float(s["stop_lon"]))
                if d <= radius and d < best.get(s["stop_name"], math.inf):
                    best[s["stop_name"]] = d
            return sorted(best, key=lambda n: (best[n], n))

        names = within(float(parent["stop_lat"]), float(parent["stop_lon"]))
        for platform in platforms:
            other = within(float(platform["stop_lat"]), float(platform["stop_lon"]))
            assert sorted(names) == sorted(other), f"{stop} {radius} m depends on the centre: {names} / {other}"
        return names


def route_order(name):
    return (0, int(name), name) if name.isdigit() else (1, 0, name)


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def said(seconds):
    """A service-day offset as the clock time a person says: 24:59 -> "00:59"."""
    seconds %= 86400
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"


def raw(seconds):
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"


# ---------------------------------------------------------------- days


def day(text):
    return datetime.date.fromisoformat(text)


def resolve(as_of, when):
    """The service date a question's day resolves to. `when` is an ISO date or a relative word."""
    if when[:1].isdigit():
        return day(when)
    base = day(as_of)
    if when == "today":
        return base
    if when == "tomorrow":
        return base + datetime.timedelta(days=1)
    if when == "weekday":
        d = base
        while d.weekday() > 4:
            d += datetime.timedelta(days=1)
        return d
    target = WEEKDAYS.index(when)
    return base + datetime.timedelta(days=(target - base.weekday()) % 7)


# ---------------------------------------------------------------- expectations

F = None  # the Feed, loaded in main()


def in_feed(d):
    return FEED_FIRST <= d <= FEED_LAST and F.trips_count(d) > 0


def num(value, tolerance):
    return {"value": float(value), "tolerance": float(tolerance)}


def count(value):
    return num(value, 0)


def expect(numbers=(), says=(), forbid=(), plan=None, status="answered"):
    out = {
        "status": status,
        "numbers": list(numbers),
        "dates": [],
        "says": list(says),
        "forbid": sorted(set(forbid)),
    }
    if plan is not None:
        out["plan"] = plan
    return out


def plan_day(ask, transit, d, **extra):
    p = {"ask": ask, "transit": transit, "from": d.isoformat(), "to": d.isoformat()}
    p.update(extra)
    return p


def x_departure(which, route, stop, d, others=()):
    """First or last departure; `others` are dates whose (different) answer a misread would give."""
    assert in_feed(d), d
    deps = F.departures(d, route, stop)
    assert deps, (route, stop, d)
    secs = deps[0][0] if which == "first" else deps[-1][0]
    forbid = []
    if secs >= 86400:
        forbid.append(raw(secs))
    for o in others:
        od = F.departures(o, route, stop)
        osecs = od[0][0] if which == "first" else od[-1][0]
        if said(osecs) != said(secs):
            forbid.append(said(osecs))
    transit = {"measure": f"{which}_departure", "route": route, "stop": stop}
    return expect(says=[said(secs)], forbid=forbid, plan=plan_day("value", transit, d))


def x_headway(route, hour, d, stop=None):
    assert in_feed(d), d
    values = F.headway(d, route, hour, stop)
    transit = {"measure": "headway", "route": route}
    if stop is not None:
        transit["stop"] = stop
    transit["hour"] = hour
    return expect(numbers=[num(v, 0.5) for v in values], plan=plan_day("value", transit, d))


def x_trips(d, route=None, others=()):
    assert in_feed(d), d
    n = F.trips_count(d, route)
    forbid = [str(F.trips_count(o, route)) for o in others if F.trips_count(o, route) != n]
    transit = {"measure": "trips"}
    if route is not None:
        transit["route"] = route
    return expect(numbers=[count(n)], forbid=forbid, plan=plan_day("value", transit, d))


def x_lines(stop, d=None, how_many=False):
    if d is not None:
        assert in_feed(d), d
    names = F.lines_at(stop, d)
    assert names, stop
    transit = {"measure": "lines", "stop": stop}
    if d is None:
        plan = {"ask": "value", "transit": transit}
    else:
        plan = plan_day("value", transit, d)
    return expect(numbers=[count(len(names))] if how_many else [], says=names, plan=plan)


def x_compare_days(d1, d2, route=None, diff=False):
    assert in_feed(d1) and in_feed(d2)
    a, b = F.trips_count(d1, route), F.trips_count(d2, route)
    assert a != b
    numbers = [count(a), count(b)] + ([count(abs(a - b))] if diff else [])
    transit = {"measure": "trips"}
    if route is not None:
        transit["route"] = route
    plan = {"ask": "compare", "transit": transit,
            "periods": [[d1.isoformat(), d1.isoformat()], [d2.isoformat(), d2.isoformat()]]}
    return expect(numbers=numbers, plan=plan)


def x_compare_routes(d, r1, r2, diff=False):
    assert in_feed(d)
    a, b = F.trips_count(d, r1), F.trips_count(d, r2)
    assert a and b and a != b
    numbers = [count(a), count(b)] + ([count(abs(a - b))] if diff else [])
    says = [r1 if a > b else r2]
    return expect(numbers=numbers, says=says,
                  plan=plan_day("compare", {"measure": "trips", "routes": [r1, r2]}, d))


def x_extreme(which, d):
    assert in_feed(d)
    by = F.trips_by_route(d)
    target = max(by.values()) if which == "highest" else min(by.values())
    names = sorted((r for r, n in by.items() if n == target), key=route_order)
    return expect(numbers=[count(target)], says=names,
                  plan=plan_day(which, {"measure": "trips"}, d, by="route"))


def x_near(stop, radius=None, how_many=False):
    r = DEFAULT_RADIUS if radius is None else radius
    names = F.stops_near(stop, r)
    assert names, (stop, r)
    return expect(numbers=[count(len(names))] if how_many else [], says=names[:3],
                  plan={"ask": "value", "transit": {"measure": "stops_near", "stop": stop, "radius_m": r}})


def x_none(plan=None, forbid=()):
    return expect(status="no_data", forbid=forbid, plan=plan)


def x_none_day(d, transit, ask="value", forbid=()):
    """A question for a known line/stop on a day without any figure (outside the feed, or no trip)."""
    assert not in_feed(d), d
    return x_none(plan=plan_day(ask, transit, d), forbid=forbid)


# ---------------------------------------------------------------- the questions


def questions():
    """(form, kind, lang, question, as_of, expect) for the single questions, in order."""
    R = resolve
    Q = []

    def q(form, kind, lang, text, as_of, exp):
        Q.append((form, kind, lang, text, as_of, exp))

    # -- first / last departures
    q("last_tram_weekday_name", "last_departure", "fr",
      "a quelle heure passe le dernier tram A a Jaude samedi soir ?", "2024-03-13",
      x_departure("last", "A", "Jaude", R("2024-03-13", "saturday")))
    q("first_tram_explicit_date", "first_departure", "en",
      "first tram from Jaude on 16 March 2024", None,
      x_departure("first", "A", "Jaude", day("2024-03-16")))
    q("first_tram_terse_sunday", "first_departure", "fr",
      "premier tram place de jaude dimanche", "2024-03-13",
      x_departure("first", "A", "Jaude", R("2024-03-13", "sunday"), others=[R("2024-03-13", "today")]))
    q("first_bus_from_stop_weekday", "first_departure", "fr",
      "À quelle heure part le premier bus 3 des Vergnes en semaine ?", "2024-03-24",
      x_departure("first", "3", "Les Vergnes", R("2024-03-24", "weekday")))
    q("last_bus_tonight", "last_departure", "en",
      "what time is the last B at Gare SNCF tonight?", "2024-05-14",
      x_departure("last", "B", "Gare SNCF", R("2024-05-14", "today")))
    q("last_bus_explicit_date", "last_departure", "fr",
      "dernier bus C a Maison de la Culture le vendredi 7 juin 2024", None,
      x_departure("last", "C", "Maison de la Culture", day("2024-06-07")))
    q("first_bus_sunday_explicit", "first_departure", "fr",
      "le premier bus B le dimanche 17 mars a la gare sncf c'est a quelle heure ?", "2024-03-13",
      x_departure("first", "B", "Gare SNCF", day("2024-03-17"), others=[day("2024-03-13")]))
    q("last_tram_terminus_sunday", "last_departure", "en",
      "When does the last tram leave La Pardieu Gare on Sunday?", "2024-06-05",
      x_departure("last", "A", "La Pardieu Gare", R("2024-06-05", "sunday")))
    q("first_tram_tomorrow", "first_departure", "fr",
      "premier tram demain matin a l'arret UCA campus cezeaux ?", "2024-03-13",
      x_departure("first", "A", "UCA - Campus Cézeaux", R("2024-03-13", "tomorrow")))
    q("last_bus_weekday", "last_departure", "en",
      "last bus 5 from Gaillard on a weekday?", "2024-06-12",
      x_departure("last", "5", "Gaillard", R("2024-06-12", "weekday")))
    q("first_tram_holiday", "first_departure", "fr",
      "premier tram A a La Pardieu Gare le lundi 1er avril 2024 (lundi de paques) ?", None,
      x_departure("first", "A", "La Pardieu Gare", day("2024-04-01"), others=[day("2024-04-02")]))
    q("first_tram_holiday_en", "first_departure", "en",
      "What time's the first tram at Hotel de Ville on 8 May 2024?", None,
      x_departure("first", "A", "Hôtel de Ville", day("2024-05-08"), others=[day("2024-05-07")]))
    q("last_bus_day_month_no_year", "last_departure", "fr",
      "dernier bus 4 gare sncf samedi 22 juin", "2024-06-12",
      x_departure("last", "4", "Gare SNCF", day("2024-06-22"), others=[day("2024-06-12")]))
    q("last_tram_past_midnight", "last_departure", "fr",
      "c'est quoi le dernier tram qui part de Gaillard le 30 juin 2024 ?", None,
      x_departure("last", "A", "Gaillard", day("2024-06-30")))
    q("first_bus_saturday_en", "first_departure", "en",
      "What time does the first line C bus leave Tamaris on Saturday?", "2024-04-03",
      x_departure("first", "C", "Tamaris", R("2024-04-03", "saturday"), others=[day("2024-04-03")]))
    q("first_bus_typo", "first_departure", "fr",
      "premeir bus 20 a l'aeroport mardi 12 mars 2024 ??", None,
      x_departure("first", "20", "Aéroport", day("2024-03-12")))
    q("last_tram_chatty_en", "last_departure", "en",
      "hey, going out in town tomorrow night, what's the last tram A from Jaude?", "2024-05-17",
      x_departure("last", "A", "Jaude", R("2024-05-17", "tomorrow")))
    q("last_bus_terse_today", "last_departure", "fr",
      "dernier 3 delille salford aujourd'hui", "2024-04-07",
      x_departure("last", "3", "Delille Salford", R("2024-04-07", "today"), others=[day("2024-04-08")]))

    # -- headways
    q("how_often_weekday_hour", "headway", "en",
      "how often does the B run at 8 am on a weekday?", "2024-03-13",
      x_headway("B", 8, R("2024-03-13", "weekday")))
    q("frequence_stop_weekday", "headway", "fr",
      "frequence du tram A a jaude vers 8h en semaine", "2024-03-24",
      x_headway("A", 8, R("2024-03-24", "weekday"), "Jaude"))
    q("tous_les_combien_saturday_evening", "headway", "fr",
      "Toutes les combien de minutes passe le tram à Jaude le samedi à 21h ?", "2024-03-13",
      x_headway("A", 21, R("2024-03-13", "saturday"), "Jaude"))
    q("frequency_explicit_sunday", "headway", "en",
      "tram A frequency at Jaude on Sunday 17 March 2024 around 2pm", None,
      x_headway("A", 14, day("2024-03-17"), "Jaude"))
    q("tous_les_combien_line_date", "headway", "fr",
      "la C passe tous les combien a 17h mardi 12 mars 2024", None,
      x_headway("C", 17, day("2024-03-12")))
    q("intervalle_stop_weekday", "headway", "fr",
      "intervalle entre deux bus B a la gare SNCF a 17h un jour de semaine ?", "2024-05-14",
      x_headway("B", 17, R("2024-05-14", "weekday"), "Gare SNCF"))
    q("how_frequent_noon", "headway", "en",
      "how frequent is tram A at UCA Campus Cezeaux at noon on 12 March 2024?", None,
      x_headway("A", 12, day("2024-03-12"), "UCA - Campus Cézeaux"))
    q("headway_terse_en", "headway", "en",
      "B line headway saturday 3pm", "2024-06-05",
      x_headway("B", 15, R("2024-06-05", "saturday")))
    q("tous_les_combien_holidays", "headway", "fr",
      "pendant les vacances, le tram A passe tous les combien a Jaude a 8h ? par ex le mardi 16 avril 2024",
      None, x_headway("A", 8, day("2024-04-16"), "Jaude"))
    q("ya_un_bus_toutes_les", "headway", "fr",
      "ligne 3 a 8h en semaine, y en a un toutes les combien ?", "2024-06-04",
      x_headway("3", 8, R("2024-06-04", "weekday")))
    q("wait_time_en", "headway", "en",
      "how often does the C come through Maison de la Culture around 8 this morning?",
      "2024-03-12", x_headway("C", 8, R("2024-03-12", "today"), "Maison de la Culture"))

    # -- lines at a stop
    q("quelles_lignes", "lines", "fr", "quelles lignes passent a Gaillard ?", None, x_lines("Gaillard"))
    q("which_lines", "lines", "en", "which lines stop at Gare SNCF?", None, x_lines("Gare SNCF"))
    q("combien_de_lignes", "lines", "fr",
      "Combien de lignes desservent l'arrêt Maison de la Culture ?", None,
      x_lines("Maison de la Culture", how_many=True))
    q("lines_on_sunday", "lines", "en", "what lines serve Delille Salford on a Sunday?", "2024-03-13",
      x_lines("Delille Salford", R("2024-03-13", "sunday")))
    q("c_quoi_les_lignes", "lines", "fr", "c quoi les lignes a l'arret 1er mai", None, x_lines("1er Mai"))
    q("lines_terse_en", "lines", "en", "lines at La Pardieu Gare", None, x_lines("La Pardieu Gare"))
    q("lignes_date", "lines", "fr", "quelles lignes passent a l'Esplanade le samedi 16 mars 2024 ?", None,
      x_lines("Esplanade", day("2024-03-16")))
    q("how_many_lines_en", "lines", "en", "How many different bus and tram lines call at Delille Trudaine?",
      None, x_lines("Delille Trudaine", how_many=True))

    # -- trips
    q("network_trips_date", "trips", "en", "how many trips does the network run on Tuesday 12 March 2024?",
      None, x_trips(day("2024-03-12")))
    q("courses_reseau_date", "trips", "fr", "combien de courses sur tout le reseau le samedi 16 mars 2024",
      None, x_trips(day("2024-03-16")))
    q("trajets_numeric_date", "trips", "fr", "nombre de trajets dimanche 17/03/2024", None,
      x_trips(day("2024-03-17")))
    q("tram_trips_today", "trips", "en", "How many tram A trips today?", "2024-05-14",
      x_trips(R("2024-05-14", "today"), "A"))
    q("bus_trips_tomorrow", "trips", "fr", "combien de bus B circulent demain ?", "2024-03-13",
      x_trips(R("2024-03-13", "tomorrow"), "B"))
    q("passages_saturday", "trips", "fr", "combien de passages de la ligne C le samedi ?", "2024-06-05",
      x_trips(R("2024-06-05", "saturday"), "C", others=[day("2024-06-05")]))
    q("line_trips_school_holiday", "trips", "en", "number of line 20 trips on 18 April 2024", None,
      x_trips(day("2024-04-18"), "20", others=[day("2024-04-11")]))
    q("trams_easter_monday", "trips", "fr", "combien de trams le lundi de paques, le 1er avril 2024 ?", None,
      x_trips(day("2024-04-01"), "A", others=[day("2024-04-02")]))
    q("network_ascension", "trips", "en", "total trips on the T2C network on 9 May 2024 (Ascension Day)?",
      None, x_trips(day("2024-05-09"), others=[day("2024-05-16")]))
    q("voyages_line_date", "trips", "fr", "combien de voyages pour la ligne 3 le jeudi 20 juin 2024", None,
      x_trips(day("2024-06-20"), "3"))
    q("bus_count_chatty", "trips", "fr",
      "slt, je voulais savoir combien de bus 4 roulent ce dimanche", "2024-04-10",
      x_trips(R("2024-04-10", "sunday"), "4", others=[day("2024-04-10")]))

    # -- comparisons
    q("how_many_more_weekday_sunday", "compare", "en",
      "how many more trips on a weekday than on a Sunday?", "2024-03-12",
      x_compare_days(R("2024-03-12", "weekday"), R("2024-03-12", "sunday"), diff=True))
    q("plus_samedi_ou_dimanche", "compare", "fr",
      "y a t il plus de bus le samedi 16 mars ou le dimanche 17 mars 2024 ?", None,
      x_compare_days(day("2024-03-16"), day("2024-03-17")))
    q("combien_en_moins_vacances", "compare", "fr",
      "combien de trams A en moins le mardi 16 avril 2024 (vacances) par rapport au mardi 9 avril 2024 ?",
      None, x_compare_days(day("2024-04-16"), day("2024-04-09"), "A", diff=True))
    q("tram_vs_bus_by_how_many", "compare", "en",
      "Does tram A run more trips than line B on Saturday 16 March 2024? By how many?", None,
      x_compare_routes(day("2024-03-16"), "A", "B", diff=True))
    q("b_ou_c", "compare", "fr",
      "ligne B ou ligne C, laquelle a le plus de passages le mardi 12 mars 2024 ?", None,
      x_compare_routes(day("2024-03-12"), "B", "C"))
    q("compare_two_dates_en", "compare", "en",
      "compare the number of trips on the whole network between Wednesday 13 March and Thursday 14 March 2024",
      None, x_compare_days(day("2024-03-13"), day("2024-03-14"), diff=True))
    q("line_weekday_vs_sunday", "compare", "en",
      "how many more line 3 trips on weekdays than on Sundays?", "2024-06-04",
      x_compare_days(R("2024-06-04", "weekday"), R("2024-06-04", "sunday"), "3", diff=True))
    q("ecart_samedi_dimanche", "compare", "fr",
      "quel ecart de nombre de courses du tram A entre samedi et dimanche ?", "2024-05-22",
      x_compare_days(R("2024-05-22", "saturday"), R("2024-05-22", "sunday"), "A", diff=True))

    # -- most / least frequent line
    q("plus_frequente_date", "most_frequent", "fr", "quelle est la ligne la plus frequente le dimanche 17 mars 2024 ?",
      None, x_extreme("highest", day("2024-03-17")))
    q("least_frequent_date", "least_frequent", "en", "least frequent line on Sunday 17 March 2024", None,
      x_extreme("lowest", day("2024-03-17")))
    q("most_trips_saturday", "most_frequent", "en", "Which line has the most trips on Saturday?", "2024-04-03",
      x_extreme("highest", R("2024-04-03", "saturday")))
    q("moins_frequente_samedi", "least_frequent", "fr",
      "la ligne la moins frequente le samedi 16 mars 2024 c'est laquelle ?", None,
      x_extreme("lowest", day("2024-03-16")))
    q("least_frequent_holidays", "least_frequent", "en", "what was the least frequent line on 16 April 2024?",
      None, x_extreme("lowest", day("2024-04-16")))
    q("plus_de_courses_ferie", "most_frequent", "fr", "quelle ligne a le plus de courses le 9 mai 2024", None,
      x_extreme("highest", day("2024-05-09")))

    # -- stops near
    q("arrets_moins_de", "stops_near", "fr", "arrets a moins de 350 m de la place de Jaude", None,
      x_near("Jaude", 350))
    q("stops_near_default", "stops_near", "en", "what stops are near Hotel de Ville?", None,
      x_near("Hôtel de Ville"))
    q("how_many_stops_within", "stops_near", "en", "how many stops within 450 m of Maison de la Culture?",
      None, x_near("Maison de la Culture", 450, how_many=True))
    q("arrets_rayon", "stops_near", "fr",
      "y a quoi comme arrets pres de Delille Montlosier dans un rayon de 250m", None,
      x_near("Delille Montlosier", 250))
    q("combien_arrets_metres", "stops_near", "fr", "combien d'arrets a moins de 500 metres de UCA campus cezeaux ?",
      None, x_near("UCA - Campus Cézeaux", 500, how_many=True))
    q("stops_close_to", "stops_near", "en", "stops within 500m of Gaillard", None, x_near("Gaillard", 500))
    q("arrets_pres_gare", "stops_near", "fr", "c'est quoi l'arret le plus proche de la gare sncf, a 250 m ?", None,
      x_near("Gare SNCF", 250))
    q("stops_near_default_fr", "stops_near", "fr", "arrets proches de Montferrand La Fontaine", None,
      x_near("Montferrand La Fontaine"))
    q("arrets_autour", "stops_near", "fr", "arrets autour de l'hotel de ville, 200 m max", None,
      x_near("Hôtel de Ville", 200))

    # -- no figure
    sat = day("2024-03-16")
    q("retard_temps_reel", "no_data", "fr", "le tram A a du retard la ?", None, x_none())
    q("disruptions_now", "no_data", "en", "are there any disruptions on line B right now?", None, x_none())
    q("perturbations_aujourdhui", "no_data", "fr", "y a-t-il des perturbations sur le reseau t2c aujourd'hui ?",
      None, x_none())
    q("prix_ticket", "no_data", "fr", "combien coute un ticket de bus t2c ?", None, x_none())
    q("day_pass_price", "no_data", "en", "how much is a day pass on T2C?", None, x_none())
    q("date_after_feed", "no_data", "fr", "dernier tram A a Jaude le 14 juillet 2024", None,
      x_none_day(day("2024-07-14"), {"measure": "last_departure", "route": "A", "stop": "Jaude"},
                 forbid=[said(F.departures(day("2024-06-30"), "A", "Jaude")[-1][0]),
                         raw(F.departures(day("2024-06-30"), "A", "Jaude")[-1][0])]))
    q("date_before_feed", "no_data", "en", "first bus B from Gare SNCF on 15 December 2023", None,
      x_none_day(day("2023-12-15"), {"measure": "first_departure", "route": "B", "stop": "Gare SNCF"},
                 forbid=[said(F.departures(day("2024-01-19"), "B", "Gare SNCF")[0][0])]))
    q("holiday_no_service_network", "no_data", "fr", "combien de trajets sur le reseau le 1er mai 2024 ?", None,
      x_none_day(day("2024-05-01"), {"measure": "trips"},
                 forbid=[str(F.trips_count(day("2024-05-08"))), str(F.trips_count(day("2024-05-15")))]))
    q("holiday_no_service_first", "no_data", "en", "first tram at Jaude on May 1st 2024", None,
      x_none_day(day("2024-05-01"), {"measure": "first_departure", "route": "A", "stop": "Jaude"},
                 forbid=[said(F.departures(day("2024-05-08"), "A", "Jaude")[0][0]),
                         said(F.departures(day("2024-04-30"), "A", "Jaude")[0][0])]))
    assert not F.route_exists("6") and not F.route_exists("17")
    q("unknown_line_fr", "no_data", "fr", "premier bus 6 a Jaude samedi", "2024-03-13",
      x_none(forbid=[said(F.departures(sat, "A", "Jaude")[0][0])]))
    q("unknown_line_en", "no_data", "en", "when is the last bus 17 from Gare SNCF tonight?", "2024-05-14",
      x_none(forbid=[said(F.departures(day("2024-05-14"), "B", "Gare SNCF")[-1][0])]))
    assert not F.platforms("Victoire") and not F.platforms("Vulcania")
    q("unknown_stop_fr", "no_data", "fr", "quelles lignes passent a l'arret Victoire ?", None, x_none())
    q("unknown_stop_en", "no_data", "en", "first tram from Vulcania on Saturday", "2024-03-13",
      x_none(forbid=[said(F.departures(sat, "A", "Jaude")[0][0])]))
    q("next_tram_now", "no_data", "en", "next tram at Jaude?", None, x_none())
    q("christmas_2023", "no_data", "en", "How many trips did T2C run on Christmas Day 2023?", None,
      x_none_day(day("2023-12-25"), {"measure": "trips"},
                 forbid=[str(F.trips_count(day("2024-03-17")))]))
    q("month_after_feed", "no_data", "fr", "combien de trams A le vendredi 5 juillet 2024 ?", None,
      x_none_day(day("2024-07-05"), {"measure": "trips", "route": "A"},
                 forbid=[str(F.trips_count(day("2024-06-28"), "A"))]))
    return Q


def conversations():
    """(form, lang, as_of, [(question, lang, expect), ...])."""
    R = resolve
    C = []
    a = "2024-03-13"
    sat, sun = R(a, "saturday"), R(a, "sunday")
    C.append(("last_then_first_then_sunday", "fr", a, [
        ("dernier tram A a Jaude samedi ?", "fr", x_departure("last", "A", "Jaude", sat)),
        ("et le premier ?", "fr", x_departure("first", "A", "Jaude", sat)),
        ("et dimanche ?", "fr", x_departure("first", "A", "Jaude", sun, others=[sat])),
    ]))
    a = "2024-05-14"
    C.append(("headway_then_sunday_then_hour", "en", a, [
        ("how often does the B run at 8 am on a weekday?", "en", x_headway("B", 8, R(a, "weekday"))),
        ("and on Sunday?", "en", x_headway("B", 8, R(a, "sunday"))),
        ("what about at 6 pm?", "en", x_headway("B", 18, R(a, "sunday"))),
    ]))
    C.append(("trips_then_other_line_then_day", "fr", None, [
        ("combien de trajets pour le tram A le mardi 12 mars 2024 ?", "fr", x_trips(day("2024-03-12"), "A")),
        ("et pour la ligne B ?", "fr", x_trips(day("2024-03-12"), "B")),
        ("et le dimanche 17 ?", "fr", x_trips(day("2024-03-17"), "B", others=[day("2024-03-12")])),
    ]))
    a = "2024-06-05"
    tomorrow = R(a, "tomorrow")
    C.append(("first_then_other_stop_then_last", "en", a, [
        ("first tram A at Gaillard tomorrow?", "en", x_departure("first", "A", "Gaillard", tomorrow)),
        ("what about Jaude?", "en", x_departure("first", "A", "Jaude", tomorrow)),
        ("and the last one?", "en", x_departure("last", "A", "Jaude", tomorrow)),
    ]))
    a = "2024-04-24"
    C.append(("trips_today_then_may_day", "fr", a, [
        ("combien de courses sur le reseau aujourd'hui ?", "fr", x_trips(R(a, "today"))),
        ("et le 1er mai ?", "fr", x_none_day(day("2024-05-01"), {"measure": "trips"},
                                             forbid=[str(F.trips_count(day("2024-05-08")))])),
        ("et le 2 mai ?", "fr", x_trips(day("2024-05-02"))),
    ]))
    C.append(("network_then_day_after_then_most", "en", None, [
        ("how many trips on the network on Saturday 16 March 2024?", "en", x_trips(day("2024-03-16"))),
        ("and the day after?", "en", x_trips(day("2024-03-17"))),
        ("which line ran the most that day?", "en", x_extreme("highest", day("2024-03-17"))),
    ]))
    C.append(("lines_then_other_stop_then_near", "fr", None, [
        ("quelles lignes desservent l'arret Gaillard ?", "fr", x_lines("Gaillard")),
        ("et Delille Montlosier ?", "fr", x_lines("Delille Montlosier")),
        ("et les arrets a moins de 250 m de la ?", "fr", x_near("Delille Montlosier", 250)),
    ]))
    a = "2024-06-12"
    wed, sat2 = R(a, "today"), R(a, "saturday")
    C.append(("last_then_saturday_then_july", "en", a, [
        ("last line C bus from Maison de la Culture tonight?", "en",
         x_departure("last", "C", "Maison de la Culture", wed)),
        ("and on Saturday?", "en", x_departure("last", "C", "Maison de la Culture", sat2, others=[wed])),
        ("and on Saturday 6 July?", "en",
         x_none_day(day("2024-07-06"), {"measure": "last_departure", "route": "C", "stop": "Maison de la Culture"},
                    forbid=[said(F.departures(sat2, "C", "Maison de la Culture")[-1][0])])),
    ]))
    a = "2024-05-14"
    C.append(("headway_today_then_sunday_then_hour", "fr", a, [
        ("le tram A passe tous les combien a Jaude a 17h aujourd'hui ?", "fr",
         x_headway("A", 17, R(a, "today"), "Jaude")),
        ("et dimanche ?", "fr", x_headway("A", 17, R(a, "sunday"), "Jaude")),
        ("et a 22h ?", "fr", x_headway("A", 22, R(a, "sunday"), "Jaude")),
    ]))
    a = "2024-03-20"
    C.append(("realtime_then_timetable", "en", a, [
        ("Is tram A running late right now?", "en", x_none()),
        ("ok, when's the last one from Jaude tonight then?", "en", x_departure("last", "A", "Jaude", R(a, "today"))),
    ]))
    C.append(("least_then_most_then_day_before", "fr", None, [
        ("la ligne la moins frequente le dimanche 17 mars 2024 ?", "fr", x_extreme("lowest", day("2024-03-17"))),
        ("et la plus frequente ?", "fr", x_extreme("highest", day("2024-03-17"))),
        ("et le samedi d'avant ?", "fr", x_extreme("highest", day("2024-03-16"))),
    ]))
    a = "2024-03-13"
    C.append(("compare_then_other_days", "en", a, [
        ("how many more trips on a weekday than on a Sunday?", "en",
         x_compare_days(R(a, "weekday"), R(a, "sunday"), diff=True)),
        ("and Saturday vs Sunday?", "en", x_compare_days(R(a, "saturday"), R(a, "sunday"), diff=True)),
    ]))
    C.append(("price_then_first_bus", "fr", "2024-06-19", [
        ("c'est combien un carnet de 10 tickets ?", "fr", x_none()),
        ("bon et le premier bus B a la gare sncf demain ?", "fr",
         x_departure("first", "B", "Gare SNCF", R("2024-06-19", "tomorrow"))),
    ]))
    return C


# ---------------------------------------------------------------- checks against the README's facts


def check_facts():
    assert F.trips_count(day("2024-03-12")) == 2157
    assert F.trips_count(day("2024-03-16")) == 1581
    assert F.trips_count(day("2024-03-17")) == 535
    assert F.trips_count(day("2024-05-01")) == 0
    jaude = F.departures(day("2024-03-16"), "A", "Jaude")
    assert len(jaude) == 217, len(jaude)
    assert said(jaude[0][0]) == "04:39" and raw(jaude[-1][0]) == "24:59", (jaude[0][0], jaude[-1][0])
    assert said(jaude[-1][0]) == "00:59"
    assert len(F.routes) == 55 and len(F.stops) == 2333 and len(F.trips) == 6810
    assert sum(len(v) for v in F.calls.values()) == 201178
    assert len(F.calendar_dates) == 1424
    # resolution of relative days
    assert resolve("2024-03-13", "saturday") == day("2024-03-16")
    assert resolve("2024-03-16", "saturday") == day("2024-03-16")
    assert resolve("2024-03-24", "weekday") == day("2024-03-25")
    assert fold("UCA campus cezeaux") == fold("UCA - Campus Cézeaux")


# ---------------------------------------------------------------- output


def build():
    lines = []
    n = 0
    for form, kind, lang, text, as_of, exp in questions():
        n += 1
        lines.append({"id": f"tr{n:03d}", "form": form, "kind": kind, "lang": lang, "question": text,
                      "as_of": as_of, "expect": exp})
    for form, lang, as_of, turns in conversations():
        n += 1
        lines.append({"id": f"tr{n:03d}", "form": form, "kind": "followup", "lang": lang, "as_of": as_of,
                      "turns": [{"question": t, "lang": l, "expect": e} for t, l, e in turns]})
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


def main(argv):
    global F
    F = Feed(FEED)
    check_facts()
    text = build()
    if "--stdout" in argv:  # the form scripts/eval's loop uses: `python3 eval/<generator>.py > file`
        sys.stdout.write(text)
        return 0
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
        if current != text:
            print(f"{OUT.relative_to(ROOT)} differs from what {Path(__file__).name} writes", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
