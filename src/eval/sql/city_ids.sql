-- The stations whose mean is the city's for variable $1 (air stations within $4 km of $2, $3).
SELECT id FROM stations
WHERE kind = 'air_quality' AND latitude IS NOT NULL AND longitude IS NOT NULL
  AND 2 * 6371 * asin(sqrt(power(sin(radians(latitude - $2) / 2), 2)
                           + cos(radians($2)) * cos(radians(latitude)) * power(sin(radians(longitude - $3) / 2), 2))) <= $4
  AND EXISTS (SELECT 1 FROM daily_aggregates a WHERE a.station_id = stations.id AND a.variable = $1)
ORDER BY id
