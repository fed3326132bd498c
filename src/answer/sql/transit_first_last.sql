-- The departures on service day $3 of the lines $2 (every line when empty) at the stops named $1
-- (anywhere when NULL): the first, the last (in seconds of the service day) and how many.
SELECT min(departure_s) AS first_s, max(departure_s) AS last_s, count(*) AS departures
FROM transit_departures
WHERE service_day = $3
  AND ($1::text IS NULL OR stop = $1)
  AND (cardinality($2::text[]) = 0 OR route = ANY($2))
  AND NOT last_stop AND departure_s IS NOT NULL
