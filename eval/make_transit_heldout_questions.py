#!/usr/bin/env python3
"""Write eval/questions_transit_heldout.jsonl: held-out questions about the T2C timetable.

Written on 2026-12-07 by a session that had read neither the transit reader (src/), nor the tests,
nor the prompts, nor the first transit set (eval/questions_transit.jsonl) or any other question set,
nor any generator but the docstring of eval/make_transit_questions.py (its first 73 lines, which
define the conventions) -- so that the set measures how the reader handles wordings it has never
seen: typos and missing accents, terse and SMS forms, long polite forms, synonyms (tramway,
navette, passage, fréquence, "toutes les combien", "how frequent", services), stops worded
loosely, dates said in many ways (holidays named, day and month without a year, relative days),
and follow-ups that change the day, the line, the stop, the hour or the measure.

Every expected figure, time and name is computed here from the raw feed
`../shared/data/clermont/gtfs_t2c_2024-01-17_2024-06-30.zip` with the standard library only;
nothing is typed by hand except the wordings and the parameters each wording names (line, stop,
date, hour, radius). Holidays are computed (Easter by the Gregorian computus; Easter Monday = Easter
+ 1, Ascension = Easter + 39, Whit Monday = Easter + 50), not typed.

    python3 eval/make_transit_heldout_questions.py            # writes eval/questions_transit_heldout.jsonl
    python3 eval/make_transit_heldout_questions.py --stdout   # prints the set instead
    python3 eval/make_transit_heldout_questions.py --check    # exits 1 when the committed file differs

Conventions
-----------
Those of eval/make_transit_questions.py's docstring, applied as written there (service days from
calendar.txt and calendar_dates.txt; times past 24:00:00 said as the next day's clock time, "00:59",
with the raw "24:59" in `forbid`; stop names folded -- accents removed, case folded, every run of
characters other than letters and digits read as one space -- and the plan carrying the published
name; departures without each trip's last stop; first / last departure = smallest / largest
service-day offset, any direction; headway at hour H = for direction_id 0 then 1, the median of the
gaps between consecutive departures whose later departure lies in [H:00, H+1:00), at the named stop
or, with no stop named, at each trip's first stop, tolerance 0.5; lines at a stop over every trip of
the feed when no day is said, over that day's trips when one is, the count in `numbers` only for
"how many"; most / least frequent line = the route(s) with the most / fewest trips that day among
routes that run, all tied names in `says` and the count in `numbers`; comparisons give both counts,
plus their difference for "how many more"; stops near = the distinct stop_names other than the
stop's own within R metres (haversine, 6371 km) of the named stop's parent station, R = 400 when
none is said, the three nearest in `says`, the count only for "how many"; counts tolerance 0,
minutes 0.5). A date outside 2024-01-17 .. 2024-06-30, or a date without a single trip (Wednesday
2024-05-01), gets no figure.

What this set had to decide on its own (the docstring does not say):

* `numbers` holds objects {"value": v, "tolerance": t} (tolerance 0 for counts, 0.5 for minutes);
  `dates` is always empty (the day is checked through the plan).
* Relative days, against `as_of`: no day said, "today", "ce soir", "tonight", "là", "now" = as_of;
  "demain"/"tomorrow" = as_of + 1; a weekday name alone ("samedi", "this Sunday", "on Sundays",
  "sat") = the first such day ON OR AFTER as_of; "next Saturday", "samedi prochain" = the first
  such day STRICTLY AFTER as_of (asked on a Wednesday or Thursday: that week's Saturday; asked on a
  Saturday: the Saturday a week later); "on a weekday" = the first Monday-Friday on or after
  as_of (the docstring's "en semaine"); a day and month without a year
  ("le 16/03", "le 2 mai") = the first such date on or after as_of; a holiday without a year
  ("lundi de Pâques", "Ascension Day") = the first one on or after as_of; with "2024" the as_of is
  null.
* Hours: "à 7h", "7am" = hour 7; "vers 8h", "à 8h" = 8; "vers 10h" = 10; "around 5:30 pm" = 17 (the
  hour the time falls in); "à midi" = 12; "à 18h" = 18; "à 20h" = 20; "between 4 and 5 pm" = 16. No
  vaguer period ("en début de soirée", "rush hour") is asked for a figure.
* Stops near with fewer than three names within R: all of them in `says`.
* "1er Mai" is also a stop (of lines A, B, 3, 4, 28): "l'arrêt 1er Mai", "the 1er Mai stop" name
  the stop, never the day; "le 1er mai 2024" is the day.
* "le tram", "tramway", "the tram" with no letter = route A (the feed's only route of route_type 0).
  "la navette Montjuzet" = route 41, whose route_long_name is "Navette Montjuzet" (the only route
  of that long name).
* Loose stop wordings are used only when exactly one published stop name contains the words
  that identify it (the generator asserts it): "place de Jaude" (Jaude), "la gare SNCF" (Gare SNCF),
  "campus des Cézeaux" (UCA - Campus Cézeaux; "les Cézeaux" alone is never used, "Cézeaux Pellez"
  is another stop), "CHU Montpied" (CHU G. Montpied; "Montpied" alone is never used, "Stade G.
  Montpied" is another stop), "musée Roger Quilliot" (Musée d'Art Roger Quilliot). "la gare" alone
  is never used (Gare SNCF, Gare Routière, La Pardieu Gare, Gare Le Cendre/Orcet).
* Lines at a stop and trips are asked with `ask` "value" (a "how many" question too); the number
  of trips of the network has no `route`. Lines at a stop with no day said are over every trip of
  the feed even inside a conversation that has an as_of.
* "passages" of a line in a ranking ("la ligne avec le moins de passages") are its trips.
* A question that must get no figure carries a plan when the day is the only reason for it: a
  known line and stop (or the whole network, "how many trips on May Day 2024") on a date outside
  the feed or on 1 May. Real time, fares, crowding, accessibility, bikes, an unknown line or stop
  carry none.
* A comparison of two days of the network carries `transit` {"measure": "trips"} and `periods`.
* In a conversation, a follow-up keeps what it does not change (line, stop, day, hour, radius,
  measure) from the turn before; a follow-up after a turn that got no figure keeps the line and
  stop of that turn when it had a plan. "how many more" after two counts compares them (the earlier
  one first).
* A question with no day that does not depend on the day (lines at a stop, stops near) has as_of
  null, except inside a conversation whose other turns need one.
* The generator asserts its own invariants: every named stop and line exists, every loose wording
  names one stop, the unknown line and stop of the no-figure questions are in no name of the feed,
  the feed holds no accessibility column, a no-figure date has no trip, an answered date has trips
  and the asked measure has a value, a headway has gaps in both directions, the third and
  fourth nearest stops are not tied, and stops-near sets are the same from every platform of the
  stop as from its parent station (the radii were chosen so).
"""
import collections
import csv
import datetime as dt
import io
import json
import math
import os
import re
import statistics
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FEED = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'data', 'clermont',
                                     'gtfs_t2c_2024-01-17_2024-06-30.zip'))
