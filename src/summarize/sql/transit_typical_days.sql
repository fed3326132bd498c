-- The typical service day of each line, and of the whole network (route NULL), for each kind of
-- day (weekday, saturday, sunday) of the timetables valid on some day of $1..$2: the number of
-- trips most days of that kind run (the more trips on a tie), the first such day, how many days
-- run that many and how many days of the kind run at all; with that day's first and last
-- departure (any stop, arrivals at a terminus aside), the stops served and the lines running.
WITH daily AS (
    SELECT d.feed_id, d.day, r.short_name AS route, count(*) AS trips
    FROM transit_feeds f
    JOIN transit_service_days d ON d.feed_id = f.id
    JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    WHERE f.valid_from <= $2 AND f.valid_to >= $1 AND r.short_name IS NOT NULL
    GROUP BY GROUPING SETS ((d.feed_id, d.day, r.short_name), (d.feed_id, d.day))
), counts AS (
    SELECT feed_id, route,
           CASE extract(isodow FROM day) WHEN 6 THEN 'saturday' WHEN 7 THEN 'sunday' ELSE 'weekday' END AS day_kind,
           trips, count(*) AS days, min(day) AS day
    FROM daily
    GROUP BY 1, 2, 3, 4
), typical AS (
    SELECT DISTINCT ON (feed_id, route, day_kind) feed_id, route, day_kind, trips, days, day,
           sum(days) OVER (PARTITION BY feed_id, route, day_kind)::bigint AS days_run
    FROM counts
    ORDER BY feed_id, route, day_kind, days DESC, trips DESC
)
SELECT ty.feed_id, f.agency, f.valid_from, f.valid_to, ty.route, r.long_name, ty.day_kind, ty.day, ty.trips,
       ty.days, ty.days_run, x.first_s, x.last_s, x.stops, x.lines
FROM typical ty
JOIN transit_feeds f ON f.id = ty.feed_id
LEFT JOIN LATERAL (SELECT long_name FROM transit_routes r
                   WHERE r.feed_id = ty.feed_id AND r.short_name = ty.route LIMIT 1) r ON true
CROSS JOIN LATERAL (
    SELECT min(departure_s) AS first_s, max(departure_s) AS last_s, count(DISTINCT stop) AS stops,
           count(DISTINCT route) AS lines
    FROM transit_departures x
    WHERE x.feed_id = ty.feed_id AND x.service_day = ty.day AND (ty.route IS NULL OR x.route = ty.route)
      AND NOT x.last_stop AND x.departure_s IS NOT NULL
) x
ORDER BY ty.feed_id, ty.route NULLS FIRST, ty.day_kind
