-- The stops (platforms) named $1 (all when NULL), or within $3 metres of the stop named $2 (from
-- its station's coordinates), nearest first, with their distance and the lines calling there.
WITH centre AS (
    SELECT coalesce(p.latitude, s.latitude) AS lat, coalesce(p.longitude, s.longitude) AS lon
    FROM transit_stops s
    LEFT JOIN transit_stops p ON p.feed_id = s.feed_id AND p.stop_id = s.parent_station
    WHERE s.name = $2 AND s.location_type = 0
    ORDER BY s.feed_id DESC, p.stop_id NULLS LAST, s.stop_id
    LIMIT 1
), stops AS (
    SELECT s.feed_id, s.stop_id, s.code, s.name, s.latitude, s.longitude, s.parent_station,
           (SELECT 2 * 6371000 * asin(sqrt(power(sin(radians(s.latitude - c.lat) / 2), 2)
                + cos(radians(c.lat)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - c.lon) / 2), 2)))
            FROM centre c)::float8 AS metres,
           ARRAY(SELECT DISTINCT r.short_name
                 FROM transit_stop_times st
                 JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id
                 JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
                 WHERE st.feed_id = s.feed_id AND st.stop_id = s.stop_id AND r.short_name IS NOT NULL
                 ORDER BY 1) AS lines
    FROM transit_stops s
    WHERE s.location_type = 0 AND ($1::text IS NULL OR s.name = $1)
)
SELECT * FROM stops
WHERE $2::text IS NULL OR (metres <= $3 AND name <> $2)
ORDER BY metres NULLS LAST, name, stop_id
