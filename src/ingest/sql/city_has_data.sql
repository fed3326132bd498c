-- Whether any daily value exists at a station within the city's radius ($1 latitude, $2 longitude, $3 km).
SELECT EXISTS (
    SELECT 1 FROM daily_aggregates a
    JOIN stations st ON st.id = a.station_id
    WHERE 2 * 6371 * asin(sqrt(power(sin(radians(st.latitude - $1) / 2), 2)
                               + cos(radians($1)) * cos(radians(st.latitude)) * power(sin(radians(st.longitude - $2) / 2), 2))) <= $3
)
