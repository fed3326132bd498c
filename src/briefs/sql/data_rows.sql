-- The daily rows a brief stands on, as /api/v1/daily returns them.
SELECT a.station_id, st.name AS station, a.day, a.variable, a.unit, a.mean, a.min, a.max, a.total, a.observations,
       a.expected, a.complete
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE a.station_id = ANY($1) AND a.variable = ANY($2) AND a.day BETWEEN $3 AND $4
ORDER BY a.day, a.station_id, a.variable
