-- One variable over days $3..$4 at the stations $1 (several: their mean, day by day, as the city's
-- daily value): days with data, mean, extremes with their day, sums, days whose mean is above $5,
-- and how many of the stations have data then.
WITH series AS (
    SELECT a.day, avg(a.mean ORDER BY a.station_id) AS mean, min(a.min) AS min, max(a.max) AS max,
           sum(a.total ORDER BY a.station_id) AS total, bool_and(a.complete) AS complete, min(a.unit) AS unit
    FROM daily_aggregates a
    WHERE a.station_id = ANY($1) AND a.variable = $2 AND a.day BETWEEN $3 AND $4
    GROUP BY a.day
), present AS (
    SELECT count(DISTINCT station_id) AS stations
    FROM daily_aggregates
    WHERE station_id = ANY($1) AND variable = $2 AND day BETWEEN $3 AND $4
)
SELECT count(*) AS days, count(*) FILTER (WHERE complete) AS complete_days, min(unit) AS unit,
       avg(mean ORDER BY day) AS mean,
       max(mean) AS max_mean, (array_agg(day ORDER BY mean DESC, day))[1] AS max_mean_day,
       min(mean) AS min_mean, (array_agg(day ORDER BY mean, day))[1] AS min_mean_day,
       min(min) AS lowest, (array_agg(day ORDER BY min, day))[1] AS lowest_day,
       max(max) AS highest, (array_agg(day ORDER BY max DESC, day))[1] AS highest_day,
       sum(total ORDER BY day) AS total,
       max(total) AS max_total, (array_agg(day ORDER BY total DESC NULLS LAST, day))[1] AS max_total_day,
       count(*) FILTER (WHERE mean > $5) AS days_above,
       (SELECT stations FROM present) AS stations
FROM series
