SELECT DISTINCT variable FROM daily_aggregates
UNION
SELECT DISTINCT parameter FROM sensors
ORDER BY 1
