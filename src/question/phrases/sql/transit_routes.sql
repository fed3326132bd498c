-- The lines of every timetable held, once each (the newest feed's name and type first).
SELECT DISTINCT ON (short_name) short_name, long_name, route_type
FROM transit_routes
WHERE short_name IS NOT NULL
ORDER BY short_name, feed_id DESC
