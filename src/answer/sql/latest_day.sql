-- The last day up to $3 with values of variable $2 at any of the stations $1.
SELECT max(day) FROM daily_aggregates WHERE station_id = ANY($1) AND variable = $2 AND day <= $3
