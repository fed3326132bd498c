UPDATE ingest_runs
SET finished_at = now(), status = $2, rows_fetched = $3, rows_inserted = $4, rows_updated = $5,
    rows_rejected = $6, error = $7, failures = $8,
    window_start = COALESCE($9, window_start), window_end = COALESCE($10, window_end)
WHERE id = $1
