-- The paths of the lines $1 (all when empty) of the newest timetable (the one starting last): every
-- shape their trips follow, with the number of trips on it, point by point.
WITH used AS (
    SELECT t.feed_id, r.short_name AS route, r.color, t.shape_id, count(*) AS trips
    FROM transit_trips t
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    WHERE t.feed_id = (SELECT id FROM transit_feeds ORDER BY valid_from DESC, id DESC LIMIT 1) AND t.shape_id IS NOT NULL
      AND (cardinality($1::text[]) = 0 OR r.short_name = ANY($1))
    GROUP BY 1, 2, 3, 4
)
SELECT u.feed_id, u.route, u.color, u.shape_id, u.trips, s.seq, s.latitude, s.longitude
FROM used u
JOIN transit_shapes s ON s.feed_id = u.feed_id AND s.shape_id = u.shape_id
ORDER BY u.route, u.shape_id, s.seq
