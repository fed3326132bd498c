//! Conversation fuzz: random first questions followed by chains of random follow-ups, in both
//! languages, through `/api/v1/ask` with each answer's context, some with `as_of` and some without.
//! Over at least 2,000 turns, every answer is a 200 (a 5xx would be an answer that failed its
//! number check, or a follow-up that broke the reader), with a known status and citations that exist.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::answers::many_questions_settings;
use crate::helpers::{january_2020, load_2020, shared_data, spawn_app_with};
use crate::housing_import::CLERMONT;

const FIRSTS: &[&str] = &[
    "What was the PM2.5 at Montferrand in January 2020?",
    "How much rain fell in March 2020?",
    "What was the hottest day of 2020?",
    "How many frost days were there in 2020?",
    "Was January 2020 colder than February 2020?",
    "Which station had the highest PM2.5 in 2020?",
    "What was the lowest temperature on 14 February 2020?",
    "Average daily maximum temperature in August 2020?",
    "What was the ATMO index at Esplanade Gare on 10 January 2020?",
    "Is PM2.5 linked to the wind?",
    "Hello!",
    "What is the crime rate?",
    "median price per m² of flats in 2022",
    "How many houses were sold in 2023?",
    "strongest gust in February 2020, in km/h?",
    "What will the weather be tomorrow?",
    "PM2.5 yesterday",
    "Were there pollution episodes in 2020?",
    "temperature trend in 2020",
    "What was the PM2.5 on 30 February 2020?",
    "Quelle était la moyenne des PM2,5 à Montferrand en mars 2020 ?",
    "Combien de pluie en octobre 2020 ?",
    "il a fait combien au plus froid le 28 février 2020 ?",
    "Le jour le plus chaud de 2020 ?",
    "Combien de jours de gel en 2020 ?",
    "Combien de T2 vendus en 2023 ?",
    "prix du m² des maisons en 2022",
    "Bonjour",
    "Quel temps fera-t-il demain ?",
    "rafale la plus forte en février 2020, en km/h ?",
    "PM2,5 à la gare la semaine du 9 au 15 mars 2020",
    "Quelle température le jour le plus pollué de 2020 ?",
    "Y a-t-il eu des épisodes de pollution en 2020 ?",
    "les loyers à Clermont ?",
];

const FOLLOW_UPS: &[&str] = &[
    "and in February?",
    "And the year before?",
    "and the day after?",
    "the day before?",
    "and the following month?",
    "what about the month before?",
    "and at Montferrand?",
    "and at Esplanade Gare?",
    "what about the rain?",
    "and the temperature?",
    "in km/h?",
    "in Fahrenheit?",
    "and in knots?",
    "what about houses?",
    "and flats?",
    "and 3-room flats?",
    "how many were sold?",
    "and the median price?",
    "and in 2023?",
    "same month the year before?",
    "that day?",
    "the whole month?",
    "and on the 15th?",
    "warmer than 2019?",
    "how does that compare with Montferrand?",
    "and ozone?",
    "and the pollen?",
    "and?",
    "why?",
    "thanks!",
    "and in Lyon?",
    "and next Tuesday?",
    "the lowest?",
    "and the maximum?",
    "average?",
    "how many days above 25 µg/m³?",
    "and the week after?",
    "and in December?",
    "ok and the wind?",
    "et en novembre ?",
    "et l'année d'avant ?",
    "et le mois suivant ?",
    "et le lendemain ?",
    "et la veille ?",
    "et à Montferrand ?",
    "et la pluie ?",
    "et en km/h ?",
    "et les maisons ?",
    "et de T3 ?",
    "et celui d'après ?",
    "et ce jour-là ?",
    "et sur tout le mois ?",
    "et le 15 ?",
    "c'est plus ou moins qu'en 2019 ?",
    "et en 2021 ?",
    "et le prix médian ?",
    "et en décembre ?",
    "merci",
    "et ?",
    "et à Paris ?",
    "et le minimum ?",
    "et en moyenne ?",
    "et combien de jours de pluie ?",
];

/// Turns asked at least.
const TURNS: usize = 2000;

#[sqlx::test]
async fn random_follow_ups_never_fail(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    smartcity::ingest::dvf::import(&pool, &shared_data(CLERMONT)).await.unwrap();
    smartcity::aggregate::sale_stats(&pool).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, many_questions_settings(dir.path())).await;
    // A fixed seed: the same conversations on every run, the failing one printed whole.
    let mut runner = TestRunner::new(Config { rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha, ..Config::default() });
    let strategy = (
        proptest::sample::select(FIRSTS),
        proptest::collection::vec(proptest::sample::select(FOLLOW_UPS), 1..=4),
        any::<bool>(),
    );
    let mut turns = 0;
    while turns < TURNS {
        let (first, follow_ups, pinned) = strategy.new_tree(&mut runner).unwrap().current();
        let as_of = if pinned { json!("2020-12-31") } else { Value::Null };
        let mut context = Value::Null;
        let mut said = Vec::new();
        for question in std::iter::once(first).chain(follow_ups) {
            said.push(question);
            let body = json!({ "question": question, "as_of": as_of, "context": context });
            let response = app.client.post(format!("{}/api/v1/ask", app.address)).json(&body).send().await.unwrap();
            assert_eq!(response.status(), 200, "as of {as_of}: {said:?}: {}", response.text().await.unwrap());
            let answer: Value = response.json().await.unwrap();
            assert!(["answered", "no_data", "help"].contains(&answer["status"].as_str().unwrap()), "{said:?}: {answer:#}");
            let citations = answer["citations"].as_array().unwrap().len();
            for marker in smartcity::answer::markers(answer["answer"].as_str().unwrap()) {
                assert!((1..=citations).contains(&marker), "{said:?}: [{marker}] cites nothing: {}", answer["answer"]);
            }
            context = answer["context"].clone();
            turns += 1;
        }
    }
    app.shutdown().await;
}
