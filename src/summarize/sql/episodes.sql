SELECT e.station_id, st.name AS station, e.variable, e.start_day, e.end_day, e.days, e.peak, e.peak_day, e.threshold,
       (SELECT min(unit) FROM daily_aggregates a WHERE a.station_id = e.station_id AND a.variable = e.variable) AS unit
FROM pollution_episodes e
JOIN stations st ON st.id = e.station_id
WHERE e.end_day >= $1 AND e.start_day <= $2
ORDER BY e.station_id, e.variable, e.start_day
