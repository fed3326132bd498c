-- How many of the stations $1 have values of variable $2 over days $3..$4.
SELECT count(DISTINCT station_id) FROM daily_aggregates WHERE station_id = ANY($1) AND variable = $2 AND day BETWEEN $3 AND $4
