-- The stops (platforms) named $1 (all when NULL), or within $3 metres of the stop named $2 (from
-- its station's coordinates), nearest first, with their distance and the lines calling there; only
-- those where line $4 calls when it is given.
WITH stops AS (
    SELECT s.feed_id, s.stop_id, s.code, s.name, s.latitude, s.longitude, s.parent_station,
           transit_metres(c.latitude, c.longitude, s.latitude, s.longitude) AS metres,
           ARRAY(SELECT DISTINCT r.short_name
                 FROM transit_stop_routes sr
                 JOIN transit_routes r ON r.feed_id = sr.feed_id AND r.route_id = sr.route_id
                 WHERE sr.feed_id = s.feed_id AND sr.stop_id = s.stop_id AND r.short_name IS NOT NULL
                 ORDER BY 1) AS lines
    FROM transit_stops s
    LEFT JOIN transit_centre($2) c ON true
    WHERE s.location_type = 0 AND ($1::text IS NULL OR s.name = $1)
      AND ($4::text IS NULL OR EXISTS (
            SELECT 1 FROM transit_stop_routes sr
            JOIN transit_routes r ON r.feed_id = sr.feed_id AND r.route_id = sr.route_id
            WHERE sr.feed_id = s.feed_id AND sr.stop_id = s.stop_id AND r.short_name = $4))
)
SELECT * FROM stops
WHERE $2::text IS NULL OR (metres <= $3 AND name <> $2)
ORDER BY metres NULLS LAST, name, stop_id
