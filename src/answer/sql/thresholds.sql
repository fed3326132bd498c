SELECT variable, reference, averaging, value, unit, allowed_exceedances FROM reference_thresholds
