-- The price statistics of flats and houses per commune, for the years and quarters that meet
-- $1..$2, with the commune's name.
SELECT st.commune_code, c.commune, st.dwelling, st.period, st.period_start,
       (CASE st.period WHEN 'year' THEN st.period_start + interval '1 year' ELSE st.period_start + interval '3 months' END
        - interval '1 day')::date AS period_end,
       st.sales, st.eur_per_m2_q1, st.eur_per_m2_median, st.eur_per_m2_q3, st.price_median, st.built_m2_median,
       st.change_pct
FROM sale_stats st
JOIN LATERAL (SELECT commune FROM sales s WHERE s.commune_code = st.commune_code LIMIT 1) c ON true
WHERE st.dwelling IN ('flat', 'house') AND st.period IN ('year', 'quarter') AND st.rooms = 'all'
  AND st.period_start <= $2
  AND (CASE st.period WHEN 'year' THEN st.period_start + interval '1 year' ELSE st.period_start + interval '3 months' END)::date > $1
ORDER BY st.commune_code, st.dwelling, st.period, st.period_start
