-- Days at the stations $1 over days $2..$3: rainy (at least $4 mm), frost (minimum below $5 °C),
-- hot (maximum from $6 °C).
SELECT count(*) FILTER (WHERE variable = 'precipitation' AND total >= $4) AS rainy,
       count(*) FILTER (WHERE variable = 'temperature' AND min < $5) AS frost,
       count(*) FILTER (WHERE variable = 'temperature' AND max >= $6) AS hot
FROM daily_aggregates
WHERE station_id = ANY($1) AND day BETWEEN $2 AND $3
