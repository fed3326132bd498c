-- Every answered question: what was asked and how it was answered. No IP address, no client data.
CREATE TABLE question_log (
    id              bigserial PRIMARY KEY,
    asked_at        timestamptz NOT NULL DEFAULT now(),
    question        text NOT NULL,
    lang            text NOT NULL CHECK (lang IN ('fr', 'en')),
    as_of           date NOT NULL,
    status          text NOT NULL CHECK (status IN ('answered', 'no_data')),
    mode            text NOT NULL CHECK (mode IN ('grounded', 'llm')),
    -- What the LLM draft became: accepted, repaired, replaced, failed (NULL without an LLM).
    llm_outcome     text,
    citations       jsonb NOT NULL,
    timings_ms      jsonb NOT NULL
);
CREATE INDEX question_log_asked_at_idx ON question_log (asked_at);
