-- Every station with what it measures and over which days.
SELECT st.id, st.code, st.name, st.kind, st.source, st.latitude, st.longitude, st.elevation_m,
       coalesce(array_agg(DISTINCT a.variable ORDER BY a.variable) FILTER (WHERE a.variable IS NOT NULL), '{}') AS variables,
       min(a.day) AS first_day, max(a.day) AS last_day
FROM stations st
LEFT JOIN daily_aggregates a ON a.station_id = st.id
GROUP BY st.id
ORDER BY st.id
