SELECT id, content_hash FROM chunks WHERE period_end >= $1 AND period_start <= $2
