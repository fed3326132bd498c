-- The stop names within $2 metres of the stop named $1 (from its station's coordinates, or its own
-- when it has none), nearest first, the stop itself left out: a name is near when one of its
-- platforms is.
SELECT s.name, min(transit_metres(c.latitude, c.longitude, s.latitude, s.longitude))::float8 AS metres
FROM transit_stops s, transit_centre($1) c
WHERE s.location_type = 0 AND s.name <> $1 AND s.latitude IS NOT NULL
GROUP BY s.name
HAVING min(transit_metres(c.latitude, c.longitude, s.latitude, s.longitude)) <= $2
ORDER BY metres, s.name
