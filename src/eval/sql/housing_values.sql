-- From the sales themselves, not their statistics: the sales of one dwelling with a price per m² of
-- commune $1, dwelling $2 (NULL: both), size $3 (NULL: all; 5: five rooms or more), sold $4..$5 —
-- how many, the quartiles and median of their €/m², their median price and built surface.
SELECT count(*)::float8,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY eur_per_m2),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY eur_per_m2),
       percentile_cont(0.75) WITHIN GROUP (ORDER BY eur_per_m2),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY price_eur),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY built_m2)
FROM sales
WHERE eur_per_m2 IS NOT NULL AND commune_code = $1 AND ($2::text IS NULL OR dwelling = $2)
  AND ($3::int IS NULL OR CASE WHEN $3 >= 5 THEN rooms >= 5 ELSE rooms = $3 END)
  AND sold_on BETWEEN $4 AND $5
