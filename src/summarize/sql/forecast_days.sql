-- The model forecast for the city from day $1 (today) to $2: Open-Meteo's weather and air-quality
-- grid points, aggregated per day like measurements.
SELECT a.day,
       max(a.station_id) FILTER (WHERE a.variable = 'temperature') AS weather_station_id,
       max(a.min) FILTER (WHERE a.variable = 'temperature') AS temperature_min,
       max(a.max) FILTER (WHERE a.variable = 'temperature') AS temperature_max,
       max(a.total) FILTER (WHERE a.variable = 'precipitation') AS precipitation,
       max(a.max) FILTER (WHERE a.variable = 'wind_speed') AS wind_max,
       max(a.station_id) FILTER (WHERE a.variable = 'pm25') AS air_station_id,
       max(a.mean) FILTER (WHERE a.variable = 'pm25') AS pm25,
       max(a.unit) FILTER (WHERE a.variable = 'pm25') AS pm25_unit,
       (SELECT value FROM reference_thresholds WHERE reference = 'WHO 2021' AND variable = 'pm25' AND averaging = 'day') AS who_pm25
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE st.source = 'open-meteo' AND (st.source_ref LIKE 'forecast:%' OR st.source_ref LIKE 'air-quality:%')
  AND a.day BETWEEN $1 AND $2
GROUP BY a.day
HAVING count(*) FILTER (WHERE a.variable = 'temperature') > 0 OR count(*) FILTER (WHERE a.variable = 'pm25') > 0
ORDER BY a.day
