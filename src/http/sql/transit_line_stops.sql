-- The stops of line $1 in the newest timetable (the one starting last), in the order its most
-- common pattern of calls runs in each direction, with the trips of the timetable that follow it.
WITH feed AS (SELECT id FROM transit_feeds ORDER BY valid_from DESC, id DESC LIMIT 1), patterns AS (
    SELECT t.direction_id, t.trip_id, array_agg(st.stop_id ORDER BY st.stop_sequence) AS stops
    FROM feed
    JOIN transit_trips t ON t.feed_id = feed.id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    JOIN transit_stop_times st ON st.feed_id = t.feed_id AND st.trip_id = t.trip_id
    WHERE r.short_name = $1
    GROUP BY t.direction_id, t.trip_id
), common AS (
    SELECT DISTINCT ON (direction_id) direction_id, stops, count(*) AS trips
    FROM patterns
    GROUP BY direction_id, stops
    ORDER BY direction_id, count(*) DESC, stops
)
SELECT c.direction_id AS direction, c.trips, u.n::int AS position, s.name
FROM common c
CROSS JOIN LATERAL unnest(c.stops) WITH ORDINALITY u(stop_id, n)
JOIN transit_stops s ON s.feed_id = (SELECT id FROM feed) AND s.stop_id = u.stop_id
ORDER BY c.direction_id NULLS LAST, u.n
