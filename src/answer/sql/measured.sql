-- What each station measures, for saying what exists when a question has no data.
SELECT st.name, st.kind, a.variable, min(a.day) AS first_day, max(a.day) AS last_day
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE st.kind IN ('air_quality', 'weather')
GROUP BY st.id, st.name, st.kind, a.variable
ORDER BY st.kind, st.name, a.variable
