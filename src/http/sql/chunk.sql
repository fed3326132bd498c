SELECT c.id, c.kind, c.lang, c.title, c.body, c.period_start, c.period_end, c.station_id, st.name AS station,
       c.variables, c.facts
FROM chunks c
LEFT JOIN stations st ON st.id = c.station_id
WHERE c.id = $1
