-- The model forecast per day from $1 to $2 for variable $3 (Open-Meteo grid points).
SELECT a.day, a.station_id, a.mean, a.min, a.max, a.total, a.unit
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE st.kind = 'model_grid' AND (st.source_ref LIKE 'forecast:%' OR st.source_ref LIKE 'air-quality:%')
  AND a.variable = $3 AND a.day BETWEEN $1 AND $2
ORDER BY a.day
