-- A chunk as a citation: its kind, title, body, period and station.
SELECT c.kind, c.title, c.body, c.period_start, c.period_end, s.name AS station
FROM chunks c
LEFT JOIN stations s ON s.id = c.station_id
WHERE c.id = $1
