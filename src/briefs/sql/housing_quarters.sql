-- The price statistics of flats and houses (all sizes) of the commune named $1, for the quarters
-- that lie within $2..$3, oldest first.
SELECT st.commune_code, st.dwelling, st.period_start, st.sales, st.eur_per_m2_median, st.change_pct
FROM sale_stats st
WHERE st.commune_code = (SELECT commune_code FROM sales WHERE lower(commune) = lower($1) ORDER BY commune_code LIMIT 1)
  AND st.period = 'quarter' AND st.rooms = 'all' AND st.dwelling IN ('flat', 'house')
  AND st.period_start >= $2 AND (st.period_start + interval '3 months' - interval '1 day')::date <= $3
ORDER BY st.period_start, st.dwelling
