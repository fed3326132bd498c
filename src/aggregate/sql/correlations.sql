-- Recomputes every correlation (cheap: one row per day and pair). Spearman is Pearson over ranks,
-- ties taking their average rank; values equal to 9 decimals are ties (a daily mean's last bits
-- depend on the order of its additions). Periods with fewer than 3 common days are left out.
WITH pairs AS (
    SELECT p.station_id AS air_station_id, p.variable AS pollutant,
           w.station_id AS weather_station_id, w.variable AS weather_variable,
           p.day, p.mean AS x, coalesce(w.total, w.mean) AS y,
           round(p.mean::numeric, 9) AS tie_x, round(coalesce(w.total, w.mean)::numeric, 9) AS tie_y
    FROM daily_aggregates p
    JOIN stations ps ON ps.id = p.station_id AND ps.kind = 'air_quality'
    JOIN daily_aggregates w ON w.day = p.day
    JOIN stations ws ON ws.id = w.station_id AND ws.kind = 'weather'
    WHERE p.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2')
      AND w.variable IN ('temperature', 'wind_speed', 'precipitation', 'humidity', 'pressure_msl')
), periods AS (
    SELECT pairs.*, k.period_kind, k.period_start, k.period_end
    FROM pairs
    CROSS JOIN LATERAL (VALUES
        ('month', date_trunc('month', day)::date),
        ('season', date_trunc('month', day - make_interval(months => extract(month FROM day)::int % 3))::date),
        ('year', date_trunc('year', day)::date)
    ) AS s (period_kind, period_start)
    CROSS JOIN LATERAL (SELECT s.period_kind,
                               s.period_start,
                               (s.period_start + CASE s.period_kind WHEN 'month' THEN interval '1 month'
                                                                   WHEN 'season' THEN interval '3 months'
                                                                   ELSE interval '1 year' END)::date - 1 AS period_end) AS k
), ranked AS (
    SELECT periods.*,
           rank() OVER g_x + (count(*) OVER (PARTITION BY air_station_id, pollutant, weather_station_id, weather_variable,
                                                         period_kind, period_start, tie_x) - 1) / 2.0 AS rank_x,
           rank() OVER g_y + (count(*) OVER (PARTITION BY air_station_id, pollutant, weather_station_id, weather_variable,
                                                         period_kind, period_start, tie_y) - 1) / 2.0 AS rank_y
    FROM periods
    WINDOW g_x AS (PARTITION BY air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start
                   ORDER BY tie_x),
           g_y AS (PARTITION BY air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start
                   ORDER BY tie_y)
), computed AS (
    SELECT air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start,
           min(period_end) AS period_end, count(*)::int AS n, corr(x, y ORDER BY day) AS pearson, corr(rank_x, rank_y ORDER BY day) AS spearman
    FROM ranked
    GROUP BY air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start
    HAVING count(*) >= 3
), removed AS (
    DELETE FROM correlations c
    WHERE NOT EXISTS (
        SELECT 1 FROM computed n
        WHERE (n.air_station_id, n.pollutant, n.weather_station_id, n.weather_variable, n.period_kind, n.period_start)
            = (c.air_station_id, c.pollutant, c.weather_station_id, c.weather_variable, c.period_kind, c.period_start))
    RETURNING 1
), upserted AS (
    INSERT INTO correlations (air_station_id, pollutant, weather_station_id, weather_variable, period_kind,
                              period_start, period_end, n, pearson, spearman)
    SELECT * FROM computed
    ON CONFLICT (air_station_id, pollutant, weather_station_id, weather_variable, period_kind, period_start) DO UPDATE
    SET period_end = EXCLUDED.period_end, n = EXCLUDED.n, pearson = EXCLUDED.pearson, spearman = EXCLUDED.spearman,
        computed_at = now()
    WHERE (correlations.n, correlations.pearson, correlations.spearman)
          IS DISTINCT FROM (EXCLUDED.n, EXCLUDED.pearson, EXCLUDED.spearman)
    RETURNING 1
)
SELECT (SELECT count(*) FROM upserted) AS changed, (SELECT count(*) FROM removed) AS removed
