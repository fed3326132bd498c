-- The chunks of a kind, language, period, station (by code; none: city-wide) and variables.
SELECT c.id
FROM chunks c
LEFT JOIN stations s ON s.id = c.station_id
WHERE c.kind = $1 AND c.lang = $2 AND c.period_start = $3 AND c.period_end = $4
  AND (($5::text IS NULL AND c.station_id IS NULL) OR s.code = $5)
  AND c.variables @> $6
