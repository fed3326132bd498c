SELECT y.station_id, st.name AS station, y.variable, y.year, y.unit, y.mean, y.days, y.complete_days,
       who.value AS who_annual, eu.value AS eu_annual,
       (SELECT count(*) FROM daily_exceedances e
        WHERE e.station_id = y.station_id AND e.variable = y.variable AND e.reference = 'WHO 2021'
          AND date_trunc('year', e.day)::date = y.year) AS days_above_who,
       who_day.value AS who_daily, worst.day AS worst_day, worst.mean AS worst
FROM yearly_aggregates y
JOIN stations st ON st.id = y.station_id AND st.kind = 'air_quality'
LEFT JOIN reference_thresholds who ON who.reference = 'WHO 2021' AND who.variable = y.variable AND who.averaging = 'year'
LEFT JOIN reference_thresholds eu ON eu.reference = 'EU 2008/50/EC' AND eu.variable = y.variable AND eu.averaging = 'year'
LEFT JOIN reference_thresholds who_day ON who_day.reference = 'WHO 2021' AND who_day.variable = y.variable AND who_day.averaging = 'day'
CROSS JOIN LATERAL (
    SELECT a.day, a.mean FROM daily_aggregates a
    WHERE a.station_id = y.station_id AND a.variable = y.variable AND date_trunc('year', a.day)::date = y.year
    ORDER BY a.mean DESC, a.day LIMIT 1
) AS worst
-- A year is summarised from 60 days of data; annual values are compared from 75% of the year.
WHERE y.days >= 60 AND y.year BETWEEN date_trunc('year', $1::date)::date AND $2 AND y.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2', 'co')
ORDER BY y.station_id, y.variable, y.year
