-- The departures of each line at each stop name on service day $2 of feed $1 (arrivals at a
-- terminus aside), with the first and last.
SELECT stop, route, count(*) AS departures, min(departure_s) AS first_s, max(departure_s) AS last_s
FROM transit_departures
WHERE feed_id = $1 AND service_day = $2 AND NOT last_stop AND departure_s IS NOT NULL AND route IS NOT NULL
GROUP BY stop, route
ORDER BY stop, route
