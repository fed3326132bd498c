COPY bench_stop_times FROM STDIN
