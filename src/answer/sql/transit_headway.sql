-- Minutes between departures on service day $3 of the lines $2 (every line when empty) at the stops
-- named $1 (at each trip's first stop when NULL), per direction: the median of the gaps between
-- consecutive departures whose later one falls in hour $4 of the service day (any hour when NULL).
WITH departures AS (
    SELECT coalesce(t.direction_id, 0) AS direction, st.departure_s
    FROM transit_service_days d
    JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    JOIN transit_stop_times st ON st.feed_id = t.feed_id AND st.trip_id = t.trip_id
    JOIN transit_stops s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id
    WHERE d.day = $3
      AND (cardinality($2::text[]) = 0 OR r.short_name = ANY($2))
      AND NOT st.last_stop AND st.departure_s IS NOT NULL
      AND CASE WHEN $1::text IS NULL
               THEN st.stop_sequence = (SELECT min(f.stop_sequence) FROM transit_stop_times f
                                        WHERE f.feed_id = st.feed_id AND f.trip_id = st.trip_id)
               ELSE s.name = $1 END
), gaps AS (
    SELECT direction, departure_s,
           departure_s - lag(departure_s) OVER (PARTITION BY direction ORDER BY departure_s) AS gap_s
    FROM departures
)
SELECT direction::int AS direction,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_s) / 60.0)::float8 AS minutes,
       count(*) AS gaps
FROM gaps
WHERE gap_s IS NOT NULL AND ($4::int IS NULL OR (departure_s >= $4 * 3600 AND departure_s < ($4 + 1) * 3600))
GROUP BY direction
ORDER BY direction
