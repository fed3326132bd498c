-- The yearly price statistics of flats and houses by main rooms, for the years that meet $1..$2.
SELECT commune_code, dwelling, period_start, rooms, sales, eur_per_m2_median
FROM sale_stats
WHERE dwelling IN ('flat', 'house') AND period = 'year' AND rooms <> 'all'
  AND period_start <= $2 AND (period_start + interval '1 year')::date > $1
ORDER BY commune_code, dwelling, period_start, rooms
