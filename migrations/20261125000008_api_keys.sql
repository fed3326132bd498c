-- API keys: only a SHA-256 of each key is kept; the key itself is shown once, at creation.
CREATE TABLE api_keys (
    id              bigserial PRIMARY KEY,
    name            text NOT NULL,
    -- The key's first characters, to recognise it in a list.
    prefix          text NOT NULL,
    key_sha256      bytea NOT NULL UNIQUE,
    scopes          text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'admin']::text[] AND cardinality(scopes) > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);

-- Briefs for journalists: stored, so a link keeps working.
CREATE TABLE briefs (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    period_start    date NOT NULL,
    period_end      date NOT NULL CHECK (period_end >= period_start),
    topics          text[] NOT NULL,
    lang            text NOT NULL CHECK (lang IN ('fr', 'en')),
    mode            text NOT NULL CHECK (mode IN ('grounded', 'llm')),
    headline        text NOT NULL,
    markdown        text NOT NULL,
    html            text NOT NULL,
    data_csv        text NOT NULL,
    facts           jsonb NOT NULL,
    citations       jsonb NOT NULL
);
CREATE INDEX briefs_created_at_idx ON briefs (created_at DESC);
