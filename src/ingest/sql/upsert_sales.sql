-- The staged rows grouped into sales. Premises are counted once however many rows repeat them; a
-- sale of exactly one flat or one house (dependencies allowed, nothing else built) has a dwelling,
-- and a Vente of one with a built surface a price per m². Unchanged sales are left alone, so a
-- repeated import reports no updates.
WITH counted AS (
    SELECT mutation,
           count(DISTINCT (parcel, premises_code, built_m2, rooms, lots)) FILTER (WHERE premises_code = 2) AS flats,
           count(DISTINCT (parcel, premises_code, built_m2, rooms, lots)) FILTER (WHERE premises_code = 1) AS houses,
           count(DISTINCT (parcel, premises_code, built_m2, rooms, lots)) FILTER (WHERE premises_code = 3) AS dependencies,
           count(DISTINCT (parcel, premises_code, built_m2, rooms, lots)) FILTER (WHERE premises_code = 4) AS business
    FROM staging_sale_rows
    GROUP BY mutation
),
first_row AS (
    SELECT DISTINCT ON (mutation) mutation, sold_on, nature, price_eur, commune_code, commune, departement
    FROM staging_sale_rows
    ORDER BY mutation, line
),
dwelling_row AS (
    SELECT DISTINCT ON (mutation) mutation, premises_code, built_m2, rooms, longitude, latitude
    FROM staging_sale_rows
    WHERE premises_code IN (1, 2)
    ORDER BY mutation, line
),
located AS (
    SELECT DISTINCT ON (mutation) mutation, longitude, latitude
    FROM staging_sale_rows
    WHERE longitude IS NOT NULL AND latitude IS NOT NULL
    ORDER BY mutation, line
),
sale AS (
    SELECT f.*, c.flats, c.houses, c.dependencies, c.business,
           CASE WHEN c.flats + c.houses = 1 AND c.business = 0
                THEN CASE d.premises_code WHEN 2 THEN 'flat' ELSE 'house' END END AS dwelling,
           d.built_m2 AS dwelling_m2, d.rooms AS dwelling_rooms,
           coalesce(d.longitude, l.longitude) AS longitude,
           CASE WHEN d.longitude IS NOT NULL THEN d.latitude ELSE l.latitude END AS latitude
    FROM first_row f
    JOIN counted c USING (mutation)
    LEFT JOIN dwelling_row d USING (mutation)
    LEFT JOIN located l USING (mutation)
),
upserted AS (
    INSERT INTO sales (
        mutation, sold_on, nature, price_eur, commune_code, commune, departement, flats, houses, dependencies,
        business, dwelling, built_m2, rooms, eur_per_m2, longitude, latitude, source, ingest_run_id
    )
    SELECT mutation, sold_on, nature, price_eur, commune_code, commune, departement, flats, houses, dependencies,
           business, dwelling,
           CASE WHEN dwelling IS NOT NULL AND dwelling_m2 > 0 THEN dwelling_m2 END,
           CASE WHEN dwelling IS NOT NULL THEN dwelling_rooms END,
           CASE WHEN dwelling IS NOT NULL AND nature = 'Vente' AND dwelling_m2 > 0 AND price_eur > 0
                THEN price_eur / dwelling_m2 END,
           longitude, latitude, $1, $2
    FROM sale
    ORDER BY mutation
    ON CONFLICT (mutation) DO UPDATE
    SET sold_on = EXCLUDED.sold_on, nature = EXCLUDED.nature, price_eur = EXCLUDED.price_eur,
        commune_code = EXCLUDED.commune_code, commune = EXCLUDED.commune, departement = EXCLUDED.departement,
        flats = EXCLUDED.flats, houses = EXCLUDED.houses, dependencies = EXCLUDED.dependencies,
        business = EXCLUDED.business, dwelling = EXCLUDED.dwelling, built_m2 = EXCLUDED.built_m2,
        rooms = EXCLUDED.rooms, eur_per_m2 = EXCLUDED.eur_per_m2, longitude = EXCLUDED.longitude,
        latitude = EXCLUDED.latitude, source = EXCLUDED.source, ingest_run_id = EXCLUDED.ingest_run_id,
        ingested_at = now()
    WHERE (sales.sold_on, sales.nature, sales.price_eur, sales.commune_code, sales.commune, sales.departement,
           sales.flats, sales.houses, sales.dependencies, sales.business, sales.dwelling, sales.built_m2,
           sales.rooms, sales.eur_per_m2, sales.longitude, sales.latitude, sales.source)
          IS DISTINCT FROM
          (EXCLUDED.sold_on, EXCLUDED.nature, EXCLUDED.price_eur, EXCLUDED.commune_code, EXCLUDED.commune,
           EXCLUDED.departement, EXCLUDED.flats, EXCLUDED.houses, EXCLUDED.dependencies, EXCLUDED.business,
           EXCLUDED.dwelling, EXCLUDED.built_m2, EXCLUDED.rooms, EXCLUDED.eur_per_m2, EXCLUDED.longitude,
           EXCLUDED.latitude, EXCLUDED.source)
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
