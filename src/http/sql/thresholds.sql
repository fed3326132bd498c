SELECT reference, variable, averaging, value, unit, allowed_exceedances
FROM reference_thresholds
WHERE ($1::text IS NULL OR reference = $1) AND ($2::text IS NULL OR variable = $2)
ORDER BY reference, variable, averaging
