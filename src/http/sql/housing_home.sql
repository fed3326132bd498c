-- The price statistics of flats and houses (all sizes) of the commune named $1, by year and quarter.
SELECT st.commune_code, st.dwelling, st.period, st.period_start, st.sales, st.eur_per_m2_median, st.change_pct
FROM sale_stats st
WHERE st.commune_code = (SELECT commune_code FROM sales WHERE lower(commune) = lower($1) ORDER BY commune_code LIMIT 1)
  AND st.period IN ('year', 'quarter') AND st.rooms = 'all' AND st.dwelling IN ('flat', 'house')
ORDER BY st.period, st.period_start, st.dwelling