OUT = os.path.join(HERE, 'questions_transit_heldout.jsonl')
FEED_FIRST, FEED_LAST = dt.date(2024, 1, 17), dt.date(2024, 6, 30)
WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
DEFAULT_RADIUS = 400


# ---------------------------------------------------------------------------------------------
# The feed
# ---------------------------------------------------------------------------------------------

def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).casefold()
    return ' '.join(re.sub(r'[^0-9a-z]+', ' ', s).split())


def offset(t):
    h, m, s = (int(x) for x in t.split(':'))
    return h * 3600 + m * 60 + s


def clock(t):
    """A stop_times time as it is said: '24:59:00' -> '00:59'."""
    h, m, _ = (int(x) for x in t.split(':'))
    return '%02d:%02d' % (h % 24, m)


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000.0 * math.asin(math.sqrt(a))


class Feed:
    def __init__(self, path=FEED):
        z = zipfile.ZipFile(path)

        def rows(name):
            return list(csv.DictReader(io.StringIO(z.read(name).decode('utf-8-sig'))))
        self.routes = rows('routes.txt')
        self.stops = rows('stops.txt')
        self.trips = rows('trips.txt')
        self.calendar = {c['service_id']: c for c in rows('calendar.txt')}
        self.exceptions = collections.defaultdict(dict)
        for e in rows('calendar_dates.txt'):
            self.exceptions[e['date']][e['service_id']] = int(e['exception_type'])
        self.route_name = {r['route_id']: r['route_short_name'] for r in self.routes}
        self.stop_by_id = {s['stop_id']: s for s in self.stops}
        self.platforms = [s for s in self.stops if s['location_type'] in ('0', '')]
        self.calls = collections.defaultdict(list)
        for r in rows('stop_times.txt'):
            self.calls[r['trip_id']].append(r)
        for calls in self.calls.values():
            calls.sort(key=lambda r: int(r['stop_sequence']))
        self._running = {}

    # -- names
    def route(self, name):
        assert any(r['route_short_name'] == name for r in self.routes), name
        return name

    def tram(self):
        trams = [r['route_short_name'] for r in self.routes if r['route_type'] == '0']
        assert len(trams) == 1, trams
        return trams[0]

    def route_by_long_name(self, long_name):
        found = [r['route_short_name'] for r in self.routes if fold(r['route_long_name']) == fold(long_name)]
        assert len(found) == 1, (long_name, found)
        return found[0]

    def stop_ids(self, name):
        f = fold(name)
        ids = {s['stop_id'] for s in self.platforms if fold(s['stop_name']) == f}
        assert ids, 'no stop named %r' % name
        return ids

    def published(self, name):
        names = {self.stop_by_id[i]['stop_name'] for i in self.stop_ids(name)}
        assert len(names) == 1, names
        return names.pop()

    def loose(self, words, name):
        """A loose wording (`words`, every word of which the stop's folded name holds) names one stop."""
        want = fold(words).split()
        names = {s['stop_name'] for s in self.platforms if all(w in fold(s['stop_name']).split() for w in want)}
        assert names == {self.published(name)}, (words, names)
        return self.published(name)

    def no_stop(self, words):
        want = fold(words).split()
        assert not [s for s in self.platforms if all(w in fold(s['stop_name']).split() for w in want)], words

    def no_route(self, name):
        assert not [r for r in self.routes if fold(r['route_short_name']) == fold(name)
                    or fold(r['route_long_name']) == fold(name)], name

    # -- service days
    def active(self, service_id, d):
        ds = d.strftime('%Y%m%d')
        c = self.calendar.get(service_id)
        on = bool(c) and c['start_date'] <= ds <= c['end_date'] and c[WEEKDAYS[d.weekday()]] == '1'
        x = self.exceptions.get(ds, {}).get(service_id)
        return True if x == 1 else False if x == 2 else on

    def running(self, d):
        if d not in self._running:
            self._running[d] = [t for t in self.trips if self.active(t['service_id'], d)] \
                if FEED_FIRST <= d <= FEED_LAST else []
        return self._running[d]

    def has_service(self, d):
        return bool(self.running(d))

    # -- measures
    def departures(self, route, stop, d):
        """(offset, direction_id, raw time) of the line at the stop on day d, each trip's last stop excluded."""
        ids = self.stop_ids(stop)
        out = []
        for t in self.running(d):
            if self.route_name[t['route_id']] != route:
                continue
            for c in self.calls[t['trip_id']][:-1]:
                if c['stop_id'] in ids:
                    out.append((offset(c['departure_time']), t['direction_id'], c['departure_time']))
        return sorted(out)

    def first_last(self, route, stop, d, which):
        deps = self.departures(route, stop, d)
        assert deps, (route, stop, d)
        return (deps[0] if which == 'first' else deps[-1])[2]

    def headway(self, route, stop, d, hour):
        if stop is None:
            deps = []
            for t in self.running(d):
                if self.route_name[t['route_id']] == route:
                    c = self.calls[t['trip_id']][0]
                    deps.append((offset(c['departure_time']), t['direction_id'], c['departure_time']))
        else:
            deps = self.departures(route, stop, d)
        out = []
        for direction in ('0', '1'):
            times = sorted(o for o, di, _ in deps if di == direction)
            gaps = [(b - a) / 60 for a, b in zip(times, times[1:]) if hour * 3600 <= b < (hour + 1) * 3600]
            assert gaps, (route, stop, d, hour, direction)
            out.append(statistics.median(gaps))
        return out

    def trips_of(self, route, d):
        n = len([t for t in self.running(d) if route is None or self.route_name[t['route_id']] == route])
        assert n, (route, d)
        return n

    def ranking(self, d):
        counts = collections.Counter(self.route_name[t['route_id']] for t in self.running(d))
        assert counts, d
        return counts

    def lines_at(self, stop, d=None):
        ids = self.stop_ids(stop)
        trips = self.running(d) if d is not None else self.trips
        names = {self.route_name[t['route_id']] for t in trips
                 if any(c['stop_id'] in ids for c in self.calls[t['trip_id']])}
        assert names, (stop, d)
        return sorted(names, key=lambda n: (not n.isalpha(), int(n) if n.isdigit() else 0, n))

    def parent(self, stop):
        parents = {self.stop_by_id[i]['parent_station'] for i in self.stop_ids(stop)}
        assert len(parents) == 1 and '' not in parents, (stop, parents)
        p = self.stop_by_id[parents.pop()]
        assert p['location_type'] == '1', p
        return p

    def _near_from(self, lat, lon, own, radius):
        best = {}
        for s in self.platforms:
            if s['stop_name'] == own:
                continue
            dist = haversine(lat, lon, float(s['stop_lat']), float(s['stop_lon']))
            if dist <= radius:
                best[s['stop_name']] = min(dist, best.get(s['stop_name'], dist))
        return best

    def stops_near(self, stop, radius):
        own = self.published(stop)
        p = self.parent(stop)
        best = self._near_from(float(p['stop_lat']), float(p['stop_lon']), own, radius)
        for i in self.stop_ids(stop):      # from every platform, the first one in stops.txt included
            s = self.stop_by_id[i]
            other = self._near_from(float(s['stop_lat']), float(s['stop_lon']), own, radius)
            assert set(other) == set(best), (stop, radius, s['stop_id'], set(other) ^ set(best))
        ordered = sorted(best, key=lambda n: (best[n], n))
        assert ordered, (stop, radius)
        if len(ordered) > 3:
            assert best[ordered[2]] < best[ordered[3]], (stop, radius, 'tie at the third nearest')
        return ordered


