COPY measurements (sensor_id, period_start, period_end, value, ingest_run_id) FROM STDIN
