-- The staged rows (one per key) into measurements; rows whose value is unchanged are left alone,
-- so a repeated ingest reports no updates.
WITH upserted AS (
    INSERT INTO measurements (sensor_id, period_start, period_end, value, ingest_run_id)
    SELECT sensor_id, period_start, period_end, value, $1
    FROM staging_measurements
    ORDER BY sensor_id, period_start, period_end
    ON CONFLICT (sensor_id, period_start, period_end) DO UPDATE
    SET value = EXCLUDED.value, ingest_run_id = EXCLUDED.ingest_run_id, ingested_at = now()
    WHERE measurements.value IS DISTINCT FROM EXCLUDED.value
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
