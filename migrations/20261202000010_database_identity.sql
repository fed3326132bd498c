-- Who this database is: every index build on disk records it, so a service never serves the build
-- of another database that shares its index directory. One row, made once.
CREATE TABLE database_identity (
    one_row     boolean PRIMARY KEY DEFAULT true CHECK (one_row),
    id          uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO database_identity DEFAULT VALUES;
