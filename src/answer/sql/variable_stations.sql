-- The stations holding daily values of variable $1, with their first and last day, and whether they
-- lie within the city's radius ($2 latitude, $3 longitude, $4 km).
SELECT st.id, st.name, st.kind, min(a.day) AS first_day, max(a.day) AS last_day,
       coalesce(2 * 6371 * asin(sqrt(power(sin(radians(st.latitude - $2) / 2), 2)
                + cos(radians($2)) * cos(radians(st.latitude)) * power(sin(radians(st.longitude - $3) / 2), 2))) <= $4,
                false) AS in_city
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
WHERE a.variable = $1
GROUP BY st.id
ORDER BY st.id
