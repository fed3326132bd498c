-- The city's daily mean: the mean of its stations' daily means, as answers and chunks compute it.
SELECT day, avg(mean ORDER BY station_id) AS mean, count(*) AS stations
FROM daily_aggregates
WHERE station_id = ANY($1) AND variable = $2 AND day BETWEEN $3 AND $4
GROUP BY day
ORDER BY day
