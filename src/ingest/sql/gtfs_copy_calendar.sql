COPY transit_calendar (feed_id, service_id, weekdays, start_date, end_date) FROM STDIN
