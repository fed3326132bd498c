CREATE TEMP TABLE staging_measurements (
    sensor_id bigint NOT NULL, period_start timestamptz NOT NULL, period_end timestamptz NOT NULL, value float8 NOT NULL
) ON COMMIT DROP
