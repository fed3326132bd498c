CREATE TEMP TABLE staging_sale_rows (
    mutation text NOT NULL, line bigint NOT NULL, sold_on date NOT NULL, nature text NOT NULL,
    price_eur float8, commune_code text NOT NULL, commune text NOT NULL, departement text NOT NULL,
    disposition integer, parcel text, address text, lots text, lot_count integer, premises_code smallint,
    premises text, built_m2 float8, rooms integer, culture text, land_m2 float8, longitude float8, latitude float8
) ON COMMIT DROP
