INSERT INTO ingest_runs (source, window_start, window_end) VALUES ($1, $2, $3) RETURNING id
