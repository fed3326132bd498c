-- Air-quality stations within the city's radius ($1 latitude, $2 longitude, $3 km).
SELECT id FROM stations
WHERE kind = 'air_quality' AND latitude IS NOT NULL AND longitude IS NOT NULL
  AND 2 * 6371 * asin(sqrt(power(sin(radians(latitude - $1) / 2), 2)
                           + cos(radians($1)) * cos(radians(latitude)) * power(sin(radians(longitude - $2) / 2), 2))) <= $3
ORDER BY id
