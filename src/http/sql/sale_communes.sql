-- The communes with sales, most sales first.
SELECT commune_code, min(commune) AS commune, count(*) AS sales
FROM sales
GROUP BY commune_code
ORDER BY count(*) DESC, commune_code
