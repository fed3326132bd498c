-- Variable $2 at the stations $1 over $3..$4 by $5 ('month' or 'year'): the days with data, the mean
-- of the daily means (several stations: their daily mean first, the city's) and the sum.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, sum(a.total ORDER BY a.station_id) AS total
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
)
SELECT date_trunc($5, day)::date AS start, count(*) AS days, avg(mean ORDER BY day) AS mean,
       sum(total ORDER BY day) AS total
FROM series
GROUP BY 1
ORDER BY 1
