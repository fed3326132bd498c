COPY transit_stops (feed_id, stop_id, code, name, latitude, longitude, location_type, parent_station) FROM STDIN
