//! DVF sales files: the Clermont-Ferrand file twice, the official sample's multi-row sales, the raw
//! DGFiP format, a geo-dvf-like export, bad rows and broken files. Expected values are read from
//! the files here, independently of the importer.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use smartcity::ingest::{Status, dvf};
use sqlx::PgPool;

use crate::helpers::shared_data;

pub const CLERMONT: &str = "clermont/dvf_63113_2021-2024.csv";
const GEODVF: &str = "other-cities/geodvf_2024_dep01_head.csv";
const DGFIP: &str = "other-cities/dgfip_valeursfoncieres_2020_dep01_head.txt";
const HENDAYE: &str = "other-cities/dvf_hendaye_64260_2019-2023_geodvf-like.csv";

/// The rows of a comma-separated file as maps from column name to value.
pub fn csv_rows(relative: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(shared_data(relative)).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

type Sale = (i32, i32, i32, i32, Option<String>, Option<f64>, Option<i32>, Option<f64>);

async fn sale(pool: &PgPool, mutation: &str) -> Sale {
    sqlx::query_as(
        "SELECT flats, houses, dependencies, business, dwelling, built_m2, rooms, eur_per_m2 FROM sales WHERE mutation = $1",
    )
    .bind(mutation)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test]
async fn the_clermont_sales_import_twice_with_identical_counts_and_their_price_per_m2(pool: PgPool) {
    let report = dvf::import(&pool, &shared_data(CLERMONT)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!((report.fetched, report.written.inserted, report.rejected), (9925, 9925, 0), "{report}");
    let kinds = "SELECT count(*) FILTER (WHERE dwelling = 'flat') * 100000 + count(*) FILTER (WHERE dwelling = 'house') FROM sales";
    assert_eq!(count(&pool, kinds).await, 8360 * 100000 + 1565);

    // Every sale of the file is one dwelling sold: its €/m² is its price over its surface.
    let stored: HashMap<String, f64> =
        sqlx::query_as::<_, (String, f64)>("SELECT mutation, eur_per_m2 FROM sales WHERE commune_code = '63113'")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let rows = csv_rows(CLERMONT);
    assert_eq!(stored.len(), rows.len());
    for row in &rows {
        let expected = row["valeur_fonciere"].parse::<f64>().unwrap() / row["surface_reelle_bati"].parse::<f64>().unwrap();
        let got = stored[&row["id_mutation"]];
        assert!((got - expected).abs() < 1e-9, "{}: {got} != {expected}", row["id_mutation"]);
    }

    let again = dvf::import(&pool, &shared_data(CLERMONT)).await.unwrap();
    assert_eq!((again.written.inserted, again.written.updated, again.unchanged()), (0, 0, 9925), "{again}");
    assert_eq!(count(&pool, "SELECT count(*) FROM sales").await, 9925);
    assert_eq!(count(&pool, "SELECT count(*) FROM sale_rows").await, 9925);
    assert_eq!(count(&pool, kinds).await, 8360 * 100000 + 1565);
}

#[sqlx::test]
async fn the_official_sample_groups_its_multi_row_sales(pool: PgPool) {
    let rows = csv_rows(GEODVF);
    let mutations: HashSet<&str> = rows.iter().map(|r| r["id_mutation"].as_str()).collect();
    let report = dvf::import(&pool, &shared_data(GEODVF)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(report.fetched, mutations.len() as i64);
    assert_eq!(count(&pool, "SELECT count(*) FROM sales").await, mutations.len() as i64);
    assert_eq!(count(&pool, "SELECT count(*) FROM sale_rows").await, rows.len() as i64);

    // 2024-4: a flat on four rows, with two dependencies, one of them repeated for a second lot.
    assert_eq!(
        sale(&pool, "2024-4").await,
        (1, 0, 2, 0, Some("flat".into()), Some(89.0), Some(4), Some(329500.0 / 89.0))
    );
    let lots: Vec<Option<String>> =
        sqlx::query_scalar("SELECT lots FROM sale_rows r JOIN sales s ON s.id = r.sale_id WHERE mutation = '2024-4' ORDER BY row_no")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(lots, [Some("50".into()), Some("175,29".into()), Some("175,29".into()), Some("175,29".into())]);
    // 2024-5: land only, on 69 rows: stored, not priced.
    assert_eq!(sale(&pool, "2024-5").await, (0, 0, 0, 0, None, None, None, None));
    let land: i64 = count(&pool, "SELECT count(*) FROM sale_rows r JOIN sales s ON s.id = r.sale_id WHERE mutation = '2024-5'").await;
    assert_eq!(land, rows.iter().filter(|r| r["id_mutation"] == "2024-5").count() as i64);
    assert_eq!(count(&pool, "SELECT count(eur_per_m2) FROM sales").await, 1);
    let commune: String = sqlx::query_scalar("SELECT commune_code || ' ' || commune FROM sales WHERE mutation = '2024-4'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(commune, "01173 Gex");
}

#[sqlx::test]
async fn the_raw_dgfip_file_is_read_with_its_decimal_commas_and_french_dates(pool: PgPool) {
    let text = std::fs::read_to_string(shared_data(DGFIP)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('|').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = lines.filter(|l| !l.trim().is_empty()).map(|l| l.split('|').collect()).collect();
    // One sale: the rows that share the document, date, commune, nature and price.
    let keys = ["Code service CH", "Reference document", "Date mutation", "Code commune", "Nature mutation", "Valeur fonciere"];
    let sales: HashSet<Vec<&str>> = rows.iter().map(|r| keys.iter().map(|k| r[at(k)]).collect()).collect();

    let report = dvf::import(&pool, &shared_data(DGFIP)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(report.fetched, sales.len() as i64);
    assert_eq!(count(&pool, "SELECT count(*) FROM sales").await, sales.len() as i64);
    assert_eq!(count(&pool, "SELECT count(*) FROM sale_rows").await, rows.len() as i64);

    // The first row: 8000,00 € on 07/01/2020, commune 72 of the Ain, parcel AK 216.
    let first: (String, f64, String, String, Option<String>) = sqlx::query_as(
        "SELECT s.sold_on::text, s.price_eur, s.commune_code, s.departement, r.parcel FROM sales s JOIN sale_rows r ON r.sale_id = s.id
         WHERE s.sold_on = '2020-01-07' AND s.price_eur = 8000",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(first, ("2020-01-07".into(), 8000.0, "01072".into(), "01".into(), Some("01072000AK0216".into())));

    // A house of 201 m² on two rows (one per kind of land) with a dependency on two more.
    let house: (i32, i32, Option<String>, Option<f64>, Option<i32>, Option<f64>) = sqlx::query_as(
        "SELECT houses, dependencies, dwelling, built_m2, rooms, eur_per_m2 FROM sales WHERE price_eur = 350750",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(house, (1, 1, Some("house".into()), Some(201.0), Some(7), Some(350750.0 / 201.0)));
    // Two flats sold together: stored, not priced.
    let two: (i32, Option<String>, Option<f64>) =
        sqlx::query_as("SELECT flats, dwelling, eur_per_m2 FROM sales WHERE price_eur = 53650").fetch_one(&pool).await.unwrap();
    assert_eq!(two, (2, None, None));
}

#[sqlx::test]
async fn a_geo_dvf_like_export_with_another_column_and_unpadded_codes_is_read(pool: PgPool) {
    let rows = csv_rows(HENDAYE);
    let mutations: HashSet<&str> = rows.iter().map(|r| r["id_mutation"].as_str()).collect();
    let report = dvf::import(&pool, &shared_data(HENDAYE)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(report.fetched, mutations.len() as i64);
    assert_eq!(count(&pool, "SELECT count(*) FROM sale_rows").await, rows.len() as i64);
    assert_eq!(sale(&pool, "2019-969882").await, (1, 0, 0, 0, Some("flat".into()), Some(50.0), Some(3), Some(2960.0)));
    let codes: (String, String, Option<i32>) = sqlx::query_as(
        "SELECT s.commune_code, s.departement, r.disposition FROM sales s JOIN sale_rows r ON r.sale_id = s.id WHERE mutation = '2019-969882'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(codes, ("64260".into(), "64".into(), Some(1)));
}

/// A geo-dvf file of the official header and these rows (id, date, nature, price, type, surface).
fn official_file(rows: &[[&str; 6]]) -> tempfile::NamedTempFile {
    let header = std::fs::read_to_string(shared_data(GEODVF)).unwrap().lines().next().unwrap().to_string();
    let names: Vec<&str> = header.split(',').collect();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{header}").unwrap();
    for [id, date, nature, price, kind, surface] in rows {
        let values: Vec<String> = names
            .iter()
            .map(|name| match *name {
                "id_mutation" => id.to_string(),
                "date_mutation" => date.to_string(),
                "nature_mutation" => nature.to_string(),
                "valeur_fonciere" => price.to_string(),
                "code_commune" => "63113".into(),
                "nom_commune" => "Clermont-Ferrand".into(),
                "code_departement" => "63".into(),
                "type_local" => kind.to_string(),
                "surface_reelle_bati" => surface.to_string(),
                _ => String::new(),
            })
            .collect();
        writeln!(file, "{}", values.join(",")).unwrap();
    }
    file
}

#[sqlx::test]
async fn a_bad_row_leaves_its_sale_out_with_the_file_line_and_reason(pool: PgPool) {
    let file = official_file(&[
        ["ok-1", "2023-05-02", "Vente", "150000", "Appartement", "60"],
        ["bad-date", "2023-02-30", "Vente", "90000", "Maison", "80"],
        ["bad-surface", "2023-06-01", "Vente", "200000", "Maison", "100"],
        ["bad-surface", "2023-06-01", "Vente", "200000", "Dépendance", "vingt"],
        ["", "2023-06-01", "Vente", "1000", "", ""],
        ["two-prices", "2023-07-01", "Vente", "100000", "Appartement", "40"],
        ["two-prices", "2023-07-01", "Vente", "90000", "Dépendance", ""],
        ["ok-2", "2023-08-01", "Echange", "120000", "Maison", "90"],
    ]);
    let report = dvf::import(&pool, file.path()).await.unwrap();
    assert_eq!(report.status, Status::Partial, "{report}");
    assert_eq!((report.fetched, report.written.inserted, report.rejected), (6, 2, 4), "{report}");
    let failures: Vec<String> = report.failures.iter().map(|f| format!("{}: {}", f.what, f.reason)).collect();
    let listed = failures.join("\n");
    let name = file.path().display().to_string();
    for expected in [
        format!("{name} line 3: date_mutation \"2023-02-30\" is not a date"),
        format!("{name} line 5: surface_reelle_bati \"vingt\" is not a number"),
        format!("{name} line 6: no id_mutation"),
        format!("{name} line 7: the rows of sale two-prices disagree on its date or price"),
    ] {
        assert!(listed.contains(&expected), "{expected} not in:\n{listed}");
    }
    let stored: Vec<(String, Option<f64>)> =
        sqlx::query_as("SELECT mutation, eur_per_m2 FROM sales ORDER BY mutation").fetch_all(&pool).await.unwrap();
    // An exchange is stored but has no price per m²: only sales (Vente) have one.
    assert_eq!(stored, [("ok-1".into(), Some(2500.0)), ("ok-2".into(), None)]);
}

#[sqlx::test]
async fn gzip_is_read_like_the_plain_file_and_a_cut_file_stores_nothing(pool: PgPool) {
    let plain = std::fs::read(shared_data(CLERMONT)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gzip = dir.path().join("63113.csv.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&plain).unwrap();
    let compressed = encoder.finish().unwrap();
    std::fs::write(&gzip, &compressed[..compressed.len() / 2]).unwrap();

    let cut = dvf::import(&pool, &gzip).await.unwrap();
    assert_eq!(cut.status, Status::Failed, "{cut}");
    assert!(cut.error.as_deref().unwrap_or("").contains("could not be read to its end; nothing was stored"), "{cut}");
    assert_eq!(count(&pool, "SELECT count(*) FROM sales").await, 0);

    std::fs::write(&gzip, &compressed).unwrap();
    let whole = dvf::import(&pool, &gzip).await.unwrap();
    assert_eq!((whole.status, whole.written.inserted), (Status::Succeeded, 9925), "{whole}");
}

#[sqlx::test]
async fn a_file_that_is_not_dvf_is_one_clear_error(pool: PgPool) {
    let err = dvf::import(&pool, &shared_data("clermont/pm25_daily_2020_stations.csv")).await.unwrap_err().to_string();
    assert!(err.contains("is not a DVF file") && err.contains("id_mutation"), "{err}");
    let err = dvf::import(&pool, &shared_data("clermont/no-such-file.csv")).await.unwrap_err().to_string();
    assert!(err.contains("cannot open"), "{err}");
    assert_eq!(count(&pool, "SELECT count(*) FROM ingest_runs").await, 0);
}

/// percentile_cont's definition: linear interpolation between the closest ranks.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = p * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

#[sqlx::test]
async fn the_price_statistics_match_an_independent_computation_from_the_file(pool: PgPool) {
    dvf::import(&pool, &shared_data(CLERMONT)).await.unwrap();
    smartcity::aggregate::sale_stats(&pool).await.unwrap();

    // (year, dwelling, rooms) → €/m² of each sale, from the file.
    let mut groups: HashMap<(String, &str, String), Vec<f64>> = HashMap::new();
    for row in csv_rows(CLERMONT) {
        let year = row["date_mutation"][..4].to_string();
        let dwelling = if row["type_local"] == "Appartement" { "flat" } else { "house" };
        let rooms: i32 = row["nombre_pieces_principales"].parse().unwrap();
        let rooms = match rooms { 0 => None, 1..=4 => Some(rooms.to_string()), _ => Some("5+".to_string()) };
        let eur_m2 = row["valeur_fonciere"].parse::<f64>().unwrap() / row["surface_reelle_bati"].parse::<f64>().unwrap();
        for d in [dwelling, "all"] {
            groups.entry((year.clone(), d, "all".into())).or_default().push(eur_m2);
            if let Some(rooms) = &rooms {
                groups.entry((year.clone(), d, rooms.clone())).or_default().push(eur_m2);
            }
        }
    }
    let stored: Vec<(String, String, String, i32, Option<f64>, Option<f64>, Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT extract(year FROM period_start)::text, dwelling, rooms, sales, eur_per_m2_q1, eur_per_m2_median, eur_per_m2_q3, change_pct
         FROM sale_stats WHERE commune_code = '63113' AND period = 'year'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(stored.len(), groups.len());
    let mut medians = HashMap::new();
    for (year, dwelling, rooms, sales, q1, median, q3, _) in &stored {
        let values = groups.get_mut(&(year.clone(), dwelling.as_str(), rooms.clone())).unwrap();
        values.sort_by(f64::total_cmp);
        assert_eq!(*sales as usize, values.len(), "{year} {dwelling} {rooms}");
        if values.len() < 10 {
            assert_eq!((q1, median, q3), (&None, &None, &None), "{year} {dwelling} {rooms}: fewer than 10 sales, no median");
            continue;
        }
        for (got, p) in [(q1, 0.25), (median, 0.5), (q3, 0.75)] {
            let expected = percentile(values, p);
            assert!((got.unwrap() - expected).abs() < 1e-6, "{year} {dwelling} {rooms} p{p}: {got:?} != {expected}");
        }
        medians.insert((year.clone(), dwelling.clone(), rooms.clone()), median.unwrap());
    }
    for (year, dwelling, rooms, _, _, median, _, change) in &stored {
        let before = format!("{}", year.parse::<i32>().unwrap() - 1);
        match (median, medians.get(&(before, dwelling.clone(), rooms.clone()))) {
            (Some(now), Some(then)) => assert!((change.unwrap() - 100.0 * (now - then) / then).abs() < 1e-6),
            _ => assert_eq!(*change, None, "{year} {dwelling} {rooms}"),
        }
    }
    // Quarters and months too, each with its count.
    let sales_2023_q1: i64 = count(
        &pool,
        "SELECT sales::bigint FROM sale_stats WHERE dwelling = 'all' AND rooms = 'all' AND period = 'quarter' AND period_start = '2023-01-01'",
    )
    .await;
    let in_file = csv_rows(CLERMONT).iter().filter(|r| ("2023-01-01".."2023-04-01").contains(&r["date_mutation"].as_str())).count();
    assert_eq!(sales_2023_q1, in_file as i64);
}
