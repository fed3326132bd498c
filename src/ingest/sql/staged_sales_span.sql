SELECT min(sold_on), max(sold_on) FROM staging_sale_rows
