-- Days of variable $2 at the stations $1 over $3..$4 (several stations: their daily mean, lowest
-- minimum, highest maximum and summed total make the city's day) whose $5 ('mean', 'min', 'max',
-- 'total') is $6 ('gt', 'ge', 'lt', 'le') $7, to 9 decimals (a sum of 0.7, 0.2 and 0.1 mm is
-- 1 mm); and the days with data.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, min(a.min) AS min, max(a.max) AS max,
           sum(a.total ORDER BY a.station_id) AS total
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
), valued AS (
    SELECT round((CASE $5 WHEN 'mean' THEN mean WHEN 'min' THEN min WHEN 'max' THEN max
                          ELSE coalesce(total, 0) END)::numeric, 9) AS v
    FROM series
)
SELECT count(*) AS days,
       count(*) FILTER (WHERE CASE $6 WHEN 'gt' THEN v > $7::numeric WHEN 'ge' THEN v >= $7::numeric
                                      WHEN 'lt' THEN v < $7::numeric ELSE v <= $7::numeric END) AS counted
FROM valued
