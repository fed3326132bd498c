-- The city's months, from the city's daily means (see city_days.sql), with the month before and
-- the same month a year earlier.
WITH city AS (
    SELECT id FROM stations
    WHERE kind = 'air_quality' AND latitude IS NOT NULL AND longitude IS NOT NULL
      AND 2 * 6371 * asin(sqrt(power(sin(radians(latitude - $3) / 2), 2)
                               + cos(radians($3)) * cos(radians(latitude)) * power(sin(radians(longitude - $4) / 2), 2))) <= $5
), days AS (
    SELECT a.variable, a.day, min(a.unit) AS unit, avg(a.mean ORDER BY a.station_id) AS mean
    FROM daily_aggregates a
    JOIN city c ON c.id = a.station_id
    WHERE a.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2', 'co')
      AND a.day BETWEEN (date_trunc('month', $1::date) - interval '1 year')::date AND $2
    GROUP BY a.variable, a.day
), months AS (
    SELECT d.variable, date_trunc('month', d.day)::date AS month, min(d.unit) AS unit, avg(d.mean ORDER BY d.day) AS mean,
           count(*) AS days, count(*) FILTER (WHERE d.mean > who.value) AS days_above_who, min(who.value) AS who_guideline,
           (array_agg(d.day ORDER BY d.mean DESC, d.day))[1] AS worst_day, max(d.mean) AS worst
    FROM days d
    LEFT JOIN reference_thresholds who ON who.reference = 'WHO 2021' AND who.variable = d.variable AND who.averaging = 'day'
    GROUP BY d.variable, date_trunc('month', d.day)
)
SELECT m.*, previous.mean AS previous_mean, year_before.mean AS year_before_mean
FROM months m
LEFT JOIN months previous ON previous.variable = m.variable AND previous.month = (m.month - interval '1 month')::date
LEFT JOIN months year_before ON year_before.variable = m.variable AND year_before.month = (m.month - interval '1 year')::date
-- A month is summarised from 10 days of data: fewer would make a misleading monthly figure.
WHERE m.days >= 10 AND m.month >= date_trunc('month', $1::date)::date
ORDER BY m.variable, m.month
