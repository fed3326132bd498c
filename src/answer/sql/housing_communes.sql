-- The communes with sales in the price statistics, the most first: code, name, first and last day.
SELECT commune_code, min(commune) AS commune, min(sold_on) AS first_sale, max(sold_on) AS last_sale
FROM sales
WHERE eur_per_m2 IS NOT NULL
GROUP BY commune_code
ORDER BY count(*) DESC, commune_code
