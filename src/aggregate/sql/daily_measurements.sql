-- Daily aggregates of measurements for the days $2..$3. Sub-daily values fall on their calendar day
-- in the city's time zone ($1); a value of a day or more keeps its own (UTC) date. Complete when at
-- least 75% of the expected values (one day / the usual period length) exist.
WITH readings AS (
    SELECT s.station_id, s.parameter AS variable, s.unit, m.value,
           extract(epoch FROM m.period_end - m.period_start) AS seconds,
           CASE WHEN m.period_end - m.period_start >= interval '1 day'
                THEN (m.period_start AT TIME ZONE 'UTC')::date
                ELSE (m.period_start AT TIME ZONE $1)::date END AS day
    FROM measurements m
    JOIN sensors s ON s.id = m.sensor_id
    WHERE m.period_start >= ($2::date - 1)::timestamptz AND m.period_start < ($3::date + 2)::timestamptz
), daily AS (
    SELECT station_id, variable, day, min(unit) AS unit, avg(value ORDER BY value) AS mean, min(value) AS min, max(value) AS max,
           count(*)::int AS observations,
           greatest(1, round(86400 / percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds)))::int AS expected
    FROM readings
    WHERE day BETWEEN $2 AND $3
    GROUP BY station_id, variable, day
), upserted AS (
    INSERT INTO daily_aggregates (station_id, variable, day, unit, mean, min, max, total, observations, expected, complete)
    SELECT station_id, variable, day, unit, mean, min, max, NULL, observations, expected,
           observations >= ceil(0.75 * expected)
    FROM daily
    ON CONFLICT (station_id, variable, day) DO UPDATE
    SET unit = EXCLUDED.unit, mean = EXCLUDED.mean, min = EXCLUDED.min, max = EXCLUDED.max,
        observations = EXCLUDED.observations, expected = EXCLUDED.expected, complete = EXCLUDED.complete,
        computed_at = now()
    WHERE (daily_aggregates.unit, daily_aggregates.mean, daily_aggregates.min, daily_aggregates.max,
           daily_aggregates.observations, daily_aggregates.expected)
          IS DISTINCT FROM
          (EXCLUDED.unit, EXCLUDED.mean, EXCLUDED.min, EXCLUDED.max, EXCLUDED.observations, EXCLUDED.expected)
    RETURNING 1
)
SELECT count(*) FROM upserted
