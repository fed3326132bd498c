-- The sales in the price statistics of commune $1 in year $2 that have coordinates.
SELECT longitude, latitude, eur_per_m2
FROM sales
WHERE commune_code = $1 AND eur_per_m2 IS NOT NULL AND longitude IS NOT NULL AND latitude IS NOT NULL
  AND sold_on >= make_date($2, 1, 1) AND sold_on < make_date($2 + 1, 1, 1)
