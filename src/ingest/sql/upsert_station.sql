WITH upserted AS (
    INSERT INTO stations (source, source_ref, code, name, kind, latitude, longitude, elevation_m)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (source, source_ref) DO UPDATE
    SET code = EXCLUDED.code, name = EXCLUDED.name, kind = EXCLUDED.kind, latitude = EXCLUDED.latitude,
        longitude = EXCLUDED.longitude, elevation_m = EXCLUDED.elevation_m, updated_at = now()
    WHERE (stations.code, stations.name, stations.kind, stations.latitude, stations.longitude, stations.elevation_m)
          IS DISTINCT FROM
          (EXCLUDED.code, EXCLUDED.name, EXCLUDED.kind, EXCLUDED.latitude, EXCLUDED.longitude, EXCLUDED.elevation_m)
    RETURNING id
)
SELECT id FROM upserted
UNION ALL
SELECT id FROM stations WHERE source = $1 AND source_ref = $2
LIMIT 1
