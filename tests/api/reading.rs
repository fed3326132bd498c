//! The questions issues 15 and 30 found answered as other questions, and the follow-ups that lost
//! their year or failed, over the real files (2020 PM2.5, the 2013-2022 SYNOP record, the 2021-2024
//! Clermont sales): each gets the right figures, computed here from the raw files, or an honest
//! no-data answer, through `/api/v1/ask`, `/api/v1/chat` and `smartcity ask` alike — the follow-ups
//! with the answer's context and no `as_of`, as a citizen asks.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::Value;
use smartcity::Settings;
use smartcity::ingest::{daily_csv, synop};
use sqlx::PgPool;

use crate::aggregates::pm25_daily;
use crate::answers::many_questions_settings;
use crate::helpers::{TestApp, database_url, shared_data, smartcity_command, spawn_app_with};
use crate::housing_import::{CLERMONT, csv_rows, percentile};

/// A Paris day of SYNOP observations, converted as the service documents.
#[derive(Default)]
struct Day {
    t: Vec<f64>,
    rain: f64,
    rained: bool,
    ff: Vec<f64>,
    gust: Vec<f64>,
    pmer: Vec<f64>,
}

impl Day {
    fn mean(v: &[f64]) -> f64 {
        v.iter().sum::<f64>() / v.len() as f64
    }
    fn min(v: &[f64]) -> f64 {
        v.iter().copied().fold(f64::INFINITY, f64::min)
    }
    fn max(v: &[f64]) -> f64 {
        v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }
}

/// The 2013-2022 SYNOP file by Europe/Paris day: rows with an impossible value are dropped whole,
/// the last row of a repeated time wins (the service's validation).
fn weather() -> BTreeMap<NaiveDate, Day> {
    const LIMITS: [(&str, f64, f64); 11] = [
        ("t", -90.0, 60.0),
        ("td", -100.0, 40.0),
        ("u", 0.0, 100.0),
        ("ff", 0.0, 120.0),
        ("raf10", 0.0, 150.0),
        ("dd", 0.0, 360.0),
        ("pmer", 850.0, 1100.0),
        ("pres", 500.0, 1100.0),
        ("rr3", 0.0, 500.0),
        ("vv", 0.0, 100000.0),
        ("n", 0.0, 100.0),
    ];
    let text = std::fs::read_to_string(shared_data("clermont/synop_07460_201301-202203.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let mut rows: BTreeMap<NaiveDateTime, BTreeMap<&str, Option<f64>>> = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split(';').collect();
        let mut row = BTreeMap::new();
        for (name, ..) in LIMITS {
            let mut v = f[col(name)].trim().parse::<f64>().ok();
            v = match (name, v) {
                ("t" | "td", Some(k)) => Some(k - 273.15),
                ("pmer" | "pres", Some(pa)) => Some(pa / 100.0),
                ("rr3", Some(mm)) if mm == -0.1 => Some(0.0),
                ("n", Some(n)) if n == 101.0 => None,
                (_, v) => v,
            };
            row.insert(name, v);
        }
        if LIMITS.iter().any(|(name, lo, hi)| row[name].is_some_and(|v| !(*lo..=*hi).contains(&v))) {
            continue;
        }
        rows.insert(NaiveDateTime::parse_from_str(f[col("date")].trim(), "%Y%m%d%H%M%S").unwrap(), row);
    }
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    for (at, row) in rows {
        let day = at.and_utc().with_timezone(&chrono_tz::Europe::Paris).date_naive();
        let d = days.entry(day).or_default();
        d.t.extend(row["t"]);
        d.rain += row["rr3"].unwrap_or(0.0);
        d.rained |= row["rr3"].is_some();
        d.ff.extend(row["ff"]);
        d.gust.extend(row["raf10"]);
        d.pmer.extend(row["pmer"]);
    }
    days
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = values.collect();
    v.iter().sum::<f64>() / v.len() as f64
}

fn in_range<'a, T>(series: &'a BTreeMap<NaiveDate, T>, from: &str, to: &str) -> Vec<(NaiveDate, &'a T)> {
    series.range(d(from)..=d(to)).map(|(k, v)| (*k, v)).collect()
}

/// What a right answer must hold: its status and (label, value) facts.
struct Expected {
    question: &'static str,
    status: &'static str,
    facts: Vec<(&'static str, Value)>,
    says: Vec<String>,
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        _ => a == b,
    }
}