# ---------------------------------------------------------------------------------------------
# Days
# ---------------------------------------------------------------------------------------------

def easter(year):
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


HOLIDAYS = {'easter_monday': 1, 'ascension': 39, 'whit_monday': 50}


def holiday(name, year):
    return easter(year) + dt.timedelta(days=HOLIDAYS[name])


def resolve(day, as_of):
    """A day as a question says it -> the date, against as_of (an ISO string or None)."""
    a = dt.date.fromisoformat(as_of) if as_of else None
    kind = day[0]
    if kind == 'date':                      # an explicit date with its year
        return dt.date.fromisoformat(day[1])
    assert a is not None, ('a relative day needs as_of', day)
    if kind == 'today':
        return a
    if kind == 'plus':                      # demain = +1
        return a + dt.timedelta(days=day[1])
    if kind == 'weekday':                   # "samedi": on or after as_of
        return a + dt.timedelta(days=(WEEKDAYS.index(day[1]) - a.weekday()) % 7)
    if kind == 'next':                      # "samedi prochain": strictly after as_of
        return a + dt.timedelta(days=(WEEKDAYS.index(day[1]) - a.weekday() - 1) % 7 + 1)
    if kind == 'workday':                   # "en semaine", "on a weekday": first Monday-Friday on or after
        d = a
        while d.weekday() > 4:
            d += dt.timedelta(days=1)
        return d
    if kind == 'noyear':                    # "le 16/03": first such date on or after as_of
        d = dt.date(a.year, day[1], day[2])
        return d if d >= a else dt.date(a.year + 1, day[1], day[2])
    if kind == 'holiday':                   # "lundi de Pâques": first one on or after as_of
        d = holiday(day[1], a.year)
        return d if d >= a else holiday(day[1], a.year + 1)
    raise ValueError(day)


