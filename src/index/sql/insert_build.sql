INSERT INTO index_builds (id, model, model_sha256, dimension, vector_index, chunks, vectors, embedded, reused, started_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
