COPY transit_shapes (feed_id, shape_id, seq, latitude, longitude) FROM STDIN
