-- The lines calling at each stop of a feed (its terminus included), written once by the import: a
-- list of stops with their lines reads these few thousand rows, not every stop time.
CREATE TABLE transit_stop_routes (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    stop_id         text NOT NULL,
    route_id        text NOT NULL,
    PRIMARY KEY (feed_id, stop_id, route_id)
);
CREATE INDEX transit_stop_routes_route_idx ON transit_stop_routes (feed_id, route_id);

INSERT INTO transit_stop_routes (feed_id, stop_id, route_id)
SELECT DISTINCT st.feed_id, st.stop_id, t.route_id
FROM transit_stop_times st
JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id;
