-- Sales whose rows disagree on what every row of a sale repeats: the date and the price.
SELECT mutation, min(line) AS line
FROM staging_sale_rows
GROUP BY mutation
HAVING count(DISTINCT sold_on) > 1 OR count(DISTINCT coalesce(price_eur, -1)) > 1
