-- Official reference values the aggregates compare with. Each row is checked by the test suite
-- against the tables in shared/data/reference (WHO 2021 guidelines, Directive 2008/50/EC,
-- French ATMO index of the arrêté of 10 July 2020, European AQI bands before the 2024 revision).

CREATE TABLE reference_thresholds (
    reference           text NOT NULL,
    variable            text NOT NULL,
    averaging           text NOT NULL CHECK (averaging IN ('day', 'year')),
    value               double precision NOT NULL,
    unit                text NOT NULL,
    allowed_exceedances integer,
    PRIMARY KEY (reference, variable, averaging)
);

INSERT INTO reference_thresholds (reference, variable, averaging, value, unit, allowed_exceedances) VALUES
    ('WHO 2021', 'pm25', 'day', 15, 'µg/m³', NULL),
    ('WHO 2021', 'pm10', 'day', 45, 'µg/m³', NULL),
    ('WHO 2021', 'no2', 'day', 25, 'µg/m³', NULL),
    ('WHO 2021', 'so2', 'day', 40, 'µg/m³', NULL),
    ('WHO 2021', 'co', 'day', 4000, 'µg/m³', NULL),
    ('WHO 2021', 'pm25', 'year', 5, 'µg/m³', NULL),
    ('WHO 2021', 'pm10', 'year', 15, 'µg/m³', NULL),
    ('WHO 2021', 'no2', 'year', 10, 'µg/m³', NULL),
    ('EU 2008/50/EC', 'pm10', 'day', 50, 'µg/m³', 35),
    ('EU 2008/50/EC', 'so2', 'day', 125, 'µg/m³', 3),
    ('EU 2008/50/EC', 'pm10', 'year', 40, 'µg/m³', NULL),
    ('EU 2008/50/EC', 'pm25', 'year', 25, 'µg/m³', NULL),
    ('EU 2008/50/EC', 'no2', 'year', 40, 'µg/m³', NULL);

-- Index classes by upper bound of the daily value (the bound belongs to the class; NULL = no bound).
CREATE TABLE index_bands (
    index_name  text NOT NULL CHECK (index_name IN ('ATMO', 'EAQI')),
    variable    text NOT NULL,
    class       smallint NOT NULL,
    label_fr    text NOT NULL,
    label_en    text NOT NULL,
    upper_bound double precision,
    PRIMARY KEY (index_name, variable, class)
);

-- ATMO: PM sub-indices from the daily mean rounded to the unit.
INSERT INTO index_bands (index_name, variable, class, label_fr, label_en, upper_bound) VALUES
    ('ATMO', 'pm25', 1, 'bon', 'good', 10), ('ATMO', 'pm25', 2, 'moyen', 'fair', 20),
    ('ATMO', 'pm25', 3, 'dégradé', 'moderate', 25), ('ATMO', 'pm25', 4, 'mauvais', 'poor', 50),
    ('ATMO', 'pm25', 5, 'très mauvais', 'very poor', 75), ('ATMO', 'pm25', 6, 'extrêmement mauvais', 'extremely poor', NULL),
    ('ATMO', 'pm10', 1, 'bon', 'good', 20), ('ATMO', 'pm10', 2, 'moyen', 'fair', 40),
    ('ATMO', 'pm10', 3, 'dégradé', 'moderate', 50), ('ATMO', 'pm10', 4, 'mauvais', 'poor', 100),
    ('ATMO', 'pm10', 5, 'très mauvais', 'very poor', 150), ('ATMO', 'pm10', 6, 'extrêmement mauvais', 'extremely poor', NULL),
-- European AQI (EEA bands before 2024): PM on the 24-hour mean.
    ('EAQI', 'pm25', 1, 'bon', 'good', 10), ('EAQI', 'pm25', 2, 'correct', 'fair', 20),
    ('EAQI', 'pm25', 3, 'moyen', 'moderate', 25), ('EAQI', 'pm25', 4, 'médiocre', 'poor', 50),
    ('EAQI', 'pm25', 5, 'très médiocre', 'very poor', 75), ('EAQI', 'pm25', 6, 'extrêmement médiocre', 'extremely poor', NULL),
    ('EAQI', 'pm10', 1, 'bon', 'good', 20), ('EAQI', 'pm10', 2, 'correct', 'fair', 40),
    ('EAQI', 'pm10', 3, 'moyen', 'moderate', 50), ('EAQI', 'pm10', 4, 'médiocre', 'poor', 100),
    ('EAQI', 'pm10', 5, 'très médiocre', 'very poor', 150), ('EAQI', 'pm10', 6, 'extrêmement médiocre', 'extremely poor', NULL);
