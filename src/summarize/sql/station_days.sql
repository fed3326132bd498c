-- Measured days, and the model's (CAMS via Open-Meteo) before $3, today: later ones are forecasts.
SELECT a.station_id, st.name AS station, st.kind = 'model_grid' AS model, a.variable, a.day, a.unit, a.mean, a.min, a.max,
       a.observations, a.expected, a.complete, who.value AS who_guideline, band.label_fr AS atmo_fr, band.label_en AS atmo_en
FROM daily_aggregates a
JOIN stations st ON st.id = a.station_id
                AND (st.kind = 'air_quality' OR (st.kind = 'model_grid' AND a.day < $3))
LEFT JOIN reference_thresholds who ON who.reference = 'WHO 2021' AND who.variable = a.variable AND who.averaging = 'day'
LEFT JOIN daily_index_classes atmo
       ON atmo.station_id = a.station_id AND atmo.day = a.day AND atmo.index_name = 'ATMO' AND a.variable = ANY (atmo.variables)
LEFT JOIN index_bands band ON band.index_name = 'ATMO' AND band.variable = 'pm25' AND band.class = atmo.class
WHERE a.day BETWEEN $1 AND $2 AND a.variable IN ('pm25', 'pm10', 'no2', 'o3', 'so2', 'co')
ORDER BY a.station_id, a.variable, a.day
