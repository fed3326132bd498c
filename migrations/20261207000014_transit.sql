-- Public-transport timetables (GTFS), as published: one feed per imported file, known by the
-- SHA-256 of its content, its rows kept under its id. Times are seconds from the start of the
-- service day (noon minus 12 h, as GTFS counts), so "24:59:00" is 89940: the service day's, said 00:59.
CREATE TABLE transit_feeds (
    id              bigserial PRIMARY KEY,
    sha256          text NOT NULL UNIQUE,
    -- The agency whose service the feed describes (the first of agency.txt).
    agency          text NOT NULL,
    -- The file or folder it was read from.
    source          text NOT NULL,
    -- The first and last service day its calendars give.
    valid_from      date NOT NULL,
    valid_to        date NOT NULL,
    ingest_run_id   bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    imported_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_from <= valid_to)
);

CREATE TABLE transit_agencies (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    agency_id       text NOT NULL,
    name            text NOT NULL,
    url             text,
    timezone        text NOT NULL,
    lang            text,
    phone           text,
    PRIMARY KEY (feed_id, agency_id)
);

CREATE TABLE transit_routes (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    route_id        text NOT NULL,
    agency_id       text,
    short_name      text,
    long_name       text,
    -- GTFS route_type: 0 tram, 1 metro, 2 rail, 3 bus, ...
    route_type      integer NOT NULL,
    -- Hex without '#', as published.
    color           text,
    text_color      text,
    PRIMARY KEY (feed_id, route_id)
);

CREATE TABLE transit_stops (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    stop_id         text NOT NULL,
    -- Several codes joined by '|' in some feeds, kept as published.
    code            text,
    name            text NOT NULL,
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    -- 0 (or empty) a stop or platform, 1 a station grouping them, 2-4 entrances and nodes.
    location_type   smallint NOT NULL DEFAULT 0,
    parent_station  text,
    PRIMARY KEY (feed_id, stop_id)
);

CREATE TABLE transit_trips (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    trip_id         text NOT NULL,
    route_id        text NOT NULL,
    service_id      text NOT NULL,
    direction_id    smallint CHECK (direction_id IN (0, 1)),
    headsign        text,
    shape_id        text,
    PRIMARY KEY (feed_id, trip_id),
    FOREIGN KEY (feed_id, route_id) REFERENCES transit_routes (feed_id, route_id) ON DELETE CASCADE
);
CREATE INDEX transit_trips_route_idx ON transit_trips (feed_id, route_id);
CREATE INDEX transit_trips_service_idx ON transit_trips (feed_id, service_id);

CREATE TABLE transit_stop_times (
    feed_id         bigint NOT NULL,
    trip_id         text NOT NULL,
    stop_sequence   integer NOT NULL CHECK (stop_sequence >= 0),
    stop_id         text NOT NULL,
    arrival_s       integer CHECK (arrival_s >= 0),
    departure_s     integer CHECK (departure_s >= 0),
    -- The trip's last stop: an arrival, not a departure.
    last_stop       boolean NOT NULL,
    PRIMARY KEY (feed_id, trip_id, stop_sequence),
    -- The stop is checked by the importer: a second foreign key would slow the copy of every row.
    FOREIGN KEY (feed_id, trip_id) REFERENCES transit_trips (feed_id, trip_id) ON DELETE CASCADE
);
CREATE INDEX transit_stop_times_stop_idx ON transit_stop_times (feed_id, stop_id, departure_s);

CREATE TABLE transit_calendar (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    service_id      text NOT NULL,
    -- ISO weekdays the service runs on (1 Monday ... 7 Sunday).
    weekdays        smallint[] NOT NULL,
    start_date      date NOT NULL,
    end_date        date NOT NULL,
    PRIMARY KEY (feed_id, service_id),
    CHECK (start_date <= end_date)
);

CREATE TABLE transit_calendar_dates (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    service_id      text NOT NULL,
    day             date NOT NULL,
    -- 1 the service is added that day, 2 removed.
    exception_type  smallint NOT NULL CHECK (exception_type IN (1, 2)),
    PRIMARY KEY (feed_id, service_id, day)
);

CREATE TABLE transit_shapes (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    shape_id        text NOT NULL,
    seq             integer NOT NULL,
    latitude        double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    PRIMARY KEY (feed_id, shape_id, seq)
);

-- The days each service runs, expanded once from the calendar and its exceptions. A newer feed of
-- the same agency takes over from its first day: the older feed keeps only its days before it.
CREATE TABLE transit_service_days (
    feed_id         bigint NOT NULL REFERENCES transit_feeds (id) ON DELETE CASCADE,
    day             date NOT NULL,
    service_id      text NOT NULL,
    PRIMARY KEY (feed_id, day, service_id)
);
CREATE INDEX transit_service_days_day_idx ON transit_service_days (day);
