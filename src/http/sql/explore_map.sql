-- The measuring stations with coordinates that hold variable $1, each with its latest day's mean.
SELECT st.id, st.name, st.latitude, st.longitude, last.day, last.mean
FROM stations st
JOIN LATERAL (
    SELECT a.day, a.mean FROM daily_aggregates a
    WHERE a.station_id = st.id AND a.variable = $1
    ORDER BY a.day DESC
    LIMIT 1
) last ON true
WHERE st.kind IN ('air_quality', 'weather') AND st.latitude IS NOT NULL AND st.longitude IS NOT NULL
ORDER BY st.name
