-- The departures on service day $3 of the lines $2 (every line when empty) at the stops named $1
-- (anywhere when NULL): the first, the last (in seconds of the service day) and how many. A trip's
-- last stop is an arrival.
SELECT min(st.departure_s) AS first_s, max(st.departure_s) AS last_s, count(*) AS departures
FROM transit_service_days d
JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
JOIN transit_stop_times st ON st.feed_id = t.feed_id AND st.trip_id = t.trip_id
JOIN transit_stops s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id
WHERE d.day = $3
  AND ($1::text IS NULL OR s.name = $1)
  AND (cardinality($2::text[]) = 0 OR r.short_name = ANY($2))
  AND NOT st.last_stop AND st.departure_s IS NOT NULL
