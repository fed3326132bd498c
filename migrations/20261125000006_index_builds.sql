-- Index builds: each a directory under indexes/builds/ holding FAISS vectors and a tantivy index
-- of the chunks, made by one embedding model. The files are a cache, rebuildable from `chunks`.
CREATE TABLE index_builds (
    id              text PRIMARY KEY,
    model           text NOT NULL,
    model_sha256    text NOT NULL,
    dimension       integer NOT NULL CHECK (dimension > 0),
    vector_index    text NOT NULL,
    chunks          integer NOT NULL CHECK (chunks >= 0),
    vectors         integer NOT NULL CHECK (vectors >= 0),
    embedded        integer NOT NULL CHECK (embedded >= 0),
    reused          integer NOT NULL CHECK (reused >= 0),
    started_at      timestamptz NOT NULL,
    published_at    timestamptz NOT NULL DEFAULT now()
);
