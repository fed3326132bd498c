SELECT c.air_station_id, a.name AS air_station, c.weather_station_id, w.name AS weather_station, c.pollutant,
       c.weather_variable, c.period_kind, c.period_start, c.period_end, c.n, c.pearson, c.spearman
FROM correlations c
JOIN stations a ON a.id = c.air_station_id
JOIN stations w ON w.id = c.weather_station_id
WHERE ($1::bigint IS NULL OR c.air_station_id = $1) AND ($2::text IS NULL OR c.pollutant = $2)
  AND ($3::text IS NULL OR c.weather_variable = $3) AND c.period_start <= $5 AND c.period_end >= $4
ORDER BY c.period_start, c.period_kind, a.name, c.weather_variable
