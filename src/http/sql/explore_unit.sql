-- The unit of variable $2 at the stations $1.
SELECT unit FROM daily_aggregates WHERE station_id = ANY($1) AND variable = $2 LIMIT 1
