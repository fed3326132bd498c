-- The official colours of the ATMO classes (reference/atmo_index_france_2021_arrete_2020-07-10.csv),
-- for calendars and maps.
ALTER TABLE index_bands ADD COLUMN colour text;
UPDATE index_bands
SET colour = (ARRAY['#50F0E6', '#50CCAA', '#F0E641', '#FF5050', '#960032', '#872181'])[class]
WHERE index_name = 'ATMO';
