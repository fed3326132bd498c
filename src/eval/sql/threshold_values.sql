SELECT value FROM reference_thresholds WHERE variable = $1
UNION ALL
SELECT allowed_exceedances::float8 FROM reference_thresholds WHERE variable = $1 AND allowed_exceedances IS NOT NULL
