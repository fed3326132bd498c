SELECT reference, averaging, value, unit, allowed_exceedances FROM reference_thresholds WHERE variable = $1
