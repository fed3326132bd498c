-- One figure of each day of variable $2 at the stations $1 over $3..$4 (several stations: their
-- daily mean, lowest minimum, highest maximum and summed total make the city's day), $5 being
-- 'mean', 'min', 'max' or 'total': the days with it, its mean over the days and its sum, and its
-- highest and lowest with their day.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, min(a.min) AS min, max(a.max) AS max,
           sum(a.total ORDER BY a.station_id) AS total, min(a.unit) AS unit
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
), valued AS (
    SELECT day, unit, CASE $5 WHEN 'mean' THEN mean WHEN 'min' THEN min WHEN 'max' THEN max ELSE total END AS v
    FROM series
)
SELECT count(v) AS days, min(unit) AS unit, avg(v ORDER BY day) AS mean, sum(v ORDER BY day) AS total,
       max(v) AS highest, (array_agg(day ORDER BY v DESC, day) FILTER (WHERE v IS NOT NULL))[1] AS highest_day,
       min(v) AS lowest, (array_agg(day ORDER BY v, day) FILTER (WHERE v IS NOT NULL))[1] AS lowest_day
FROM valued
