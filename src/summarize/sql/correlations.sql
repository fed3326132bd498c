SELECT c.air_station_id, a.name AS air_station, c.pollutant, c.weather_station_id, w.name AS weather_station,
       c.weather_variable, c.period_kind, c.period_start, c.period_end, c.n, c.pearson, c.spearman
FROM correlations c
JOIN stations a ON a.id = c.air_station_id
JOIN stations w ON w.id = c.weather_station_id
WHERE c.period_kind IN ('season', 'year') AND c.pearson IS NOT NULL AND c.spearman IS NOT NULL
  AND c.period_end >= $1 AND c.period_start <= $2
ORDER BY c.air_station_id, c.pollutant, c.weather_station_id, c.weather_variable, c.period_kind, c.period_start
