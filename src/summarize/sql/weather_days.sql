-- Observed days, and the model's (Open-Meteo) before $3, today: later ones are forecasts.
SELECT a.station_id, st.name AS station, st.kind = 'model_grid' AS model, a.day,
       max(a.mean) FILTER (WHERE a.variable = 'temperature') AS temperature_mean,
       max(a.min) FILTER (WHERE a.variable = 'temperature') AS temperature_min,
       max(a.max) FILTER (WHERE a.variable = 'temperature') AS temperature_max,
       max(a.total) FILTER (WHERE a.variable = 'precipitation') AS precipitation,
       max(a.mean) FILTER (WHERE a.variable = 'wind_speed') AS wind_mean,
       max(a.max) FILTER (WHERE a.variable = 'wind_speed') AS wind_max,
       max(a.mean) FILTER (WHERE a.variable = 'humidity') AS humidity,
       bool_and(a.complete) FILTER (WHERE a.variable <> 'wind_gust') AS complete
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
                AND (st.kind = 'weather' OR (st.kind = 'model_grid' AND a.day < $3))
WHERE a.day BETWEEN $1 AND $2
GROUP BY a.station_id, st.name, st.kind, a.day
HAVING count(*) FILTER (WHERE a.variable = 'temperature') > 0
ORDER BY a.station_id, a.day
