-- Roll-ups and analyses over daily aggregates.

CREATE VIEW monthly_aggregates AS
SELECT station_id, variable, date_trunc('month', day)::date AS month, min(unit) AS unit,
       avg(mean ORDER BY day) AS mean, min(min) AS min, max(max) AS max, sum(total ORDER BY day) AS total,
       count(*) AS days, count(*) FILTER (WHERE complete) AS complete_days
FROM daily_aggregates
GROUP BY station_id, variable, date_trunc('month', day);

CREATE VIEW yearly_aggregates AS
SELECT station_id, variable, date_trunc('year', day)::date AS year, min(unit) AS unit,
       avg(mean ORDER BY day) AS mean, min(min) AS min, max(max) AS max, sum(total ORDER BY day) AS total,
       count(*) AS days, count(*) FILTER (WHERE complete) AS complete_days
FROM daily_aggregates
GROUP BY station_id, variable, date_trunc('year', day);

-- Days whose mean is above a daily guideline or limit value.
CREATE VIEW daily_exceedances AS
SELECT a.station_id, a.variable, a.day, a.mean, a.complete, t.reference, t.value AS threshold
FROM daily_aggregates a
JOIN reference_thresholds t ON t.variable = a.variable AND t.averaging = 'day'
WHERE a.mean > t.value;

-- The ATMO class and European AQI band of each station-day, from the pollutants it has.
CREATE VIEW daily_index_classes AS
SELECT a.station_id, a.day, b.index_name, max(b.class) AS class,
       array_agg(DISTINCT a.variable ORDER BY a.variable) AS variables
FROM daily_aggregates a
JOIN LATERAL (
    SELECT index_name, min(class) AS class
    FROM index_bands b
    WHERE b.variable = a.variable
      AND (b.upper_bound IS NULL
           OR CASE WHEN b.index_name = 'ATMO' THEN round(a.mean::numeric)::float8 ELSE a.mean END <= b.upper_bound)
    GROUP BY index_name
) b ON true
GROUP BY a.station_id, a.day, b.index_name;

-- Pollution episodes: two or more consecutive days above the WHO 2021 daily guideline.
CREATE VIEW pollution_episodes AS
WITH above AS (
    SELECT e.station_id, e.variable, e.day, e.mean, e.threshold,
           e.day - (row_number() OVER (PARTITION BY e.station_id, e.variable ORDER BY e.day))::int AS run
    FROM daily_exceedances e
    WHERE e.reference = 'WHO 2021'
)
SELECT station_id, variable, min(day) AS start_day, max(day) AS end_day, count(*) AS days,
       max(mean) AS peak, (array_agg(day ORDER BY mean DESC, day))[1] AS peak_day, min(threshold) AS threshold
FROM above
GROUP BY station_id, variable, run
HAVING count(*) >= 2;

-- Pearson and Spearman correlations between a station's daily pollutant means and a weather
-- station's daily values, per month, season (DJF, MAM, JJA, SON; December opens winter) and year.
CREATE TABLE correlations (
    air_station_id      bigint NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    pollutant           text NOT NULL,
    weather_station_id  bigint NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    weather_variable    text NOT NULL,
    period_kind         text NOT NULL CHECK (period_kind IN ('month', 'season', 'year')),
    period_start        date NOT NULL,
    period_end          date NOT NULL,
    n                   integer NOT NULL CHECK (n >= 3),
    pearson             double precision,
    spearman            double precision,
    computed_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start)
);
