-- The chunk in language $1, of kinds $2, about station $3 (NULL: the city) and the variables $4,
-- whose period is $5..$6 (a chunk of a longer period does not state the period's figures).
SELECT c.id, c.kind, c.title, c.body, c.period_start, c.period_end
FROM chunks c
WHERE c.lang = $1 AND c.kind = ANY($2) AND c.station_id IS NOT DISTINCT FROM $3 AND c.variables @> $4
  AND c.period_start = $5 AND c.period_end = $6
ORDER BY c.id
LIMIT 1
