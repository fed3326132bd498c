-- The first day of the latest full year of commune $1's sales before $2: a year that ended by
-- then and has sales in its December.
SELECT date_trunc('year', max(period_start))::date
FROM sale_stats
WHERE commune_code = $1 AND dwelling = 'all' AND rooms = 'all' AND period = 'month'
  AND extract(month FROM period_start) = 12 AND (period_start + interval '1 month')::date <= $2
