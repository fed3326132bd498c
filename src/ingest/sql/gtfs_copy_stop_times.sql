COPY transit_stop_times (feed_id, trip_id, stop_sequence, stop_id, arrival_s, departure_s, last_stop) FROM STDIN
