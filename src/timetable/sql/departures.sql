-- A page of departures on service day $1, in (departure_s, trip_id, stop_sequence) order after the
-- cursor ($7, $8, $9): at the stops named $2 (any when NULL; at each trip's first stop when $6),
-- of the lines $3 (any when empty), from $4 to $5 seconds of the service day (either open); $10 rows.
SELECT service_day, departure_s, route, trip_id, direction, headsign, stop, stop_id, stop_sequence, last_stop
FROM transit_departures
WHERE service_day = $1
  AND ($2::text IS NULL OR stop = $2)
  AND (cardinality($3::text[]) = 0 OR route = ANY($3))
  AND ($4::int IS NULL OR departure_s >= $4)
  AND ($5::int IS NULL OR departure_s < $5)
  AND (NOT $6 OR first_stop)
  AND departure_s IS NOT NULL
  AND ($7::int IS NULL OR (departure_s, trip_id, stop_sequence) > ($7, $8, $9))
ORDER BY departure_s, trip_id, stop_sequence
LIMIT $10
