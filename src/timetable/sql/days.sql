-- Each day from $1 to $2 (either open) that a timetable covers (an older feed only before a newer feed of its
-- agency starts, as the import cuts it back), of the lines $3 (any when empty): its kind, the trips
-- running and the lines running; a covered day without service has 0 trips.
WITH covered AS (
    SELECT f.id AS feed_id, g.day::date AS day
    FROM transit_feeds f
    CROSS JOIN LATERAL generate_series(greatest(f.valid_from, coalesce($1::date, f.valid_from)),
                                     least(f.valid_to, coalesce($2::date, f.valid_to)), interval '1 day') g(day)
    WHERE NOT EXISTS (SELECT 1 FROM transit_feeds newer
                      WHERE newer.agency = f.agency AND (newer.valid_from, newer.id) > (f.valid_from, f.id)
                        AND g.day >= newer.valid_from)
), running AS (
    SELECT d.feed_id, d.day, count(*) AS trips, count(DISTINCT r.short_name) AS lines
    FROM transit_service_days d
    JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    WHERE d.day BETWEEN coalesce($1::date, '-infinity') AND coalesce($2::date, 'infinity') AND (cardinality($3::text[]) = 0 OR r.short_name = ANY($3))
    GROUP BY d.feed_id, d.day
)
SELECT c.feed_id, c.day AS service_day,
       CASE extract(isodow FROM c.day) WHEN 6 THEN 'saturday' WHEN 7 THEN 'sunday' ELSE 'weekday' END AS day_kind,
       coalesce(r.trips, 0) AS trips, coalesce(r.lines, 0) AS lines
FROM covered c
LEFT JOIN running r ON r.feed_id = c.feed_id AND r.day = c.day
ORDER BY c.day, c.feed_id
