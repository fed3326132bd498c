-- The price statistics of commune $1 (every commune when NULL), dwelling $2, period $3, rooms $4,
-- for the periods starting in $5..$6, oldest first.
SELECT st.commune_code, c.commune, st.dwelling, st.period, st.period_start, st.rooms, st.sales,
       st.eur_per_m2_q1, st.eur_per_m2_median, st.eur_per_m2_q3, st.price_median, st.built_m2_median, st.change_pct
FROM sale_stats st
JOIN LATERAL (SELECT commune FROM sales s WHERE s.commune_code = st.commune_code LIMIT 1) c ON true
WHERE ($1::text IS NULL OR st.commune_code = $1)
  AND st.dwelling = $2 AND st.period = $3 AND st.rooms = $4
  AND ($5::date IS NULL OR st.period_start >= $5)
  AND ($6::date IS NULL OR st.period_start <= $6)
ORDER BY st.commune_code, st.period_start
