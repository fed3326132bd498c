-- Property sales (DVF): a sale is one mutation; the rows the files give for it (dispositions, lots,
-- premises, dependencies, land) are kept beside it, as read.
CREATE TABLE sales (
    id              bigserial PRIMARY KEY,
    -- geo-dvf's id_mutation; the raw DGFiP files have none, so theirs is made from what the rows of
    -- one sale share (date, commune, nature, price).
    mutation        text NOT NULL UNIQUE,
    sold_on         date NOT NULL,
    -- Vente, Vente en l'état futur d'achèvement, Echange, Adjudication, ...
    nature          text NOT NULL,
    price_eur       double precision CHECK (price_eur >= 0),
    commune_code    text NOT NULL,
    commune         text NOT NULL,
    departement     text NOT NULL,
    -- Distinct premises of the sale by kind (a file repeats a premises once per lot combination).
    flats           integer NOT NULL CHECK (flats >= 0),
    houses          integer NOT NULL CHECK (houses >= 0),
    dependencies    integer NOT NULL CHECK (dependencies >= 0),
    business        integer NOT NULL CHECK (business >= 0),
    -- The dwelling of a sale of exactly one flat or one house (dependencies allowed, nothing else
    -- built), with its built surface and main rooms; NULL for every other sale.
    dwelling        text CHECK (dwelling IN ('flat', 'house')),
    built_m2        double precision CHECK (built_m2 > 0),
    rooms           integer CHECK (rooms >= 0),
    -- What the price statistics use: a Vente of one dwelling with a built surface, else NULL.
    eur_per_m2      double precision CHECK (eur_per_m2 > 0),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    source          text NOT NULL CHECK (source IN ('geo-dvf', 'dgfip')),
    ingest_run_id   bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (dwelling IS NOT NULL OR (built_m2 IS NULL AND rooms IS NULL)),
    CHECK (eur_per_m2 IS NULL OR (dwelling IS NOT NULL AND nature = 'Vente'))
);
CREATE INDEX sales_commune_sold_idx ON sales (commune_code, sold_on);
CREATE INDEX sales_priced_idx ON sales (commune_code, dwelling, sold_on) WHERE eur_per_m2 IS NOT NULL;

CREATE TABLE sale_rows (
    sale_id         bigint NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    -- The row's place among the sale's rows, in file order.
    row_no          integer NOT NULL,
    disposition     integer,
    parcel          text,
    address         text,
    -- The lot numbers, comma-separated, and how many lots the row counts.
    lots            text,
    lot_count       integer,
    -- DVF's code_type_local: 1 Maison, 2 Appartement, 3 Dépendance, 4 Local industriel, commercial ou assimilé.
    premises_code   smallint CHECK (premises_code BETWEEN 1 AND 4),
    premises        text,
    built_m2        double precision,
    rooms           integer,
    culture         text,
    land_m2         double precision,
    longitude       double precision,
    latitude        double precision,
    PRIMARY KEY (sale_id, row_no)
);

-- Price statistics of the priced sales (those with eur_per_m2) per commune, dwelling, period and
-- size, rebuilt from `sales` after each import. Medians and quartiles, never means; a group of
-- fewer than 10 sales keeps its count but has no medians.
CREATE TABLE sale_stats (
    commune_code    text NOT NULL,
    dwelling        text NOT NULL CHECK (dwelling IN ('flat', 'house', 'all')),
    period          text NOT NULL CHECK (period IN ('year', 'quarter', 'month')),
    period_start    date NOT NULL,
    -- Main rooms: '1' to '4', '5+', or 'all' (which counts dwellings of any size, 0 rooms included).
    rooms           text NOT NULL CHECK (rooms IN ('1', '2', '3', '4', '5+', 'all')),
    sales           integer NOT NULL CHECK (sales > 0),
    eur_per_m2_q1   double precision,
    eur_per_m2_median double precision,
    eur_per_m2_q3   double precision,
    price_median    double precision,
    built_m2_median double precision,
    -- The median €/m² against the same group's a year earlier, in %, when both have one.
    change_pct      double precision,
    PRIMARY KEY (commune_code, dwelling, period, period_start, rooms),
    CHECK (sales >= 10 OR (eur_per_m2_median IS NULL AND change_pct IS NULL))
);
