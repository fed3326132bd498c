-- Whether a timetable held has a stop (platform) named $1.
SELECT EXISTS (SELECT 1 FROM transit_stops WHERE name = $1 AND location_type = 0)
