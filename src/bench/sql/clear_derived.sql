-- Everything derived from the measurements, for a refresh from scratch (a scratch database only).
TRUNCATE chunks, correlations, daily_aggregates
