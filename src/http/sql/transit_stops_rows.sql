-- The stops (platforms) named $1 (all when NULL), or within $3 metres of the stop named $2 (from
-- its station's coordinates), nearest first, with their distance and the lines calling there.
WITH stops AS (
    SELECT s.feed_id, s.stop_id, s.code, s.name, s.latitude, s.longitude, s.parent_station,
           transit_metres(c.latitude, c.longitude, s.latitude, s.longitude) AS metres,
           ARRAY(SELECT DISTINCT r.short_name
                 FROM transit_stop_times st
                 JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id
                 JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
                 WHERE st.feed_id = s.feed_id AND st.stop_id = s.stop_id AND r.short_name IS NOT NULL
                 ORDER BY 1) AS lines
    FROM transit_stops s
    LEFT JOIN transit_centre($2) c ON true
    WHERE s.location_type = 0 AND ($1::text IS NULL OR s.name = $1)
)
SELECT * FROM stops
WHERE $2::text IS NULL OR (metres <= $3 AND name <> $2)
ORDER BY metres NULLS LAST, name, stop_id
