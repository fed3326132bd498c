-- The ATMO classes of variable $1, with their official colours (none for a variable without them).
SELECT class, label_fr, label_en, upper_bound, colour
FROM index_bands
WHERE index_name = 'ATMO' AND variable = $1
ORDER BY class
