-- The lines calling at the stops named $1 (the terminus included), on service day $2 or in the
-- whole timetable when NULL, with their trips there.
SELECT r.short_name, count(DISTINCT (t.feed_id, t.trip_id)) AS trips
FROM transit_stops s
JOIN transit_stop_times st ON st.feed_id = s.feed_id AND st.stop_id = s.stop_id
JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
WHERE s.name = $1 AND r.short_name IS NOT NULL
  AND ($2::date IS NULL OR EXISTS (
        SELECT 1 FROM transit_service_days d
        WHERE d.feed_id = t.feed_id AND d.service_id = t.service_id AND d.day = $2))
GROUP BY r.short_name
ORDER BY length(r.short_name), r.short_name
