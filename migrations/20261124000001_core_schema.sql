-- Core schema: where data comes from (stations, sensors), what was measured, and how it arrived.

CREATE TABLE ingest_runs (
    id              bigserial PRIMARY KEY,
    source          text NOT NULL,
    window_start    timestamptz,
    window_end      timestamptz,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
    rows_fetched    bigint NOT NULL DEFAULT 0,
    rows_inserted   bigint NOT NULL DEFAULT 0,
    rows_updated    bigint NOT NULL DEFAULT 0,
    rows_rejected   bigint NOT NULL DEFAULT 0,
    error           text,
    -- What failed, per sensor, page or file row, when the run is partial.
    failures        jsonb NOT NULL DEFAULT '[]',
    CHECK (finished_at IS NULL OR finished_at >= started_at),
    CHECK (window_end IS NULL OR window_start IS NULL OR window_end >= window_start)
);
CREATE INDEX ingest_runs_source_started_idx ON ingest_runs (source, started_at DESC);

CREATE TABLE stations (
    id              bigserial PRIMARY KEY,
    source          text NOT NULL,
    -- The station's id at its source: OpenAQ location id, EEA code, SYNOP station number.
    source_ref      text NOT NULL,
    code            text,
    name            text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('air_quality', 'weather', 'model_grid')),
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    elevation_m     double precision,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, source_ref)
);

CREATE TABLE sensors (
    id              bigserial PRIMARY KEY,
    station_id      bigint NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    source_ref      text NOT NULL,
    -- Canonical variable name (pm25, pm10, no2, o3, ...), unit normalised (µg/m³, °C, ...).
    parameter       text NOT NULL,
    unit            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (station_id, source_ref)
);
CREATE INDEX sensors_parameter_idx ON sensors (parameter);

-- One value per sensor and period: the upsert key that makes re-ingesting idempotent.
CREATE TABLE measurements (
    sensor_id       bigint NOT NULL REFERENCES sensors (id) ON DELETE CASCADE,
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    value           double precision NOT NULL,
    ingest_run_id   bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sensor_id, period_start, period_end),
    CHECK (period_end > period_start)
);
-- Retention prunes by age across all sensors.
CREATE INDEX measurements_period_start_idx ON measurements (period_start);

CREATE TABLE weather_observations (
    station_id              bigint NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    observed_at             timestamptz NOT NULL,
    temperature_c           double precision,
    dew_point_c             double precision,
    humidity_pct            double precision CHECK (humidity_pct BETWEEN 0 AND 100),
    wind_speed_ms           double precision CHECK (wind_speed_ms >= 0),
    wind_gust_ms            double precision CHECK (wind_gust_ms >= 0),
    wind_direction_deg      double precision CHECK (wind_direction_deg BETWEEN 0 AND 360),
    pressure_msl_hpa        double precision,
    pressure_station_hpa    double precision,
    -- Precipitation over the `precipitation_hours` before `observed_at`.
    precipitation_mm        double precision CHECK (precipitation_mm >= 0),
    precipitation_hours     smallint CHECK (precipitation_hours > 0),
    visibility_m            double precision CHECK (visibility_m >= 0),
    cloud_cover_pct         double precision CHECK (cloud_cover_pct BETWEEN 0 AND 100),
    ingest_run_id           bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    ingested_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, observed_at)
);

-- Upstream bodies as received (gzip), so data can be re-parsed without calling upstream again.
CREATE TABLE raw_payloads (
    id              bigserial PRIMARY KEY,
    ingest_run_id   bigint REFERENCES ingest_runs (id) ON DELETE CASCADE,
    source          text NOT NULL,
    -- The request URL (without secrets) or the imported file's name.
    request         text NOT NULL,
    http_status     smallint,
    content_type    text,
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    body_sha256     bytea NOT NULL,
    body_bytes      integer NOT NULL CHECK (body_bytes >= 0),
    body_gzip       bytea NOT NULL
);
CREATE INDEX raw_payloads_fetched_at_idx ON raw_payloads (fetched_at);
CREATE INDEX raw_payloads_run_idx ON raw_payloads (ingest_run_id);
