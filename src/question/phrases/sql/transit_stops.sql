-- The names of the stops of every timetable held, once each.
SELECT DISTINCT name FROM transit_stops WHERE location_type = 0 AND name <> '' ORDER BY name
