-- A page of daily aggregates in (day, station_id, variable) order after the cursor ($5, $6, $7),
-- with the optional filters station $1, variable $2 and days $3..$4; $8 rows.
SELECT a.station_id, st.name AS station, a.day, a.variable, a.unit, a.mean, a.min, a.max, a.total, a.observations,
       a.expected, a.complete
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE ($1::bigint IS NULL OR a.station_id = $1)
  AND ($2::text IS NULL OR a.variable = $2)
  AND ($3::date IS NULL OR a.day >= $3)
  AND ($4::date IS NULL OR a.day <= $4)
  AND ($5::date IS NULL OR (a.day, a.station_id, a.variable) > ($5, $6, $7))
ORDER BY a.day, a.station_id, a.variable
LIMIT $8