fn check(via: &str, expected: &Expected, answer: &Value) {
    let q = expected.question;
    let text = answer["answer"].as_str().unwrap();
    assert_eq!(answer["status"], expected.status, "{via}: {q}: {text}");
    let facts = answer["facts"].as_array().unwrap();
    for (label, value) in &expected.facts {
        let found = facts.iter().any(|f| f["label"] == *label && close(&f["value"], value));
        assert!(found, "{via}: {q}: no {label} = {value} in {text}\n{facts:#?}");
    }
    for word in &expected.says {
        assert!(text.contains(word.as_str()), "{via}: {q}: {word:?} not said in {text}");
    }
    if expected.status != "answered" {
        // No figure as an answer: only the days of what exists (and related data, cited to its chunks).
        for fact in facts {
            assert!(fact["value"].is_string(), "{via}: {q}: a figure in a refusal: {fact}");
        }
    }
}

fn expectations() -> Vec<Expected> {
    let w = weather();
    let montferrand = pm25_daily("FR07004");
    let gare = pm25_daily("FR07034");
    let day = |s: &str| Value::from(s.to_string());
    let num = |x: f64| Value::from(x);
    let count = |n: usize| Value::from(n as f64);

    let frost_2016 = in_range(&w, "2016-01-01", "2016-12-31").iter().filter(|(_, x)| Day::min(&x.t) < 0.0).count();
    let above_32 = in_range(&w, "2015-01-01", "2015-12-31").iter().filter(|(_, x)| Day::max(&x.t) > 32.0).count();
    let (windiest, windiest_max) = in_range(&w, "2019-01-01", "2019-12-31")
        .into_iter()
        .map(|(k, x)| (k, Day::max(&x.ff)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap();
    let above_20 = montferrand.iter().filter(|(k, v)| k.year() == 2020 && **v > 20.0).count();
    let march = |s: &BTreeMap<NaiveDate, f64>| mean(in_range(s, "2020-03-01", "2020-03-31").into_iter().map(|(_, v)| *v));
    let rain = |from: &str, to: &str| in_range(&w, from, to).iter().map(|(_, x)| x.rain).sum::<f64>();
    let winter_spring = mean(in_range(&montferrand, "2020-02-01", "2020-03-15").into_iter().map(|(_, v)| *v));
    let augusts: Vec<(i32, f64)> = (2013..=2021)
        .map(|y| {
            let days = in_range(&w, &format!("{y}-08-01"), &format!("{y}-08-31"));
            (y, mean(days.iter().map(|(_, x)| Day::mean(&x.t))))
        })
        .collect();
    let warmest_august = augusts.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let (coldest_day, coldest) =
        w.iter().map(|(k, x)| (*k, Day::min(&x.t))).min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))).unwrap();
    let christmas = &w[&d("2018-12-25")];
    let first_half = mean(in_range(&montferrand, "2020-01-01", "2020-06-30").into_iter().map(|(_, v)| *v));
    let year_mean = |from: &str, to: &str| mean(in_range(&w, from, to).into_iter().map(|(_, x)| Day::mean(&x.t)));
    let atmo = match montferrand[&d("2020-01-10")].round() {
        v if v <= 10.0 => "good",
        v if v <= 20.0 => "fair",
        v if v <= 25.0 => "moderate",
        v if v <= 50.0 => "poor",
        v if v <= 75.0 => "very poor",
        _ => "extremely poor",
    };
    let rain_pairs = montferrand.iter().filter(|(k, _)| k.year() == 2020 && w.get(k).is_some_and(|x| x.rained)).count();
    let (cold_2020, _) = in_range(&w, "2020-01-01", "2020-12-31")
        .into_iter()
        .map(|(k, x)| (k, Day::min(&x.t)))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .unwrap();

    vec![
        Expected { question: "Hello there", status: "help", facts: vec![], says: vec![] },
        Expected {
            question: "What is the crime rate in Clermont-Ferrand?",
            status: "no_data",
            facts: vec![],
            says: vec!["crime".into()],
        },
        Expected {
            question: "What was the atmospheric pressure on 3 March 2019?",
            status: "answered",
            facts: vec![("mean", num(Day::mean(&w[&d("2019-03-03")].pmer)))],
            says: vec![],
        },
        Expected {
            question: "How many frost days were there in 2016?",
            status: "answered",
            facts: vec![("days counted", count(frost_2016))],
            says: vec![],
        },
        Expected {
            question: "How many days above 32 °C in 2015?",
            status: "answered",
            facts: vec![("days counted", count(above_32)), ("threshold from the question", num(32.0))],
            says: vec![],
        },
        Expected {
            question: "Which day of 2019 had the strongest wind?",
            status: "answered",
            facts: vec![("day", day(&windiest.to_string())), ("value that day", num(windiest_max))],
            says: vec![],
        },
        Expected {
            question: "How many days in 2020 did PM2.5 exceed 20 µg/m³ at Montferrand?",
            status: "answered",
            facts: vec![("days counted", count(above_20))],
            says: vec![],
        },
        Expected {
            question: "Was PM2.5 higher at Esplanade Gare or at Montferrand in March 2020?",
            status: "answered",
            facts: vec![("value compared", num(march(&gare))), ("value compared", num(march(&montferrand)))],
            says: vec![],
        },
        Expected {
            question: "How much rain fell from 5 to 12 October 2019?",
            status: "answered",
            facts: vec![("rainfall", num(rain("2019-10-05", "2019-10-12")))],
            says: vec![],
        },
        Expected {
            question: "Combien de pluie du 1er au 7 juillet 2019 ?",
            status: "answered",
            facts: vec![("rainfall", num(rain("2019-07-01", "2019-07-07")))],
            says: vec![],
        },
        Expected {
            question: "Average PM2.5 at Montferrand from 1 February to 15 March 2020",
            status: "answered",
            facts: vec![("mean", num(winter_spring))],
            says: vec![],
        },
        Expected {
            question: "Which August was the warmest between 2013 and 2021?",
            status: "answered",
            facts: vec![("month", day(&format!("{}-08-01", warmest_august.0))), ("mean", num(warmest_august.1))],
            says: vec![],
        },
        Expected {
            question: "What is the coldest temperature ever recorded in your data?",
            status: "answered",
            facts: vec![("day", day(&coldest_day.to_string())), ("value that day", num(coldest))],
            says: vec![],
        },
        Expected {
            question: "What was the temperature on Christmas Day 2018?",
            status: "answered",
            facts: vec![("lowest", num(Day::min(&christmas.t))), ("highest", num(Day::max(&christmas.t)))],
            says: vec![],
        },
        Expected {
            question: "Premier semestre 2020 : moyenne des PM2.5 à Montferrand ?",
            status: "answered",
            facts: vec![("mean", num(first_half))],
            says: vec![],
        },
        Expected {
            question: "Compare 2021 with the 2014–2020 average temperature",
            status: "answered",
            facts: vec![
                ("value compared", num(year_mean("2021-01-01", "2021-12-31"))),
                ("value compared", num(year_mean("2014-01-01", "2020-12-31"))),
            ],
            says: vec![],
        },
        Expected {
            question: "What was the PM2.5 on 31 April 2020?",
            status: "no_data",
            facts: vec![],
            says: vec!["«31 April 2020» does not exist".into()],
        },
        Expected {
            question: "What was the ATMO index at Montferrand on 10 January 2020?",
            status: "answered",
            facts: vec![("daily mean", num(montferrand[&d("2020-01-10")]))],
            says: vec![format!("\"{atmo}\"")],
        },
        Expected {
            question: "Does rain clean the air at Montferrand?",
            status: "answered",
            facts: vec![("days compared", count(rain_pairs))],
            says: vec!["Spearman".into(), "not a cause".into()],
        },
        Expected {
            question: "On the coldest day of 2020, what was the PM2.5 at Montferrand?",
            status: "answered",
            facts: vec![("day", day(&cold_2020.to_string())), ("mean", num(montferrand[&cold_2020]))],
            says: vec![],
        },
    ]
}

