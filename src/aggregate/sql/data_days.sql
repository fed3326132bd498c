-- The span of days holding any data (a day of margin each side for time zones).
SELECT coalesce(least(min(m.first), min(w.first), min(s.first)) - 1, current_date)::date,
       coalesce(greatest(max(m.last), max(w.last), max(s.last)) + 1, current_date)::date
FROM (SELECT min(period_start)::date AS first, max(period_start)::date AS last FROM measurements) m,
     (SELECT min(observed_at)::date AS first, max(observed_at)::date AS last FROM weather_observations) w,
     (SELECT min(sold_on) AS first, max(sold_on) AS last FROM sales) s
