WITH upserted AS (
    INSERT INTO weather_observations (
        station_id, observed_at, temperature_c, dew_point_c, humidity_pct, wind_speed_ms, wind_gust_ms,
        wind_direction_deg, pressure_msl_hpa, pressure_station_hpa, precipitation_mm, precipitation_hours,
        visibility_m, cloud_cover_pct, ingest_run_id)
    SELECT rows.*, $15
    FROM UNNEST($1::bigint[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[],
                $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::int2[],
                $13::float8[], $14::float8[]) AS rows
    ON CONFLICT (station_id, observed_at) DO UPDATE
    SET temperature_c = EXCLUDED.temperature_c, dew_point_c = EXCLUDED.dew_point_c,
        humidity_pct = EXCLUDED.humidity_pct, wind_speed_ms = EXCLUDED.wind_speed_ms,
        wind_gust_ms = EXCLUDED.wind_gust_ms, wind_direction_deg = EXCLUDED.wind_direction_deg,
        pressure_msl_hpa = EXCLUDED.pressure_msl_hpa, pressure_station_hpa = EXCLUDED.pressure_station_hpa,
        precipitation_mm = EXCLUDED.precipitation_mm, precipitation_hours = EXCLUDED.precipitation_hours,
        visibility_m = EXCLUDED.visibility_m, cloud_cover_pct = EXCLUDED.cloud_cover_pct,
        ingest_run_id = EXCLUDED.ingest_run_id, ingested_at = now()
    WHERE (weather_observations.temperature_c, weather_observations.dew_point_c, weather_observations.humidity_pct,
           weather_observations.wind_speed_ms, weather_observations.wind_gust_ms, weather_observations.wind_direction_deg,
           weather_observations.pressure_msl_hpa, weather_observations.pressure_station_hpa,
           weather_observations.precipitation_mm, weather_observations.precipitation_hours,
           weather_observations.visibility_m, weather_observations.cloud_cover_pct)
          IS DISTINCT FROM
          (EXCLUDED.temperature_c, EXCLUDED.dew_point_c, EXCLUDED.humidity_pct, EXCLUDED.wind_speed_ms,
           EXCLUDED.wind_gust_ms, EXCLUDED.wind_direction_deg, EXCLUDED.pressure_msl_hpa,
           EXCLUDED.pressure_station_hpa, EXCLUDED.precipitation_mm, EXCLUDED.precipitation_hours,
           EXCLUDED.visibility_m, EXCLUDED.cloud_cover_pct)
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
