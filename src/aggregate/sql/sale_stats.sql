-- Every group of priced sales: per commune, dwelling (and both), period (year, quarter, month) and
-- size (and all sizes), its count, quartiles and medians (only from 10 sales), and the change of
-- its median against the same group a year earlier.
INSERT INTO sale_stats (
    commune_code, dwelling, period, period_start, rooms, sales, eur_per_m2_q1, eur_per_m2_median, eur_per_m2_q3,
    price_median, built_m2_median, change_pct
)
WITH keyed AS (
    SELECT s.commune_code, d.dwelling, p.period, p.period_start, r.rooms, s.eur_per_m2, s.price_eur, s.built_m2
    FROM sales s
    CROSS JOIN LATERAL (VALUES (s.dwelling), ('all')) AS d (dwelling)
    CROSS JOIN LATERAL (VALUES
        ('year', date_trunc('year', s.sold_on)::date),
        ('quarter', date_trunc('quarter', s.sold_on)::date),
        ('month', date_trunc('month', s.sold_on)::date)
    ) AS p (period, period_start)
    CROSS JOIN LATERAL (VALUES
        ('all'),
        (CASE WHEN s.rooms >= 5 THEN '5+' WHEN s.rooms >= 1 THEN s.rooms::text END)
    ) AS r (rooms)
    WHERE s.eur_per_m2 IS NOT NULL AND r.rooms IS NOT NULL
),
grouped AS (
    SELECT commune_code, dwelling, period, period_start, rooms, count(*) AS sales,
           percentile_cont(0.25) WITHIN GROUP (ORDER BY eur_per_m2) AS q1,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY eur_per_m2) AS median,
           percentile_cont(0.75) WITHIN GROUP (ORDER BY eur_per_m2) AS q3,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY price_eur) AS price_median,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY built_m2) AS built_m2_median
    FROM keyed
    GROUP BY commune_code, dwelling, period, period_start, rooms
),
kept AS (
    SELECT commune_code, dwelling, period, period_start, rooms, sales,
           CASE WHEN sales >= 10 THEN q1 END AS q1,
           CASE WHEN sales >= 10 THEN median END AS median,
           CASE WHEN sales >= 10 THEN q3 END AS q3,
           CASE WHEN sales >= 10 THEN price_median END AS price_median,
           CASE WHEN sales >= 10 THEN built_m2_median END AS built_m2_median
    FROM grouped
)
SELECT k.commune_code, k.dwelling, k.period, k.period_start, k.rooms, k.sales, k.q1, k.median, k.q3,
       k.price_median, k.built_m2_median,
       100 * (k.median - before.median) / before.median
FROM kept k
LEFT JOIN kept before
    ON before.commune_code = k.commune_code AND before.dwelling = k.dwelling AND before.period = k.period
   AND before.rooms = k.rooms AND before.period_start = (k.period_start - interval '1 year')::date
ORDER BY 1, 2, 3, 4, 5
