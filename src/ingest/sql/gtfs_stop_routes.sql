-- The lines calling at each stop of feed $1.
INSERT INTO transit_stop_routes (feed_id, stop_id, route_id)
SELECT DISTINCT st.feed_id, st.stop_id, t.route_id
FROM transit_stop_times st
JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id
WHERE st.feed_id = $1
