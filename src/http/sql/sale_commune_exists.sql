-- Whether commune $1 has sales.
SELECT EXISTS (SELECT 1 FROM sales WHERE commune_code = $1)
