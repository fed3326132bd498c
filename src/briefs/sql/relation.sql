-- Pearson and Spearman (ranks, ties averaged) between the city's daily PM2.5 mean (stations $1)
-- and the weather station $2's daily value of $3 (the day's sum for rain), over days $4..$5.
WITH air AS (
    SELECT day, avg(mean ORDER BY station_id) AS x FROM daily_aggregates
    WHERE station_id = ANY($1) AND variable = 'pm25' AND day BETWEEN $4 AND $5 GROUP BY day
), weather AS (
    SELECT day, coalesce(total, mean) AS y FROM daily_aggregates
    WHERE station_id = $2 AND variable = $3 AND day BETWEEN $4 AND $5
), pairs AS (
    SELECT a.day, a.x, w.y FROM air a JOIN weather w USING (day)
), ranked AS (
    SELECT x, y,
           rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,
           rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry
    FROM pairs
)
SELECT count(*)::int AS n, corr(x, y) AS pearson, corr(rx, ry) AS spearman FROM ranked
