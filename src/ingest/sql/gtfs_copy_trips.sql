COPY transit_trips (feed_id, trip_id, route_id, service_id, direction_id, headsign, shape_id) FROM STDIN
