-- The sales in the price statistics of commune $1 in year $2 (of dwelling $3 and rooms $4 ('1'..'4',
-- '5+'), any when NULL) that have coordinates.
SELECT longitude, latitude, eur_per_m2
FROM sales
WHERE commune_code = $1 AND eur_per_m2 IS NOT NULL AND longitude IS NOT NULL AND latitude IS NOT NULL
  AND sold_on >= make_date($2, 1, 1) AND sold_on < make_date($2 + 1, 1, 1)
  AND ($3::text IS NULL OR dwelling = $3)
  AND ($4::text IS NULL OR (CASE WHEN rooms >= 5 THEN '5+' ELSE rooms::text END) = $4)
