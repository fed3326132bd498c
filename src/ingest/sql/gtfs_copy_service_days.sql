COPY transit_service_days (feed_id, day, service_id) FROM STDIN
