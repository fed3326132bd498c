-- Every station, and whether it lies within the city's radius ($1 latitude, $2 longitude, $3 km).
SELECT id, name, code, kind,
       coalesce(2 * 6371 * asin(sqrt(power(sin(radians(latitude - $1) / 2), 2)
                + cos(radians($1)) * cos(radians(latitude)) * power(sin(radians(longitude - $2) / 2), 2))) <= $3,
                false) AS in_city
FROM stations
WHERE kind IN ('air_quality', 'weather')
ORDER BY id
