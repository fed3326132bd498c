COPY transit_calendar_dates (feed_id, service_id, day, exception_type) FROM STDIN
