-- The class of index $5 ('ATMO', 'EAQI') of each day of variable $2 at the stations $1 over $3..$4,
-- from the daily mean (several stations: the mean of their means, the city's), rounded to the unit
-- for ATMO as the arrêté of 10 July 2020 says.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
)
SELECT s.mean, b.class, b.label_fr, b.label_en
FROM series s
JOIN LATERAL (
    SELECT class, label_fr, label_en
    FROM index_bands b
    WHERE b.index_name = $5 AND b.variable = $2
      AND (b.upper_bound IS NULL
           OR CASE WHEN $5 = 'ATMO' THEN round(s.mean::numeric)::float8 ELSE s.mean END <= b.upper_bound)
    ORDER BY class
    LIMIT 1
) b ON true
ORDER BY s.day
