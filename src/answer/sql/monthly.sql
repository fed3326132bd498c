-- Monthly means (and sums) of one variable at the stations $1 over days $3..$4, the city's daily
-- mean first when there are several stations.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, sum(a.total ORDER BY a.station_id) AS total
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
)
SELECT date_trunc('month', day)::date AS month, avg(mean ORDER BY day) AS mean, sum(total ORDER BY day) AS total
FROM series
GROUP BY 1
ORDER BY 1
