SELECT id, source, window_start, window_end, started_at, finished_at, status, rows_fetched, rows_inserted,
       rows_updated, rows_rejected, error, failures
FROM ingest_runs
ORDER BY id DESC
LIMIT $1
