SELECT id::text FROM database_identity
