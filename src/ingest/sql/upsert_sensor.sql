WITH upserted AS (
    INSERT INTO sensors (station_id, source_ref, parameter, unit)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (station_id, source_ref) DO UPDATE
    SET parameter = EXCLUDED.parameter, unit = EXCLUDED.unit
    WHERE (sensors.parameter, sensors.unit) IS DISTINCT FROM (EXCLUDED.parameter, EXCLUDED.unit)
    RETURNING id
)
SELECT id FROM upserted
UNION ALL
SELECT id FROM sensors WHERE station_id = $1 AND source_ref = $2
LIMIT 1