def holiday_date(name, year):
    return ('date', holiday(name, year).isoformat())


# ---------------------------------------------------------------------------------------------
# Expectations
# ---------------------------------------------------------------------------------------------

def num(v, tol):
    return {'value': v, 'tolerance': tol}


def period(plan, d):
    plan['from'] = plan['to'] = d.isoformat()
    return plan


def expect(feed, spec, as_of):
    """spec: what the wording asks (measure and the parameters it names). Returns expect."""
    m = spec['measure']
    e = {'status': 'answered', 'numbers': [], 'dates': [], 'says': [], 'forbid': [], 'plan': None}
    if m == 'no_data':
        e['status'] = 'no_data'
        if spec.get('plan'):                   # unambiguous: a known line and stop, a day without trips
            inner = dict(spec['plan'])
            d = resolve(inner.pop('day'), as_of)
            assert not feed.has_service(d), d
            e['plan'] = plan_of(feed, inner, d)
        else:
            del e['plan']
        return e
    if m == 'compare_days':
        d1, d2 = (resolve(x, as_of) for x in spec['days'])
        assert d1 != d2
        n1, n2 = feed.trips_of(spec.get('route'), d1), feed.trips_of(spec.get('route'), d2)
        e['numbers'] = [num(n1, 0), num(n2, 0)] + ([num(abs(n1 - n2), 0)] if spec.get('how_many_more') else [])
        transit = {'measure': 'trips'}
        if spec.get('route'):
            transit['route'] = feed.route(spec['route'])
        e['plan'] = {'ask': 'compare', 'transit': transit,
                     'periods': [[d1.isoformat(), d1.isoformat()], [d2.isoformat(), d2.isoformat()]]}
        return e
    d = resolve(spec['day'], as_of) if spec.get('day') else None
    if d is not None:
        assert feed.has_service(d), ('an answered question on a day without trips', d)
    if m in ('first_departure', 'last_departure'):
        raw = feed.first_last(feed.route(spec['route']), spec['stop'], d, m.split('_')[0])
        e['says'] = [clock(raw)]
        if raw[:5] != clock(raw):
            e['forbid'] = [raw[:5]]
    elif m == 'headway':
        e['numbers'] = [num(x, 0.5) for x in feed.headway(feed.route(spec['route']), spec.get('stop'), d, spec['hour'])]
    elif m == 'trips':
        e['numbers'] = [num(feed.trips_of(spec.get('route') and feed.route(spec['route']), d), 0)]
    elif m == 'lines':
        names = feed.lines_at(spec['stop'], d)
        e['says'] = names
        if spec.get('how_many'):
            e['numbers'] = [num(len(names), 0)]
    elif m in ('most_frequent', 'least_frequent'):
        counts = feed.ranking(d)
        n = max(counts.values()) if m == 'most_frequent' else min(counts.values())
        e['says'] = sorted(r for r, c in counts.items() if c == n)
        e['numbers'] = [num(n, 0)]
    elif m == 'compare_lines':
        r1, r2 = (feed.route(r) for r in spec['routes'])
        n1, n2 = feed.trips_of(r1, d), feed.trips_of(r2, d)
        e['numbers'] = [num(n1, 0), num(n2, 0)] + ([num(abs(n1 - n2), 0)] if spec.get('how_many_more') else [])
    elif m == 'stops_near':
        names = feed.stops_near(spec['stop'], spec.get('radius', DEFAULT_RADIUS))
        e['says'] = names[:3]
        if spec.get('how_many'):
            e['numbers'] = [num(len(names), 0)]
    else:
        raise ValueError(m)
    e['plan'] = plan_of(feed, spec, d)
    return e


def plan_of(feed, spec, d):
    m = spec['measure']
    if m in ('most_frequent', 'least_frequent'):
        plan = {'ask': 'highest' if m == 'most_frequent' else 'lowest', 'by': 'route', 'transit': {'measure': 'trips'}}
    elif m == 'compare_lines':
        plan = {'ask': 'compare', 'transit': {'measure': 'trips', 'routes': list(spec['routes'])}}
    else:
        transit = {'measure': m}
        if spec.get('route'):
            transit['route'] = feed.route(spec['route'])
        if spec.get('stop'):
            transit['stop'] = feed.published(spec['stop'])
        if m == 'headway':
            transit['hour'] = spec['hour']
        if m == 'stops_near':
            transit['radius_m'] = spec.get('radius', DEFAULT_RADIUS)
        plan = {'ask': 'value', 'transit': transit}
    return period(plan, d) if d is not None else plan


# ---------------------------------------------------------------------------------------------
# The questions: wordings, and the parameters each wording names
# ---------------------------------------------------------------------------------------------

def date(iso):
    return ('date', iso)


