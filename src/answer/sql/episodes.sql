-- Pollution episodes of variable $2 at the stations $1 meeting days $3..$4.
SELECT e.station_id, st.name AS station, e.start_day, e.end_day, e.days, e.peak, e.peak_day
FROM pollution_episodes e
JOIN stations st ON st.id = e.station_id
WHERE e.station_id = ANY($1) AND e.variable = $2 AND e.start_day <= $4 AND e.end_day >= $3
ORDER BY e.start_day, st.name
