-- The bands of both indices for variable $1, lowest class first.
SELECT index_name, class, upper_bound FROM index_bands WHERE variable = $1 ORDER BY index_name, class
