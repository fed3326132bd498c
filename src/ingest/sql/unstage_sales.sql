DELETE FROM staging_sale_rows WHERE mutation = ANY($1)
