-- A page of measurements, in (period_start, sensor_id) order after the cursor ($5, $6), with the
-- optional filters station $1, variable $2 and days $3..$4; $7 rows.
SELECT m.period_start, m.period_end, m.sensor_id, s.station_id, st.name AS station, s.parameter AS variable, s.unit,
       m.value
FROM measurements m
JOIN sensors s ON s.id = m.sensor_id
JOIN stations st ON st.id = s.station_id
WHERE ($1::bigint IS NULL OR s.station_id = $1)
  AND ($2::text IS NULL OR s.parameter = $2)
  AND ($3::date IS NULL OR m.period_start >= $3::date::timestamptz)
  AND ($4::date IS NULL OR m.period_start < ($4::date + 1)::timestamptz)
  AND ($5::timestamptz IS NULL OR (m.period_start, m.sensor_id) > ($5, $6))
ORDER BY m.period_start, m.sensor_id
LIMIT $7
