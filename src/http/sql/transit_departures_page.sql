-- A page of departures on service day $1, in (departure_s, trip_id, stop_sequence) order after the
-- cursor ($7, $8, $9): at the stops named $2 (any when NULL; at each trip's first stop when $6),
-- of the lines $3 (any when empty), from $4 to $5 seconds of the service day (either open); $10 rows.
SELECT d.day AS service_day, st.departure_s, r.short_name AS route, t.trip_id, t.direction_id AS direction,
       t.headsign, s.name AS stop, st.stop_id, st.stop_sequence, st.last_stop
FROM transit_service_days d
JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
JOIN transit_stop_times st ON st.feed_id = t.feed_id AND st.trip_id = t.trip_id
JOIN transit_stops s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id
WHERE d.day = $1
  AND ($2::text IS NULL OR s.name = $2)
  AND (cardinality($3::text[]) = 0 OR r.short_name = ANY($3))
  AND ($4::int IS NULL OR st.departure_s >= $4)
  AND ($5::int IS NULL OR st.departure_s < $5)
  AND (NOT $6 OR st.stop_sequence = (SELECT min(f.stop_sequence) FROM transit_stop_times f
                                     WHERE f.feed_id = st.feed_id AND f.trip_id = st.trip_id))
  AND st.departure_s IS NOT NULL
  AND ($7::int IS NULL OR (st.departure_s, t.trip_id, st.stop_sequence) > ($7, $8, $9))
ORDER BY st.departure_s, t.trip_id, st.stop_sequence
LIMIT $10
