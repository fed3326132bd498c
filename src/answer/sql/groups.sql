-- Variable $2 at the stations $1 over $3..$4 by $5 ('month' or 'year'): the days with data, the mean
-- of a figure of each day ($6: 'mean', 'min', 'max'; several stations: their daily mean, lowest
-- minimum and highest maximum make the city's day) and the sum of the daily totals.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, min(a.min) AS min, max(a.max) AS max,
           sum(a.total ORDER BY a.station_id) AS total
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
)
SELECT date_trunc($5, day)::date AS start, count(*) AS days,
       avg(CASE $6 WHEN 'min' THEN min WHEN 'max' THEN max ELSE mean END ORDER BY day) AS mean,
       sum(total ORDER BY day) AS total
FROM series
GROUP BY 1
ORDER BY 1