def build(feed):
    A = feed.tram()                                          # "le tram", "tramway", "the tram"
    MONTJUZET = feed.route_by_long_name('Navette Montjuzet')  # "la navette Montjuzet"
    JAUDE = feed.loose('jaude', 'Jaude')                     # "place de Jaude"
    GARE = feed.loose('gare sncf', 'Gare SNCF')              # "la gare SNCF", "the train station (Gare SNCF)"
    CEZEAUX = feed.loose('campus cezeaux', 'UCA - Campus Cézeaux')   # "campus des Cézeaux"
    CHU = feed.loose('chu montpied', 'CHU G. Montpied')      # "CHU Montpied"
    MUSEE = feed.loose('roger quilliot', "Musée d'Art Roger Quilliot")   # "musée Roger Quilliot"
    ESPLANADE = feed.published('Esplanade')
    PREMIER_MAI = feed.published('1er Mai')                  # a stop, not the day
    HDV = feed.published('Hôtel de Ville')
    for unknown in ('99', 'D'):
        feed.no_route(unknown)
    feed.no_stop('polydome')
    assert 'wheelchair_boarding' not in feed.stops[0] and 'wheelchair_accessible' not in feed.trips[0], \
        'the feed says whether stops or trips are accessible'
    easter_monday, ascension, whit_monday = (holiday_date(h, 2024) for h in ('easter_monday', 'ascension', 'whit_monday'))
    for name, month_day in (('easter_monday', (4, 1)), ('ascension', (5, 9)), ('whit_monday', (5, 20))):
        assert holiday(name, 2024) == dt.date(2024, *month_day), name   # a check of the computus, not an input

    def first(route, stop, day):
        return {'measure': 'first_departure', 'route': route, 'stop': stop, 'day': day}

    def last(route, stop, day):
        return {'measure': 'last_departure', 'route': route, 'stop': stop, 'day': day}

    def headway(route, stop, day, hour):
        return {'measure': 'headway', 'route': route, 'stop': stop, 'day': day, 'hour': hour}

    def trips(route, day):
        return {'measure': 'trips', 'route': route, 'day': day}

    def lines(stop, day=None, how_many=False):
        return {'measure': 'lines', 'stop': stop, 'day': day, 'how_many': how_many}

    def near(stop, radius=None, how_many=False):
        spec = {'measure': 'stops_near', 'stop': stop, 'how_many': how_many}
        if radius is not None:
            spec['radius'] = radius
        return spec

    def ranked(which, day):
        return {'measure': which, 'day': day}

    def days(route, d1, d2, how_many_more=False):
        return {'measure': 'compare_days', 'route': route, 'days': [d1, d2], 'how_many_more': how_many_more}

    def two_lines(r1, r2, day, how_many_more=False):
        return {'measure': 'compare_lines', 'routes': [r1, r2], 'day': day, 'how_many_more': how_many_more}

    def no_data(plan=None):
        return {'measure': 'no_data', 'plan': plan}

    today, tomorrow = ('today',), ('plus', 1)
    Q = []   # (form, kind, lang, question, as_of, spec)

    # -- first and last departures
    Q += [
        ('terse_no_day', 'last_departure', 'fr', "dernier B gare sncf ?", '2024-03-13', last('B', GARE, today)),
        ('tonight_after_midnight', 'last_departure', 'en', "When does the last tram leave Jaude tonight?",
         '2024-03-15', last(A, JAUDE, today)),
        ('polite_long', 'first_departure', 'fr',
         "Bonjour, pourriez-vous m'indiquer à quelle heure passe le tout premier tramway à l'arrêt Jaude le "
         "dimanche 17 mars 2024 ? Merci d'avance !", None, first(A, JAUDE, date('2024-03-17'))),
        ('no_accents_tomorrow', 'first_departure', 'fr',
         "a quelle heure passe le premier bus de la ligne 3 a l'arret 1er Mai demain matin", '2024-03-16',
         first('3', PREMIER_MAI, tomorrow)),
        ('holiday_with_year', 'first_departure', 'en',
         "what time does the first C leave Esplanade on Easter Monday 2024?", None, first('C', ESPLANADE, easter_monday)),
        ('holiday_without_year', 'last_departure', 'fr',
         "lundi de Pâques, le dernier C à Esplanade c'est à quelle heure ?", '2024-03-28',
         last('C', ESPLANADE, ('holiday', 'easter_monday'))),
        ('sms', 'first_departure', 'en', "1st tram @ campus des cezeaux sat??", '2024-03-14',
         first(A, CEZEAUX, ('weekday', 'saturday'))),
        ('day_month_slash', 'last_departure', 'fr', "le 16/03 a quelle heure le dernier tram quitte la place de Jaude ?",
         '2024-03-10', last(A, JAUDE, ('noyear', 3, 16))),
        ('holiday_without_year', 'first_departure', 'en',
         "Ascension Day: when's the first number 20 bus from Musée d'Art Roger Quilliot?", '2024-05-02',
         first('20', MUSEE, ('holiday', 'ascension'))),
        ('passage_holiday', 'first_departure', 'fr',
         "jeudi de l'Ascension 2024 premier passage de la ligne 4 à la gare SNCF", None, first('4', GARE, ascension)),
        ('terse_holiday', 'last_departure', 'en', "Whit Monday 2024 - last bus on the 3 from 1er Mai?", None,
         last('3', PREMIER_MAI, whit_monday)),
        ('no_accents_holiday', 'last_departure', 'fr', "lundi de pentecote dernier tram au CHU Montpied ?", '2024-05-15',
         last(A, CHU, ('holiday', 'whit_monday'))),
        ('story_long', 'last_departure', 'en',
         "Hello, I'm arriving by train on Saturday 16 March 2024 and need to know the latest B bus I can still "
         "catch from the station - Gare SNCF. Thanks a lot!", None, last('B', GARE, date('2024-03-16'))),
        ('sms_typos', 'last_departure', 'fr', "c koi l'heure du dernié bus C a la Pardieu Gare vendredi ?", '2024-06-19',
         last('C', feed.published('La Pardieu Gare'), ('weekday', 'friday'))),
        ('weekday_generic', 'first_departure', 'en', "first tram from Les Vergnes on a weekday?", '2024-03-16',
         first(A, feed.published('Les Vergnes'), ('workday',))),
        ('ordinal_date', 'last_departure', 'en', "last tram out of Hôtel de Ville on March 16th?", '2024-03-04',
         last(A, HDV, ('noyear', 3, 16))),
    ]
    # -- headways
    Q += [
        ('half_past_pm', 'headway', 'en',
         "How frequent is tram A at Jaude around 5:30 pm on Tuesday 12 March 2024?", None,
         headway(A, JAUDE, date('2024-03-12'), 17)),
        ('toutes_les_combien', 'headway', 'fr', "toutes les combien passe le B à Esplanade vers 8h demain ?", '2024-03-18',
         headway('B', ESPLANADE, tomorrow, 8)),
        ('sms_no_stop', 'headway', 'fr', "frequence C a 18h samedi prochain stp", '2024-03-14',
         headway('C', None, ('next', 'saturday'), 18)),
        ('headway_word', 'headway', 'en', "What's the headway of line 3 at 1er Mai at 7am this Sunday?", '2024-03-13',
         headway('3', PREMIER_MAI, ('weekday', 'sunday'), 7)),
        ('intervalle_noon', 'headway', 'fr',
         "Quel est l'intervalle entre deux tramways à midi à la station Hôtel de Ville le 21 juin 2024 ?", None,
         headway(A, HDV, date('2024-06-21'), 12)),
        ('polite_between', 'headway', 'en',
         "Hi! Could you tell me how often the number 20 bus runs at Musée d'Art Roger Quilliot between 4 and 5 pm "
         "next Saturday?", '2024-03-13', headway('20', MUSEE, ('next', 'saturday'), 16)),
        ('tous_les_combien', 'headway', 'fr', "le 4 passe tous les combien à la gare SNCF à 7h ?", '2024-04-10',
         headway('4', GARE, today, 7)),
    ]
    # -- trips of a line, of the network
    Q += [
        ('courses', 'trips', 'fr', "combien de courses fait le tram A le mardi 12 mars 2024 ?", None,
         trips(A, date('2024-03-12'))),
        ('holiday_with_year', 'trips', 'en', "how many trips does line C run on Whit Monday 2024?", None,
         trips('C', whit_monday)),
        ('no_accents_abbrev', 'trips', 'fr', "nb de bus sur la ligne 9 aujourdhui", '2024-04-17', trips('9', today)),
        ('services_network', 'network_trips', 'en',
         "how many services run across the whole T2C network on Saturday 16 March 2024?", None,
         trips(None, date('2024-03-16'))),
        ('voyages_network', 'network_trips', 'fr', "combien de voyages en tout sur le réseau ce dimanche ?", '2024-06-12',
         trips(None, ('weekday', 'sunday'))),
        ('terse_network', 'network_trips', 'en', "total trips on the network tomorrow?", '2024-02-08',
         trips(None, tomorrow)),
        ('navette', 'trips', 'fr', "combien de navettes Montjuzet circulent le samedi 16 mars 2024 ?", None,
         trips(MONTJUZET, date('2024-03-16'))),
        ('tram_runs_holiday', 'trips', 'en', "how many tram runs are there on Ascension Day 2024?", None,
         trips(A, ascension)),
    ]
    # -- lines at a stop
    Q += [
        ('lines_plain', 'lines', 'fr', "quelles lignes passent à l'arrêt Gare SNCF ?", None, lines(GARE)),
        ('lines_stop_named_like_a_day', 'lines_count', 'en', "how many lines serve the 1er Mai stop?", None,
         lines(PREMIER_MAI, how_many=True)),
        ('desservent_day', 'lines_count', 'fr', "combien de lignes desservent Marmilhat le dimanche 17 mars 2024 ?",
         None, lines(feed.published('Marmilhat'), date('2024-03-17'), how_many=True)),
        ('on_sundays', 'lines', 'en', "which lines stop at CHU Montpied on Sundays?", '2024-03-13',
         lines(CHU, ('weekday', 'sunday'))),
        ('terse_no_accents', 'lines', 'fr', "lignes au musee roger quilliot ?", None, lines(MUSEE)),
        ('terse_at_sign', 'lines', 'en', "lines @ Delille Montlosier", None, lines(feed.published('Delille Montlosier'))),
        ('desservi_weekday', 'lines_count', 'fr', "l'arrêt Esplanade, il est desservi par combien de lignes le samedi ?",
         '2024-06-12', lines(ESPLANADE, ('weekday', 'saturday'), how_many=True)),
    ]
    # -- most / least frequent line
    Q += [
        ('plus_frequente_no_year', 'most_frequent', 'fr', "quelle est la ligne la plus fréquente samedi 16 mars ?",
         '2024-03-11', ranked('most_frequent', ('noyear', 3, 16))),
        ('fewest', 'least_frequent', 'en', "which route has the fewest trips on Tuesday 12 March 2024?", None,
         ranked('least_frequent', date('2024-03-12'))),
        ('moins_de_passages', 'least_frequent', 'fr', "la ligne avec le moins de passages dimanche ?", '2024-06-12',
         ranked('least_frequent', ('weekday', 'sunday'))),
        ('busiest_next', 'most_frequent', 'en', "busiest line next Saturday?", '2024-04-13',
         ranked('most_frequent', ('next', 'saturday'))),
    ]
    # -- comparisons
    Q += [
        ('two_days_how_many_more', 'compare_days', 'fr',
         "le tram A fait-il plus de courses le samedi 16 mars que le dimanche 17 mars 2024 ? combien de plus ?", None,
         days(A, date('2024-03-16'), date('2024-03-17'), how_many_more=True)),
        ('versus_by_how_many', 'compare_lines', 'en', "B vs C on 12 March 2024: which runs more trips, and by how many?",
         None, two_lines('B', 'C', date('2024-03-12'), how_many_more=True)),
        ('holiday_against_monday', 'compare_days', 'fr',
         "Y a-t-il moins de bus sur la ligne 3 le lundi de Pâques 2024 que le lundi 8 avril 2024 ?", None,
         days('3', easter_monday, date('2024-04-08'))),
        ('iso_dates', 'compare_days', 'en', "compare the number of trips on line 20 on 2024-03-13 and 2024-03-16", None,
         days('20', date('2024-03-13'), date('2024-03-16'))),
        ('trajets_de_plus', 'compare_lines', 'fr',
         "combien de trajets de plus fait la ligne B par rapport à la C le samedi 16 mars 2024 ?", None,
         two_lines('B', 'C', date('2024-03-16'), how_many_more=True)),
        ('network_two_days', 'compare_days', 'en',
         "How many more trips does the network run on Friday 10 May 2024 than on Ascension Day 2024?", None,
         days(None, date('2024-05-10'), ascension, how_many_more=True)),
    ]
    # -- stops near
    Q += [
        ('a_proximite', 'stops_near', 'fr', "quels arrêts sont à proximité de l'Hôtel de Ville ?", None, near(HDV)),
        ('within_metres_count', 'stops_near_count', 'en', "how many stops are within 500 m of Jaude?", None,
         near(JAUDE, 500, how_many=True)),
        ('rayon_count', 'stops_near_count', 'fr', "combien d'arrêts dans un rayon de 600 m autour d'Esplanade ?", None,
         near(ESPLANADE, 600, how_many=True)),
        ('within_km', 'stops_near', 'en', "bus stops within 1 km of the campus des Cézeaux", None, near(CEZEAUX, 1000)),
        ('no_accents_radius', 'stops_near', 'fr', "y a quoi comme arrets a moins de 250 m de la gare sncf", None,
         near(GARE, 250)),
        ('close_to', 'stops_near', 'en', "What other stops are close to Delille Montlosier?", None,
         near(feed.published('Delille Montlosier'))),
    ]
    # -- no figure
    Q += [
        ('realtime_fr', 'realtime', 'fr', "le tram A est en retard à Jaude là ?", None, no_data()),
        ('realtime_en', 'realtime', 'en', "is the number 3 bus running late right now?", None, no_data()),
        ('fare_fr', 'fare', 'fr', "combien coûte un ticket de bus T2C ?", None, no_data()),
        ('fare_en', 'fare', 'en', "price of a monthly tram pass?", None, no_data()),
        ('after_feed', 'outside_feed', 'fr', "premier tram à Jaude le 14 juillet 2024 ?", None,
         no_data(first(A, JAUDE, date('2024-07-14')))),
        ('before_feed_holiday', 'outside_feed', 'en', "last B from Gare SNCF on Christmas Day 2023?", None,
         no_data(last('B', GARE, date('2023-12-25')))),
        ('premier_mai', 'no_service', 'fr', "premier départ du tram A à Jaude le 1er mai 2024 ?", None,
         no_data(first(A, JAUDE, date('2024-05-01')))),
        ('may_day', 'no_service', 'en', "how many trips on the network on May Day 2024?", None,
         no_data(trips(None, date('2024-05-01')))),
        ('unknown_line_fr', 'unknown_line', 'fr', "dernier bus ligne 99 à Jaude ?", None, no_data()),
        ('unknown_tram', 'unknown_line', 'en', "first tram D at Jaude tomorrow?", '2024-03-13', no_data()),
        ('unknown_stop', 'unknown_stop', 'fr', "à quelle heure le premier bus à l'arrêt Polydome ?", None, no_data()),
        ('crowding', 'off_topic', 'en', "how crowded is tram A at rush hour?", None, no_data()),
        ('accessibility', 'off_topic', 'en', "is the Jaude tram stop wheelchair accessible?", None, no_data()),
        ('bikes', 'off_topic', 'fr', "combien de vélos C.vélo dispo place de Jaude ?", None, no_data()),
    ]

    C = []   # (form, kind, lang, as_of, [(question, lang, spec), ...])
    C += [
        ('day_then_measure', 'followup_day_measure', 'fr', '2024-03-13', [
            ("dernier C à Esplanade ce soir ?", 'fr', last('C', ESPLANADE, today)),
            ("et le dimanche ?", 'fr', last('C', ESPLANADE, ('weekday', 'sunday'))),
            ("et le premier ?", 'fr', first('C', ESPLANADE, ('weekday', 'sunday'))),
        ]),
        ('line_then_day', 'followup_line_day', 'en', '2024-03-16', [
            ("first B at the train station (Gare SNCF) today?", 'en', first('B', GARE, today)),
            ("what about line 4?", 'en', first('4', GARE, today)),
            ("and on Sunday?", 'en', first('4', GARE, ('weekday', 'sunday'))),
        ]),
        ('hour_then_stop', 'followup_hour_stop', 'fr', '2024-02-20', [
            ("fréquence du tram au CHU Montpied à 8h ?", 'fr', headway(A, CHU, today, 8)),
            ("et à 20h ?", 'fr', headway(A, CHU, today, 20)),
            ("et à Jaude ?", 'fr', headway(A, JAUDE, today, 20)),
        ]),
        ('line_then_difference', 'followup_line_compare', 'en', '2024-04-10', [
            ("how many trips does line C run today?", 'en', trips('C', today)),
            ("and line B?", 'en', trips('B', today)),
            ("so how many more does B run?", 'en', two_lines('C', 'B', today, how_many_more=True)),
        ]),
        ('after_no_service', 'followup_after_no_data', 'fr', '2024-04-24', [
            ("dernier tram à Jaude le 1er mai ?", 'fr', no_data(last(A, JAUDE, ('noyear', 5, 1)))),
            ("et le 2 mai ?", 'fr', last(A, JAUDE, ('noyear', 5, 2))),
        ]),
        ('lines_then_day_then_near', 'followup_measure', 'en', '2024-06-20', [
            ("which lines stop at Esplanade?", 'en', lines(ESPLANADE)),
            ("how many of them run on Sunday?", 'en', lines(ESPLANADE, ('weekday', 'sunday'), how_many=True)),
            ("and which other stops are within 350 m of it?", 'en', near(ESPLANADE, 350)),
        ]),
        ('network_two_days', 'followup_day_compare', 'fr', '2024-03-25', [
            ("combien de trajets sur tout le réseau le lundi de Pâques ?", 'fr', trips(None, ('holiday', 'easter_monday'))),
            ("et le lundi 8 avril ?", 'fr', trips(None, ('noyear', 4, 8))),
            ("ça fait combien de plus ?", 'fr',
             days(None, ('holiday', 'easter_monday'), ('noyear', 4, 8), how_many_more=True)),
        ]),
        ('most_then_least', 'followup_ranking', 'en', '2024-05-02', [
            ("most frequent line on Ascension Day?", 'en', ranked('most_frequent', ('holiday', 'ascension'))),
            ("and the least frequent?", 'en', ranked('least_frequent', ('holiday', 'ascension'))),
        ]),
        ('radius_then_count', 'followup_radius_count', 'fr', None, [
            ("arrêts proches de la Place Royale ?", 'fr', near(feed.published('Place Royale'))),
            ("et dans un rayon de 600 m ?", 'fr', near(feed.published('Place Royale'), 600)),
            ("ça en fait combien ?", 'fr', near(feed.published('Place Royale'), 600, how_many=True)),
        ]),
        ('after_outside_feed', 'followup_after_no_data', 'en', '2024-06-26', [
            ("first tram at Jaude on 1 July?", 'en', no_data(first(A, JAUDE, ('noyear', 7, 1)))),
            ("ok, and on Sunday 30 June?", 'en', first(A, JAUDE, ('noyear', 6, 30))),
        ]),
        ('trips_then_headway', 'followup_measure_hour', 'fr', '2024-06-05', [
            ("y a combien de bus ligne 20 samedi ?", 'fr', trips('20', ('weekday', 'saturday'))),
            ("et la fréquence vers 10h ?", 'fr', headway('20', None, ('weekday', 'saturday'), 10)),
        ]),
        ('after_fare', 'followup_after_no_data', 'en', '2024-03-20', [
            ("how much is a single ticket?", 'en', no_data()),
            ("ok then, when's the last C at Esplanade tonight?", 'en', last('C', ESPLANADE, today)),
            ("and the first one?", 'en', first('C', ESPLANADE, today)),
        ]),
    ]
    return Q, C


