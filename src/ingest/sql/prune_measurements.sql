-- One batch of raw measurements past retention whose day already has its daily aggregate.
WITH doomed AS (
    SELECT m.ctid
    FROM measurements m
    JOIN sensors s ON s.id = m.sensor_id
    WHERE m.period_start < $1
      AND EXISTS (
          SELECT 1 FROM daily_aggregates a
          WHERE a.station_id = s.station_id AND a.variable = s.parameter
            AND a.day = (m.period_start AT TIME ZONE $2)::date)
    LIMIT $3
)
DELETE FROM measurements WHERE ctid IN (SELECT ctid FROM doomed)
