-- Trips running on service day $1 per line, the most first.
SELECT r.short_name, count(*) AS trips
FROM transit_service_days d
JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
WHERE d.day = $1 AND r.short_name IS NOT NULL
GROUP BY r.short_name
ORDER BY trips DESC, r.short_name
