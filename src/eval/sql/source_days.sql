-- Day by day over $3..$4 for variable $2: the mean of the stations $1 (the city's daily mean when
-- several), with the lowest minimum, highest maximum and the sum.
SELECT day, avg(mean ORDER BY station_id) AS mean, min(min) AS min, max(max) AS max, sum(total ORDER BY station_id) AS total,
       count(*) AS stations
FROM daily_aggregates
WHERE station_id = ANY($1) AND variable = $2 AND day BETWEEN $3 AND $4
GROUP BY day
ORDER BY day
