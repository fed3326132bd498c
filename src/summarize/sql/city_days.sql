-- The city's daily air: the mean of the daily means of the stations within the city's radius
-- ($3 latitude, $4 longitude, $5 km), with the lowest and highest station.
WITH city AS (
    SELECT id, name FROM stations
    WHERE kind = 'air_quality' AND latitude IS NOT NULL AND longitude IS NOT NULL
      AND 2 * 6371 * asin(sqrt(power(sin(radians(latitude - $3) / 2), 2)
                               + cos(radians($3)) * cos(radians(latitude)) * power(sin(radians(longitude - $4) / 2), 2))) <= $5
), days AS (
    SELECT a.variable, a.day, min(a.unit) AS unit, avg(a.mean ORDER BY a.station_id) AS mean, count(*) AS stations,
           (array_agg(c.name ORDER BY a.mean, c.name))[1] AS lowest_station, min(a.mean) AS lowest,
           (array_agg(c.name ORDER BY a.mean DESC, c.name))[1] AS highest_station, max(a.mean) AS highest,
           bool_and(a.complete) AS complete
    FROM daily_aggregates a
    JOIN city c ON c.id = a.station_id
    WHERE a.day BETWEEN $1 AND $2 AND a.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2', 'co')
    GROUP BY a.variable, a.day
)
SELECT days.*, who.value AS who_guideline
FROM days
LEFT JOIN reference_thresholds who ON who.reference = 'WHO 2021' AND who.variable = days.variable AND who.averaging = 'day'
ORDER BY days.variable, days.day
