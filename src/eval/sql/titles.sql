SELECT title FROM chunks WHERE id = ANY($1) ORDER BY array_position($1, id)
