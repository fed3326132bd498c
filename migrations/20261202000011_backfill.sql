-- The first-run back-fill: per feed, the days it covers and how far it has come. It walks from the
-- newest day back, so the service answers about recent days first; a restart resumes at next_day.
CREATE TABLE backfill (
    feed            text PRIMARY KEY,
    first_day       date NOT NULL,
    last_day        date NOT NULL,
    -- The newest day not yet loaded; NULL when the feed is done.
    next_day        date,
    failures        integer NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (first_day <= last_day),
    CHECK (next_day IS NULL OR next_day BETWEEN first_day AND last_day)
);
