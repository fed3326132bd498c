//! Retention (old raw rows go only once their day is aggregated) and the scheduled ingest's leader lock.

use chrono::{Duration, Utc};
use smartcity::Settings;
use smartcity::ingest::retention::{Pruned, prune};
use sqlx::PgPool;

#[sqlx::test]
async fn old_measurements_go_only_once_their_day_is_aggregated(pool: PgPool) {
    let station: i64 = sqlx::query_scalar(
        "INSERT INTO stations (source, source_ref, name, kind) VALUES ('test', 'a', 'A', 'air_quality') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let sensor: i64 = sqlx::query_scalar(
        "INSERT INTO sensors (station_id, source_ref, parameter, unit) VALUES ($1, 's', 'pm25', 'µg/m³') RETURNING id",
    )
    .bind(station)
    .fetch_one(&pool)
    .await
    .unwrap();
    let now = Utc::now();
    // Noon UTC is the same calendar day in Paris.
    let noon = |days_ago: i64| (now - Duration::days(days_ago)).date_naive().and_hms_opt(12, 0, 0).unwrap().and_utc();
    for days_ago in [60, 61, 2] {
        sqlx::query("INSERT INTO measurements (sensor_id, period_start, period_end, value) VALUES ($1, $2, $2 + interval '1 hour', 5)")
            .bind(sensor)
            .bind(noon(days_ago))
            .execute(&pool)
            .await
            .unwrap();
    }
    // Only the day 60 days ago has its aggregate.
    sqlx::query(
        "INSERT INTO daily_aggregates (station_id, variable, day, unit, mean, min, max, observations, expected, complete)
         VALUES ($1, 'pm25', $2, 'µg/m³', 5, 5, 5, 1, 24, false)",
    )
    .bind(station)
    .bind(noon(60).date_naive())
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO raw_payloads (source, request, body_sha256, body_bytes, body_gzip, fetched_at) VALUES ('t', 'old', '\\x00', 0, '\\x00', now() - interval '200 days'), ('t', 'new', '\\x00', 0, '\\x00', now())")
        .execute(&pool)
        .await
        .unwrap();

    let pruned = prune(&pool, &Settings::default(), now).await.unwrap();
    assert_eq!(pruned, Pruned { measurements: 1, raw_payloads: 1 });
    let left: Vec<chrono::DateTime<Utc>> =
        sqlx::query_scalar("SELECT period_start FROM measurements ORDER BY period_start")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(left, [noon(61), noon(2)]);
    assert_eq!(prune(&pool, &Settings::default(), now).await.unwrap(), Pruned::default());
}

#[sqlx::test]
async fn one_process_at_a_time_leads_the_scheduled_ingest(pool: PgPool) {
    use smartcity::ingest::schedule::take_leadership;
    let leader = take_leadership(&pool).await.unwrap().expect("the first process leads");
    assert!(take_leadership(&pool).await.unwrap().is_none(), "a second process does not");
    drop(leader);
    // The lock goes with the leader's connection.
    let mut tries = 0;
    while take_leadership(&pool).await.unwrap().is_none() {
        tries += 1;
        assert!(tries < 50, "leadership was not released");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
