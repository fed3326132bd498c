COPY bench_source TO STDOUT
