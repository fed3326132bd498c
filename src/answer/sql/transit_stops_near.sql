-- The stop names within $2 metres of the stop named $1 (from its station's coordinates, or its own
-- when it has none), nearest first, the stop itself left out: a name is near when one of its
-- platforms is.
WITH centre AS (
    SELECT coalesce(p.latitude, s.latitude) AS lat, coalesce(p.longitude, s.longitude) AS lon
    FROM transit_stops s
    LEFT JOIN transit_stops p ON p.feed_id = s.feed_id AND p.stop_id = s.parent_station
    WHERE s.name = $1 AND s.location_type = 0
    ORDER BY s.feed_id DESC, p.stop_id NULLS LAST, s.stop_id
    LIMIT 1
), distances AS (
    SELECT s.name,
           2 * 6371000 * asin(sqrt(power(sin(radians(s.latitude - c.lat) / 2), 2)
               + cos(radians(c.lat)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - c.lon) / 2), 2))) AS metres
    FROM transit_stops s, centre c
    WHERE s.location_type = 0 AND s.name <> $1 AND s.latitude IS NOT NULL
)
SELECT name, min(metres)::float8 AS metres
FROM distances
GROUP BY name
HAVING min(metres) <= $2
ORDER BY metres, name
