-- Day by day over $3..$4: the mean of the stations $1 for variable $2 (and the day's sum).
SELECT day, avg(mean ORDER BY station_id) AS mean, sum(total ORDER BY station_id) AS total, bool_and(complete) AS complete
FROM daily_aggregates
WHERE station_id = ANY($1) AND variable = $2 AND day BETWEEN $3 AND $4
GROUP BY day
ORDER BY day
