-- A table of the stop times' shape, with their keys and index, written to the log as the import's
-- tables are (a temporary table is not, which made the plain COPY look 1.5 to 2 times faster).
CREATE TABLE bench_stop_times (LIKE transit_stop_times INCLUDING ALL)
