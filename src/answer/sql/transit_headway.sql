-- Minutes between departures on service day $3 of the lines $2 (every line when empty) at the stops
-- named $1 (at each trip's first stop when NULL), per direction: the median of the gaps between
-- consecutive departures whose later one falls in hour $4 of the service day (any hour when NULL).
WITH departures AS (
    SELECT coalesce(direction, 0) AS direction, departure_s
    FROM transit_departures
    WHERE service_day = $3
      AND (cardinality($2::text[]) = 0 OR route = ANY($2))
      AND NOT last_stop AND departure_s IS NOT NULL
      AND CASE WHEN $1::text IS NULL THEN first_stop ELSE stop = $1 END
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
