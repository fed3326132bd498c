-- A page of the trips running on service day $1, of the lines $2 (any when empty), in (first
-- departure, trip_id) order after the cursor ($3, $4); $5 rows.
WITH trips AS (
    SELECT d.day AS service_day, r.short_name AS route, t.trip_id, t.direction_id AS direction, t.headsign,
           (SELECT min(st.departure_s) FROM transit_stop_times st
            WHERE st.feed_id = t.feed_id AND st.trip_id = t.trip_id) AS first_departure_s
    FROM transit_service_days d
    JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
    JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
    WHERE d.day = $1 AND (cardinality($2::text[]) = 0 OR r.short_name = ANY($2))
)
SELECT * FROM trips
WHERE $3::int IS NULL OR (coalesce(first_departure_s, -1), trip_id) > ($3, $4)
ORDER BY coalesce(first_departure_s, -1), trip_id
LIMIT $5
