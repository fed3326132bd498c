-- Text chunks: what the summarizer says about the data, in French and English, with the facts
-- (each number, its unit and the aggregate rows it comes from) the text states.
CREATE TABLE chunks (
    -- Stable for the same kind, language, period, station and variables.
    id              bigint PRIMARY KEY,
    kind            text NOT NULL,
    lang            text NOT NULL CHECK (lang IN ('fr', 'en')),
    period_start    date NOT NULL,
    period_end      date NOT NULL CHECK (period_end >= period_start),
    station_id      bigint REFERENCES stations (id) ON DELETE CASCADE,
    variables       text[] NOT NULL,
    title           text NOT NULL,
    body            text NOT NULL,
    facts           jsonb NOT NULL,
    content_hash    bytea NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chunks_period_idx ON chunks (period_start, period_end);
CREATE INDEX chunks_kind_lang_idx ON chunks (kind, lang);
