-- The price statistics of commune $1, dwelling $2 (flat, house, all), period $3 (year, quarter,
-- month) starting $4, size $5 ('1' to '4', '5+', all).
SELECT sales, eur_per_m2_q1, eur_per_m2_median, eur_per_m2_q3, price_median, built_m2_median, change_pct
FROM sale_stats
WHERE commune_code = $1 AND dwelling = $2 AND period = $3 AND period_start = $4 AND rooms = $5
