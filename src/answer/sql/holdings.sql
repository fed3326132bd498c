-- Every station, whether it lies within the city's radius ($1 latitude, $2 longitude, $3 km), and
-- its first and last day of each variable it holds (a station holding nothing has one row without
-- a variable), found by walking the primary key: a few index probes per station and variable,
-- however many days there are. With them, the end of the last ingest that wrote anything.
WITH RECURSIVE pairs AS (
    (SELECT station_id, variable FROM daily_aggregates ORDER BY station_id, variable LIMIT 1)
    UNION ALL
    SELECT next.station_id, next.variable
    FROM pairs p,
         LATERAL (SELECT d.station_id, d.variable FROM daily_aggregates d
                  WHERE (d.station_id, d.variable) > (p.station_id, p.variable)
                  ORDER BY d.station_id, d.variable
                  LIMIT 1) next
)
SELECT st.id, st.name, st.code, st.kind,
       coalesce(2 * 6371 * asin(sqrt(power(sin(radians(st.latitude - $1) / 2), 2)
                + cos(radians($1)) * cos(radians(st.latitude)) * power(sin(radians(st.longitude - $2) / 2), 2))) <= $3,
                false) AS in_city,
       p.variable,
       (SELECT min(day) FROM daily_aggregates d WHERE d.station_id = p.station_id AND d.variable = p.variable) AS first_day,
       (SELECT max(day) FROM daily_aggregates d WHERE d.station_id = p.station_id AND d.variable = p.variable) AS last_day,
       (SELECT max(finished_at) FROM ingest_runs WHERE status IN ('succeeded', 'partial')) AS last_ingest
FROM stations st
LEFT JOIN pairs p ON p.station_id = st.id
ORDER BY st.id, p.variable
