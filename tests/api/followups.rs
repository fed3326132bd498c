//! Follow-up questions through the API: an answer's `context` sent back with "and in February?"
//! keeps what the new question does not say, the answer says what was kept, and its figures are
//! those of the whole question asked directly. A complete question ignores the context.

use serde_json::{Value, json};
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::helpers::{TestApp, load_2020, spawn_app_with};

async fn ask(app: &TestApp, question: &str, context: Option<&Value>) -> Value {
    let body = json!({ "question": question, "as_of": "2020-12-31", "context": context });
    let response = app.client.post(format!("{}/api/v1/ask", app.address)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200, "{question}");
    response.json().await.unwrap()
}

/// The figures of an answer: each fact's label and value.
fn figures(answer: &Value) -> Vec<(String, Value)> {
    answer["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["label"].as_str().unwrap().to_string(), f["value"].clone()))
        .collect()
}

/// Asked as a follow-up of `first`, `then` gets the figures of `whole` asked alone, and says what it kept.
async fn follows(app: &TestApp, first: &str, then: &str, whole: &str, kept: &str) -> Value {
    let before = ask(app, first, None).await;
    assert_eq!(before["status"], "answered", "{before:#}");
    let after = ask(app, then, Some(&before["context"])).await;
    let direct = ask(app, whole, None).await;
    assert_eq!(after["status"], "answered", "{after:#}");
    assert_eq!(direct["status"], "answered", "{direct:#}");
    assert_eq!(
        figures(&after),
        figures(&direct),
        "{then} after {first}: {}\nalone: {}",
        after["answer"],
        direct["answer"]
    );
    assert!(!figures(&after).is_empty());
    assert_eq!(after["plan"]["variables"], direct["plan"]["variables"]);
    assert_eq!(after["plan"]["place"], direct["plan"]["place"]);
    assert_eq!(after["plan"]["period"]["from"], direct["plan"]["period"]["from"]);
    assert!(after["answer"].as_str().unwrap().contains(kept), "{}", after["answer"]);
    after
}

#[sqlx::test]
async fn a_follow_up_keeps_what_it_does_not_say_in_both_languages(pool: PgPool) {
    load_2020(&pool, None).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;

    // "And in February?" keeps the variable and the station.
    let february = follows(
        &app,
        "What was the average PM2.5 at Esplanade Gare in January 2020?",
        "And in February?",
        "What was the average PM2.5 at Esplanade Gare in February 2020?",
        "kept from the previous question",
    )
    .await;
    let inherited = february["plan"]["inherited"].as_array().unwrap();
    assert_eq!(inherited.len(), 3, "{inherited:?}");
    assert_eq!(inherited[2], "the year", "February takes the year of January 2020: {inherited:?}");
    // A follow-up of a follow-up: the conversation goes on.
    follows(
        &app,
        "What was the average PM2.5 at Esplanade Gare in January 2020?",
        "and at Montferrand?",
        "What was the average PM2.5 at Montferrand in January 2020?",
        "kept from the previous question",
    )
    .await;
    let march = ask(&app, "and in March?", Some(&february["context"])).await;
    assert_eq!(march["plan"]["variables"], json!(["pm25"]));
    assert!(march["plan"]["place"]["name"].as_str().unwrap().contains("Esplanade"), "{:#}", march["plan"]);
    assert_eq!(march["plan"]["period"]["from"], "2020-03-01");

    // "What about the rain?" keeps the place and the period.
    follows(
        &app,
        "What was the average temperature in Clermont-Ferrand in March 2020?",
        "What about the rain?",
        "How much rain fell in Clermont-Ferrand in March 2020?",
        "kept from the previous question",
    )
    .await;
    // « Et à l'Esplanade Gare ? » keeps the period and the variable.
    follows(
        &app,
        "Quelle était la moyenne des PM2,5 à Montferrand en mars 2020 ?",
        "Et à l'Esplanade Gare ?",
        "Quelle était la moyenne des PM2,5 à l'Esplanade Gare en mars 2020 ?",
        "repris de la question précédente",
    )
    .await;
    follows(
        &app,
        "Quelle température faisait-il à Clermont-Ferrand en avril 2020 ?",
        "et en mai ?",
        "Quelle température faisait-il à Clermont-Ferrand en mai 2020 ?",
        "repris de la question précédente",
    )
    .await;

    // A complete question ignores the context.
    let alone = ask(&app, "What was the average temperature in July 2020?", Some(&february["context"])).await;
    assert!(alone["plan"].get("inherited").is_none(), "{:#}", alone["plan"]);
    assert_eq!(alone["plan"]["place"], json!({ "scope": "city", "named": false }));
    let direct = ask(&app, "What was the average temperature in July 2020?", None).await;
    assert_eq!(figures(&alone), figures(&direct));

    // A context no answer gave is said, and the question read alone: nothing is carried over.
    let unread = ask(&app, "And in February?", Some(&json!("not-a-context"))).await;
    assert_eq!(unread["status"], "no_data");
    assert!(unread["answer"].as_str().unwrap().contains("could not be read"), "{}", unread["answer"]);
    assert_eq!(unread["plan"]["variables"], json!([]), "{:#}", unread["plan"]);
    assert!(unread["plan"].get("inherited").is_none());

    // The chat stream takes the context too, and its last event gives the next one.
    let body = json!({ "question": "et en mai ?", "as_of": "2020-12-31", "context": march["context"] });
    let stream = app.client.post(format!("{}/api/v1/chat", app.address)).json(&body).send().await.unwrap();
    let text = stream.text().await.unwrap();
    let done = text.split("event: done\ndata: ").nth(1).unwrap().lines().next().unwrap();
    let done: Value = serde_json::from_str(done).unwrap();
    assert_eq!(done["plan"]["period"]["from"], "2020-05-01", "{:#}", done["plan"]);
    assert!(done["plan"]["place"]["name"].as_str().unwrap().contains("Esplanade"));
    assert!(done["context"].as_str().is_some_and(|c| !c.is_empty()));
    app.shutdown().await;
}
