-- Daily weather aggregates for the days $2..$3 (calendar days in the time zone $1): mean, min, max
-- of temperature, humidity, wind speed, gusts (the max is the day's strongest) and sea-level
-- pressure; precipitation as the sum of the periods ending in that day. A station observing every 3 hours expects 8 values a day, else 24.
WITH observations AS (
    SELECT w.*, (w.observed_at AT TIME ZONE $1)::date AS day,
           bool_and(extract(minute FROM w.observed_at) = 0
                    AND extract(hour FROM w.observed_at AT TIME ZONE 'UTC')::int % 3 = 0)
               OVER (PARTITION BY w.station_id, (w.observed_at AT TIME ZONE $1)::date) AS three_hourly
    FROM weather_observations w
    WHERE w.observed_at >= ($2::date - 1)::timestamptz AND w.observed_at < ($3::date + 2)::timestamptz
), readings AS (
    SELECT o.station_id, o.day, CASE WHEN o.three_hourly THEN 8 ELSE 24 END AS expected, v.variable, v.unit, v.value
    FROM observations o
    CROSS JOIN LATERAL (VALUES
        ('temperature', '°C', o.temperature_c),
        ('humidity', '%', o.humidity_pct),
        ('wind_speed', 'm/s', o.wind_speed_ms),
        ('wind_gust', 'm/s', o.wind_gust_ms),
        ('pressure_msl', 'hPa', o.pressure_msl_hpa),
        ('precipitation', 'mm', o.precipitation_mm)
    ) AS v (variable, unit, value)
    WHERE v.value IS NOT NULL AND o.day BETWEEN $2 AND $3
), daily AS (
    SELECT station_id, variable, day, min(unit) AS unit, avg(value ORDER BY value) AS mean, min(value) AS min, max(value) AS max,
           CASE WHEN variable = 'precipitation' THEN sum(value ORDER BY value) END AS total,
           count(*)::int AS observations, max(expected) AS expected
    FROM readings
    GROUP BY station_id, variable, day
), upserted AS (
    INSERT INTO daily_aggregates (station_id, variable, day, unit, mean, min, max, total, observations, expected, complete)
    SELECT station_id, variable, day, unit, mean, min, max, total, observations, expected,
           observations >= ceil(0.75 * expected)
    FROM daily
    ON CONFLICT (station_id, variable, day) DO UPDATE
    SET unit = EXCLUDED.unit, mean = EXCLUDED.mean, min = EXCLUDED.min, max = EXCLUDED.max, total = EXCLUDED.total,
        observations = EXCLUDED.observations, expected = EXCLUDED.expected, complete = EXCLUDED.complete,
        computed_at = now()
    WHERE (daily_aggregates.unit, daily_aggregates.mean, daily_aggregates.min, daily_aggregates.max,
           daily_aggregates.total, daily_aggregates.observations, daily_aggregates.expected)
          IS DISTINCT FROM
          (EXCLUDED.unit, EXCLUDED.mean, EXCLUDED.min, EXCLUDED.max, EXCLUDED.total, EXCLUDED.observations,
           EXCLUDED.expected)
    RETURNING 1
)
SELECT count(*) FROM upserted