def check_as_of(as_of):
    if as_of is not None:
        d = dt.date.fromisoformat(as_of)
        assert d.year == 2024 and FEED_FIRST <= d <= FEED_LAST, as_of


def generate(feed):
    Q, C = build(feed)
    out = []
    for i, (form, kind, lang, question, as_of, spec) in enumerate(Q, 1):
        e = expect(feed, spec, as_of)
        check_as_of(as_of)
        out.append({'id': 'th%03d' % i, 'form': form, 'kind': kind, 'lang': lang, 'question': question,
                    'as_of': as_of, 'expect': e})
    for i, (form, kind, lang, as_of, turns) in enumerate(C, 1):
        check_as_of(as_of)
        assert 2 <= len(turns) <= 3
        out.append({'id': 'thc%02d' % i, 'form': form, 'kind': kind, 'lang': lang, 'as_of': as_of,
                    'turns': [{'question': q, 'lang': l, 'expect': expect(feed, spec, as_of)} for q, l, spec in turns]})
    ids = [o['id'] for o in out]
    assert len(ids) == len(set(ids))
    return out


def render(items):
    return ''.join(json.dumps(o, ensure_ascii=False) + '\n' for o in items)


def summary(items):
    asked = [(o['lang'], o['expect']) for o in items if 'question' in o] + \
        [(t['lang'], t['expect']) for o in items if 'turns' in o for t in o['turns']]
    return {'questions_and_turns': len(asked),
            'french': sum(1 for l, _ in asked if l == 'fr'),
            'no_data': sum(1 for _, e in asked if e['status'] == 'no_data'),
            'conversations': sum(1 for o in items if 'turns' in o)}


def main(argv):
    text = render(generate(Feed()))
    if '--stdout' in argv:
        sys.stdout.write(text)
        return 0
    if '--check' in argv:
        try:
            with open(OUT, encoding='utf-8') as f:
                committed = f.read()
        except FileNotFoundError:
            committed = None
        if committed != text:
            print('%s differs from what %s writes' % (os.path.relpath(OUT), os.path.basename(__file__)), file=sys.stderr)
            return 1
        return 0
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)
    items = [json.loads(line) for line in text.splitlines()]
    print('wrote %s: %s' % (os.path.relpath(OUT), json.dumps(summary(items))), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
