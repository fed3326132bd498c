DELETE FROM chunks WHERE id = ANY ($1)
