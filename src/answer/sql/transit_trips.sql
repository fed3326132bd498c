-- Trips running on service day $1, of the lines $2 (every line when empty).
SELECT count(*)
FROM transit_service_days d
JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
WHERE d.day = $1 AND (cardinality($2::text[]) = 0 OR r.short_name = ANY($2))
