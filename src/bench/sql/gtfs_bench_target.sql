-- A table of the stop times' shape, with their keys and index.
CREATE TEMP TABLE bench_stop_times (LIKE transit_stop_times INCLUDING ALL)
