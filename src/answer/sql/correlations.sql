-- Correlations of pollutant $2 at the stations $1 with the weather variables $3, for periods of kind
-- $4 that meet days $5..$6 (the weather station's name with each).
SELECT c.air_station_id, a.name AS air_station, w.name AS weather_station, c.pollutant,
       c.weather_variable, c.period_kind, c.period_start, c.period_end, c.n, c.pearson, c.spearman
FROM correlations c
JOIN stations a ON a.id = c.air_station_id
JOIN stations w ON w.id = c.weather_station_id
WHERE c.air_station_id = ANY($1) AND c.pollutant = $2 AND c.weather_variable = ANY($3) AND c.period_kind = $4
  AND c.period_start <= $6 AND c.period_end >= $5 AND c.pearson IS NOT NULL AND c.spearman IS NOT NULL
ORDER BY c.period_start DESC, abs(c.spearman) DESC, a.name
