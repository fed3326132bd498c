-- Daily aggregates per station and variable (filled by the aggregation step). Raw measurements
-- are pruned after retention only where the day's aggregate exists, so trends survive.
CREATE TABLE daily_aggregates (
    station_id      bigint NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    variable        text NOT NULL,
    day             date NOT NULL,
    unit            text NOT NULL,
    mean            double precision NOT NULL,
    min             double precision NOT NULL,
    max             double precision NOT NULL,
    -- The day's sum where a sum means something (precipitation), else NULL.
    total           double precision,
    observations    integer NOT NULL CHECK (observations > 0),
    expected        integer NOT NULL CHECK (expected > 0),
    complete        boolean NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, variable, day)
);
CREATE INDEX daily_aggregates_day_idx ON daily_aggregates (day);
