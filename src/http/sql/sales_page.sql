-- A page of sales in (sold_on, id) order after the cursor ($7, $8), with the optional filters
-- commune $1, dwelling $2, rooms $3 ('1'..'4', '5+'), days $4..$5 and, when $6, only the sales the
-- price statistics use; $9 rows.
SELECT id, mutation, sold_on, nature, price_eur, commune_code, commune, dwelling, built_m2, rooms, eur_per_m2,
       eur_per_m2 IS NOT NULL AS in_price_statistics, flats, houses, dependencies, business, longitude, latitude
FROM sales
WHERE ($1::text IS NULL OR commune_code = $1)
  AND ($2::text IS NULL OR dwelling = $2)
  AND ($3::text IS NULL OR (CASE WHEN rooms >= 5 THEN '5+' ELSE rooms::text END) = $3)
  AND ($4::date IS NULL OR sold_on >= $4)
  AND ($5::date IS NULL OR sold_on <= $5)
  AND (NOT $6 OR eur_per_m2 IS NOT NULL)
  AND ($7::date IS NULL OR (sold_on, id) > ($7, $8))
ORDER BY sold_on, id
LIMIT $9
