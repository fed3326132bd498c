-- The rows stored for the staged sales, which the staged rows replace.
DELETE FROM sale_rows r
USING sales s
WHERE r.sale_id = s.id AND s.mutation IN (SELECT mutation FROM staging_sale_rows)
