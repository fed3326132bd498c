SELECT m.station_id, st.name AS station, m.variable, m.month, m.unit, m.mean, m.min, m.max, m.days, m.complete_days,
       (SELECT count(*) FROM daily_exceedances e
        WHERE e.station_id = m.station_id AND e.variable = m.variable AND e.reference = 'WHO 2021'
          AND date_trunc('month', e.day)::date = m.month) AS days_above_who,
       who.value AS who_guideline, previous.mean AS previous_mean, year_before.mean AS year_before_mean
FROM monthly_aggregates m
JOIN stations st ON st.id = m.station_id AND st.kind = 'air_quality'
LEFT JOIN reference_thresholds who ON who.reference = 'WHO 2021' AND who.variable = m.variable AND who.averaging = 'day'
LEFT JOIN monthly_aggregates previous
       ON previous.station_id = m.station_id AND previous.variable = m.variable
      AND previous.month = (m.month - interval '1 month')::date
LEFT JOIN monthly_aggregates year_before
       ON year_before.station_id = m.station_id AND year_before.variable = m.variable
      AND year_before.month = (m.month - interval '1 year')::date
-- A month is summarised from 10 days of data: fewer would make a misleading monthly figure.
WHERE m.days >= 10 AND m.month BETWEEN date_trunc('month', $1::date)::date AND $2 AND m.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2', 'co')
ORDER BY m.station_id, m.variable, m.month