async fn load(pool: &PgPool) {
    let settings = Settings::default();
    synop::import(pool, &settings.synop, &shared_data("clermont/synop_07460_201301-202203.csv")).await.unwrap();
    daily_csv::import(pool, &shared_data("clermont/pm25_daily_2020_stations.csv")).await.unwrap();
    smartcity::ingest::dvf::import(pool, &shared_data(CLERMONT)).await.unwrap();
    smartcity::aggregate::refresh(pool, &settings, None).await.unwrap();
}

/// A conversation of issue 30's table: each question with what its answer must hold.
fn conversations() -> Vec<Vec<Expected>> {
    let w = weather();
    let montferrand = pm25_daily("FR07004");
    let day = |s: NaiveDate| Value::from(s.to_string());
    let num = |x: f64| Value::from(x);
    let t = |s: &str| &w[&d(s)].t;
    let hottest = |from: &str, to: &str| {
        in_range(&w, from, to)
            .into_iter()
            .map(|(k, x)| (k, Day::max(&x.t)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .unwrap()
    };
    let (hottest_2018, _) = hottest("2018-01-01", "2018-12-31");
    let (hottest_2017, max_2017) = hottest("2017-01-01", "2017-12-31");
    let (hottest_january, max_january) = hottest("2019-01-01", "2019-01-31");
    let after = hottest_2018.succ_opt().unwrap();
    // Complete calendar years: the ranking keeps the years with data on most of their days.
    let (coldest_year, coldest_mean) = (2013..=2021)
        .map(|y| (y, mean(in_range(&w, &format!("{y}-01-01"), &format!("{y}-12-31")).iter().map(|(_, x)| Day::mean(&x.t)))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let august_highs = mean(in_range(&w, "2018-08-01", "2018-08-31").iter().map(|(_, x)| Day::max(&x.t)));
    let pm = |from: &str, to: &str| mean(in_range(&montferrand, from, to).into_iter().map(|(_, v)| *v));
    let rain = |from: &str, to: &str| in_range(&w, from, to).iter().map(|(_, x)| x.rain).sum::<f64>();
    let (gust_day, gust) = in_range(&w, "2020-02-01", "2020-02-29")
        .into_iter()
        .map(|(k, x)| (k, Day::max(&x.gust)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap();
    let sales = csv_rows(CLERMONT);
    let houses_2022: Vec<f64> = {
        let mut v: Vec<f64> = sales
            .iter()
            .filter(|r| r["date_mutation"].starts_with("2022") && r["type_local"] == "Maison")
            .map(|r| r["valeur_fonciere"].parse::<f64>().unwrap() / r["surface_reelle_bati"].parse::<f64>().unwrap())
            .collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let t3_2023 = sales
        .iter()
        .filter(|r| r["date_mutation"].starts_with("2023") && r["type_local"] == "Appartement")
        .filter(|r| r["nombre_pieces_principales"] == "3")
        .count();
    let one = |question, status, facts: Vec<(&'static str, Value)>, says: Vec<&str>| Expected {
        question,
        status,
        facts,
        says: says.into_iter().map(str::to_string).collect(),
    };
    vec![
        vec![one(
            "il a fait combien au plus froid le 28 fevrier 2018 a clermont ?",
            "answered",
            vec![("lowest", num(Day::min(t("2018-02-28"))))],
            vec!["Minimum de température le 28 février 2018"],
        )],
        vec![one(
            "I'm writing about the June 2019 heatwave: what was the highest temperature recorded in Clermont on 26 June 2019?",
            "answered",
            vec![("highest", num(Day::max(t("2019-06-26"))))],
            vec!["Highest temperature on 26 June 2019"],
        )],
        vec![one(
            "Of the complete calendar years in your weather records, which one had the lowest average temperature?",
            "answered",
            vec![("year", Value::from(format!("{coldest_year}-01-01"))), ("mean", num(coldest_mean))],
            vec!["Year with the lowest mean temperature"],
        )],
        vec![one(
            "What was the average daily maximum temperature in August 2018?",
            "answered",
            vec![("mean of the daily highest", num(august_highs))],
            vec!["Mean of the daily highest temperature in August 2018"],
        )],
        vec![one("What will the PM2.5 be next Tuesday?", "no_data", vec![], vec!["Forecast"])],
        vec![one(
            "Pendant le premier confinement (17 mars – 10 mai 2020), la PM2.5 à Montferrand a-t-elle baissé par rapport au mois précédent (17 février – 16 mars) ?",
            "answered",
            vec![("value compared", num(pm("2020-03-17", "2020-05-10"))), ("value compared", num(pm("2020-02-17", "2020-03-16")))],
            vec![],
        )],
        vec![
            one("Combien de pluie en octobre 2019 ?", "answered", vec![("rainfall", num(rain("2019-10-01", "2019-10-31")))], vec![]),
            one("et en novembre ?", "answered", vec![("rainfall", num(rain("2019-11-01", "2019-11-30")))], vec!["novembre 2019"]),
        ],
        vec![
            one("Average PM2.5 at Montferrand in January 2020?", "answered", vec![("mean", num(pm("2020-01-01", "2020-01-31")))], vec![]),
            one("And in February?", "answered", vec![("mean", num(pm("2020-02-01", "2020-02-29")))], vec!["February 2020"]),
        ],
        vec![
            one("median price per m² of flats in 2022", "answered", vec![], vec![]),
            one("what about houses?", "answered", vec![("median price per m²", num(percentile(&houses_2022, 0.5)))], vec!["houses in 2022"]),
        ],
        vec![
            one("Combien de T2 vendus en 2023 ?", "answered", vec![], vec![]),
            one("et de T3 ?", "answered", vec![("sales of one dwelling with a price per m²", num(t3_2023 as f64))], vec!["2023"]),
        ],
        vec![
            one("le jour le plus chaud de 2018", "answered", vec![("day", day(hottest_2018))], vec![]),
            one("et l'année d'avant ?", "answered", vec![("day", day(hottest_2017)), ("value that day", num(max_2017))], vec![]),
        ],
        vec![
            one("le jour le plus chaud de 2018", "answered", vec![("day", day(hottest_2018))], vec![]),
            one("et le mois suivant ?", "answered", vec![("day", day(hottest_january)), ("value that day", num(max_january))], vec![]),
        ],
        vec![
            one("le jour le plus chaud de 2018", "answered", vec![("day", day(hottest_2018))], vec![]),
            one("and the day after?", "answered", vec![("highest", num(Day::max(&w[&after].t)))], vec![]),
        ],
        vec![
            one("le jour le plus chaud de 2018", "answered", vec![("day", day(hottest_2018))], vec![]),
            one("et en km/h ?", "no_data", vec![], vec!["km"]),
        ],
        vec![one(
            "rafale la plus forte en fevrier 2020, en km/h ?",
            "answered",
            vec![("day", day(gust_day)), ("value that day", num(gust * 3.6))],
            vec!["km/h"],
        )],
        vec![one(
            "Combien de pluie la semaine du 9 au 15 mars 2020 ?",
            "answered",
            vec![("rainfall", num(rain("2020-03-09", "2020-03-15")))],
            vec![],
        )],
    ]
}

async fn post(app: &TestApp, path: &str, question: &str) -> reqwest::Response {
    let body = serde_json::json!({ "question": question, "as_of": "2022-06-30" });
    app.client.post(format!("{}{path}", app.address)).json(&body).send().await.unwrap()
}

/// The answer of a question sent with `context` and no `as_of`, through the JSON and chat APIs
/// (which must agree on the figures), and its next context.
async fn follow_up(app: &TestApp, expected: &Expected, context: Option<&Value>) -> Value {
    let body = serde_json::json!({ "question": expected.question, "context": context });
    let response = app.client.post(format!("{}/api/v1/ask", app.address)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200, "{}", expected.question);
    let ask: Value = response.json().await.unwrap();
    check("/api/v1/ask", expected, &ask);
    let stream = app.client.post(format!("{}/api/v1/chat", app.address)).json(&body).send().await.unwrap();
    let (events, _) = crate::llm::parse_events(&stream.text().await.unwrap());
    let done = events.iter().find(|(name, _)| name == "done").map(|(_, data)| data.clone()).unwrap();
    check("/api/v1/chat", expected, &serde_json::from_str(&done).unwrap());
    ask
}

#[sqlx::test]
async fn the_questions_answered_as_other_questions_now_get_their_own_answer(pool: PgPool) {
    load(&pool).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), many_questions_settings(dir.path())).await;
    let url = database_url(&pool).await;
    for expected in expectations() {
        let ask: Value = post(&app, "/api/v1/ask", expected.question).await.json().await.unwrap();
        check("/api/v1/ask", &expected, &ask);

        let stream = post(&app, "/api/v1/chat", expected.question).await.text().await.unwrap();
        let (events, _) = crate::llm::parse_events(&stream);
        let done = events.iter().find(|(name, _)| name == "done").map(|(_, data)| data.clone()).unwrap();
        check("/api/v1/chat", &expected, &serde_json::from_str(&done).unwrap());

        let output = smartcity_command(dir.path())
            .args(["ask", expected.question, "--as-of", "2022-06-30", "--json"])
            .env("DATABASE_URL", &url)
            .env("SMARTCITY_MODEL_DIR", dir.path().join("no-model"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        check("smartcity ask", &expected, &serde_json::from_slice(&output.stdout).unwrap());
    }
    for conversation in conversations() {
        let (mut context, mut cli_context): (Option<Value>, Option<String>) = (None, None);
        for expected in &conversation {
            let answer = follow_up(&app, expected, context.as_ref()).await;
            context = Some(answer["context"].clone());
            let mut command = smartcity_command(dir.path());
            command.args(["ask", expected.question, "--json"]);
            if let Some(token) = &cli_context {
                command.args(["--context", token]);
            }
            let output = command.env("DATABASE_URL", &url).env("SMARTCITY_MODEL_DIR", dir.path().join("no-model")).output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
            check("smartcity ask --context", expected, &answer);
            cli_context = answer["context"].as_str().map(str::to_string);
        }
    }
    app.shutdown().await;
}
