COPY staging_measurements (sensor_id, period_start, period_end, value) FROM STDIN
