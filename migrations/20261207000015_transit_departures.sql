-- Every call of every trip on each day its service runs: the rows behind the timetable's answers,
-- the analyst API and the eval's check of their citations. `first_stop` is the trip's first call;
-- `last_stop` its arrival at the terminus (not a departure).
CREATE VIEW transit_departures AS
SELECT d.feed_id, d.day AS service_day, t.trip_id, t.direction_id AS direction, t.headsign,
       r.short_name AS route, st.stop_sequence, st.stop_id, s.name AS stop, st.departure_s, st.last_stop,
       st.stop_sequence = (SELECT min(f.stop_sequence) FROM transit_stop_times f
                           WHERE f.feed_id = st.feed_id AND f.trip_id = st.trip_id) AS first_stop
FROM transit_service_days d
JOIN transit_trips t ON t.feed_id = d.feed_id AND t.service_id = d.service_id
JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
JOIN transit_stop_times st ON st.feed_id = t.feed_id AND st.trip_id = t.trip_id
JOIN transit_stops s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id;

-- Metres between two points on the earth (haversine, radius 6,371 km).
CREATE FUNCTION transit_metres(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN 2 * 6371000 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)));

-- The point stops are measured from: the station of the first platform named `stop_name` in the
-- newest feed, or the platform itself when it has none (no row for an unknown name).
CREATE FUNCTION transit_centre(stop_name text) RETURNS TABLE (latitude float8, longitude float8)
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(p.latitude, s.latitude), coalesce(p.longitude, s.longitude)
    FROM transit_stops s
    LEFT JOIN transit_stops p ON p.feed_id = s.feed_id AND p.stop_id = s.parent_station
    WHERE s.name = stop_name AND s.location_type = 0
    ORDER BY s.feed_id DESC, p.stop_id NULLS LAST, s.stop_id
    LIMIT 1
$$;
