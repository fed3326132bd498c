SELECT id, title || E'\n' || body FROM chunks
