-- n, Pearson and Spearman of the correlations of station $1 and pollutant $2 over periods meeting $3..$4.
SELECT n::float8 AS n, pearson, spearman FROM correlations
WHERE ($1::bigint IS NULL OR air_station_id = $1) AND pollutant = $2 AND period_start <= $4 AND period_end >= $3
