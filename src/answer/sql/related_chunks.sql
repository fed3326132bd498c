-- The chunks $1 (retrieval's best first), with what they state.
SELECT id, title, body, period_start, period_end, facts
FROM chunks
WHERE id = ANY($1)
ORDER BY array_position($1, id)
