-- The typical service day of line $1 in the newest timetable for each kind of day (weekday,
-- saturday, sunday): the number of trips most days of that kind run (the more trips on a tie), its
-- first such day, and how many days of the kind run it.
WITH daily AS (
    SELECT d.day, count(*) AS trips
    FROM transit_service_days d
    JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    WHERE d.feed_id = (SELECT max(id) FROM transit_feeds) AND r.short_name = $1
    GROUP BY d.day
), kinds AS (
    SELECT CASE extract(isodow FROM day) WHEN 6 THEN 'saturday' WHEN 7 THEN 'sunday' ELSE 'weekday' END AS day_kind,
           trips, count(*) AS days, min(day) AS day
    FROM daily
    GROUP BY 1, 2
)
SELECT DISTINCT ON (day_kind) day_kind, day, trips, days
FROM kinds
ORDER BY day_kind DESC, days DESC, trips DESC
