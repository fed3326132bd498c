//! The dashboards: `/explore`, `/explore/weather`, `/explore/relations`, `/explore/housing` and
//! `/explore/transit` in a real headless Chromium (their charts in the DOM, a screenshot under
//! target/, a form change, the CSV links against the charts, the map's links, a phone's width),
//! their errors, and the chart of an answer.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::helpers::{TestApp, january_2020, load_2020, shared_data, spawn_app_with};
use crate::housing_import::CLERMONT;
use crate::transit_import::T2C;
use crate::widget::Driver;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chart's sentence, computed here from the CSV rows its link returns: the days' means (the mean
/// of the stations' means for the city), as the charts say them.
fn said_by_rows(csv: &str, field: &str) -> (usize, String) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (day, value) = (column("day"), column(field));
    let mut days: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        days.entry(row[day].to_string()).or_default().push(row[value].parse().unwrap());
    }
    let means: Vec<(String, f64)> =
        days.into_iter().map(|(d, v)| (d, v.iter().sum::<f64>() / v.len() as f64)).collect();
    let mean = means.iter().map(|m| m.1).sum::<f64>() / means.len() as f64;
    let high = means.iter().fold(&means[0], |a, m| if m.1 > a.1 { m } else { a });
    let said = format!(
        "{} days from {} to {}, mean {mean:.1}, highest {:.1} on {}",
        means.len(),
        means[0].0,
        means[means.len() - 1].0,
        high.1,
        high.0
    );
    (means.len(), said)
}

async fn csv(app: &TestApp, href: &str) -> String {
    let path = href.strip_prefix(&app.address).unwrap_or(href);
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{href}");
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    response.text().await.unwrap()
}

impl Driver {
    async fn all(&self, css: &str) -> Vec<String> {
        let found = self.call("POST", "/elements", json!({ "using": "css selector", "value": css })).await;
        found.as_array().unwrap().iter().map(|e| e[ELEMENT].as_str().unwrap().to_string()).collect()
    }

    async fn attribute(&self, element: &str, name: &str) -> String {
        self.call("GET", &format!("/element/{element}/property/{name}"), Value::Null)
            .await
            .as_str()
            .unwrap()
            .to_string()
    }

    async fn click(&self, css: &str) {
        let element = self.wait_for("/element", css).await;
        self.call("POST", &format!("/element/{element}/click"), json!({})).await;
    }

    /// The text of the first caption that contains `expected`, once one does.
    async fn any_caption_with(&self, expected: &str) -> String {
        let started = Instant::now();
        loop {
            for caption in self.all("figcaption .text").await {
                let text = self.text(&caption).await;
                if text.contains(expected) {
                    return text;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no caption says {expected:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of the first caption once it contains `expected`.
    async fn caption_with(&self, expected: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(first) = self.all("figcaption .text").await.first() {
                let text = self.text(first).await;
                if text.contains(expected) {
                    return text;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no caption says {expected:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

#[sqlx::test]
async fn a_person_explores_the_air_the_weather_and_their_relation_in_a_browser(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let weather: i64 =
        sqlx::query_scalar("SELECT id FROM stations WHERE kind = 'weather'").fetch_one(&pool).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let driver = Driver::start().await;

    // The default view: the city's fine particles, the last 30 days with data.
    driver.open(&format!("{}/explore?lang=en", app.address)).await;
    driver.wait_for("/element", "svg.chart").await;
    let charts = driver.all("svg.chart").await.len();
    assert!(charts >= 3, "the days, the calendar and the map: {charts}");
    assert_eq!(
        driver.all("svg[aria-labelledby^=explore-days] .guideline").await.len(),
        1,
        "the WHO guideline on the days"
    );
    assert!(driver.all("svg rect.day").await.len() >= 28, "a calendar of the days");
    let first = driver.caption_with("days from").await;
    assert!(first.contains("days from 2020-12-03 to 2021-01-01"), "the last 30 days with data: {first}");
    driver.screenshot("explore").await;

    // A form change: the year 2020, with its months and its calendar; the CSV has the chart's rows.
    driver.click("select[name=period] option[value=year]").await;
    driver.click("select[name=year] option[value='2020']").await;
    driver.click("form#choice button[type=submit]").await;
    let days = driver.caption_with("from 2020-01-01").await;
    assert_eq!(driver.all("svg rect.month").await.len(), 12, "twelve monthly bars");
    let link = driver.all("figcaption a.csv").await[0].clone();
    let (n, said) = said_by_rows(&csv(&app, &driver.attribute(&link, "href").await).await, "mean");
    assert!(n > 360 && days.contains(&said), "{days} against {said}");
    let points = driver.execute("return document.querySelector('svg.chart polyline').points.numberOfItems").await;
    assert_eq!(points.as_u64().unwrap() as usize, n, "one point per day with data");
    assert_eq!(driver.all("svg rect.day").await.len(), n, "a square per day in the calendar");
    let counted = driver.all("table.thresholds td.counted").await;
    assert!(!counted.is_empty(), "the days above the WHO guideline");
    let share = driver.attribute(&driver.all("a.share").await[0], "href").await;
    assert!(share.contains("period=year&year=2020"), "{share}");

    // The map links each station to its page.
    let stations = driver.all("svg a.station").await;
    assert!(stations.len() >= 2, "the stations holding PM2.5");
    driver.click("svg a.station").await;
    driver.wait_for("/element", "select[name=station] option[selected]:not([value=city])").await;
    assert!(driver.execute("return location.search").await.as_str().unwrap().contains("station="));

    // On a phone the page does not scroll sideways.
    let phone = json!({ "width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": true });
    let emulate = json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": phone });
    driver.call("POST", "/goog/cdp/execute", emulate).await;
    driver.execute("location.reload()").await;
    driver.wait_for("/element", "svg.chart").await;
    let widths = driver.execute("return [document.documentElement.scrollWidth, window.innerWidth]").await;
    assert_eq!(widths[1], json!(390), "a phone's width");
    assert!(widths[0].as_u64() <= widths[1].as_u64(), "no horizontal scroll on a phone: {widths}");
    driver.screenshot("explore-phone").await;
    driver
        .call("POST", "/goog/cdp/execute", json!({ "cmd": "Emulation.clearDeviceMetricsOverride", "params": {} }))
        .await;

    // The weather page: a chart per variable at the station, and the forecast said to be missing.
    driver.open(&format!("{}/explore/weather?station={weather}&period=month&month=2020-01&lang=en", app.address)).await;
    driver.wait_for("/element", "svg.chart").await;
    assert_eq!(driver.all("svg.chart").await.len(), 5, "temperature, rain, wind, humidity, pressure");
    let body = driver.text(&driver.wait_for("/element", "body").await).await;
    assert!(body.contains("a model forecast") && body.contains("No forecast is loaded"), "{body}");
    let temperature = driver.caption_with("daily mean").await;
    let link = driver.all("figcaption a.csv").await[0].clone();
    let (n, said) = said_by_rows(&csv(&app, &driver.attribute(&link, "href").await).await, "mean");
    assert!(n == 31 && temperature.contains(&said), "{temperature} against {said}");
    driver.screenshot("explore-weather").await;

    // The relation of PM2.5 and temperature in 2020: the r the page gives is the one of the CSVs.
    driver.open(&format!("{}/explore/relations?period=year&year=2020&lang=en", app.address)).await;
    let scatter = driver.wait_for("/element", "svg.chart").await;
    let caption = driver.text(&driver.wait_for("/element", "figcaption.text").await).await;
    let links = driver.all("figcaption a.csv").await;
    let air = csv(&app, &driver.attribute(&links[0], "href").await).await;
    let sky = csv(&app, &driver.attribute(&links[1], "href").await).await;
    let by_day = |text: &str| -> BTreeMap<String, f64> {
        let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for row in csv::Reader::from_reader(text.as_bytes()).deserialize::<BTreeMap<String, String>>() {
            let row = row.unwrap();
            let entry = sums.entry(row["day"].clone()).or_default();
            entry.0 += row["mean"].parse::<f64>().unwrap();
            entry.1 += 1.0;
        }
        sums.into_iter().map(|(d, (s, n))| (d, s / n)).collect()
    };
    let (ys, xs) = (by_day(&air), by_day(&sky));
    let pairs: Vec<(f64, f64)> = xs.iter().filter_map(|(d, x)| Some((*x, *ys.get(d)?))).collect();
    let n = pairs.len() as f64;
    let (mx, my) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let cov: f64 = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let (vx, vy): (f64, f64) =
        (pairs.iter().map(|p| (p.0 - mx).powi(2)).sum(), pairs.iter().map(|p| (p.1 - my).powi(2)).sum());
    let r = cov / (vx * vy).sqrt();
    assert!(
        caption.contains(&format!("r = {r:.2} over {} days", pairs.len())),
        "{caption} against r {r:.2}, n {}",
        pairs.len()
    );
    let dots = driver
        .call("POST", &format!("/element/{scatter}/elements"), json!({ "using": "css selector", "value": "circle" }))
        .await;
    assert_eq!(dots.as_array().unwrap().len(), pairs.len(), "a dot per day");
    let caveat = driver.text(&driver.wait_for("/element", "p.caveat").await).await;
    assert!(caveat.contains("Correlation is not cause"), "{caveat}");
    driver.screenshot("explore-relations").await;

    // The widget on the home page shows an answer's chart under a comparison.
    driver.open(&format!("{}/?lang=en", app.address)).await;
    let shadow = driver.shadow().await;
    let scope = format!("/shadow/{shadow}/element");
    let launcher = driver.wait_for(&scope, ".launcher").await;
    driver.call("POST", &format!("/element/{launcher}/click"), json!({})).await;
    let input = driver.wait_for(&scope, "input").await;
    let question = "Was PM2.5 higher in January 2020 than in February 2020?\n";
    driver.call("POST", &format!("/element/{input}/value"), json!({ "text": question })).await;
    driver.answer(&shadow, 1).await;
    let started = Instant::now();
    let loaded = "return document.querySelector('[data-smartcity-widget]').shadowRoot.querySelector('.msg.bot img.chart')?.naturalWidth || 0";
    while driver.execute(loaded).await.as_u64().unwrap_or(0) == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "the answer's chart never loaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    driver.screenshot("widget-chart").await;
    driver.call("DELETE", "", Value::Null).await;
    app.shutdown().await;
}

#[sqlx::test]
async fn a_choice_the_data_cannot_serve_is_said_on_the_page(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    for (path, said) in [
        ("/explore?variable=pollen", "No data is loaded for: pollen"),
        ("/explore?station=999999", "Station \"999999\" holds no data for: PM2.5"),
        ("/explore?variable=temperature&station=city", "No measuring station of the city measures: Temperature"),
        ("/explore?period=decade", "The period \"decade\" is not one of"),
        ("/explore?period=month&month=2020-13", "\"2020-13\" is not a month like 2020-03"),
        ("/explore?period=range&from=2020-03-01&to=2020-02-01", "from 2020-03-01 is after to 2020-02-01"),
        ("/explore?period=range&from=2020-03-01", "A range needs to"),
        ("/explore/relations?pollutant=temperature", "pick a pollutant and a weather variable"),
        ("/explore/weather?station=city", "No measuring station of the city measures: Temperature"),
        ("/explore?period=decade&lang=fr", "La période «decade» n&#x27;est pas l&#x27;une de"),
        ("/explore?variable=%3Cscript%3Ealert(1)%3C/script%3E", "for: &lt;script&gt;alert(1)&lt;/script&gt;."),
        ("/explore?period=month&month=%2B262142-12", "\"+262142-12\" is not a month like 2020-03"),
        ("/explore?period=range&from=0001-01-01&to=2020-01-01", "from \"0001-01-01\" is not a day like 2020-03-15"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        let html = response.text().await.unwrap();
        assert!(!html.contains("<script>alert"), "what the URL says is escaped: {html}");
        let html = html.replace("&quot;", "\"");
        assert!(html.contains("role=\"alert\"") && html.contains(said), "{path}: {html}");
    }
    // A month without data is an empty view, not an error; a view's link gives the same view.
    let empty = app.get("/explore?period=month&month=2019-05").await;
    assert_eq!(empty.status(), 200);
    assert!(empty.text().await.unwrap().contains("No data in this period."));
    let page = app.get("/explore?variable=pm25&period=month&month=2020-03&lang=fr").await.text().await.unwrap();
    let share = page.split("class=\"share\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    let share = share.replace("&amp;", "&");
    let shared = app.get(&share).await.text().await.unwrap();
    let caption =
        |html: &str| html.split("<span class=\"text\">").nth(1).unwrap().split("</span>").next().unwrap().to_string();
    assert_eq!(caption(&shared), caption(&page));
    assert!(caption(&page).contains("31 jours du 2020-03-01 au 2020-03-31, moyenne 10,3"), "{}", caption(&page));
    app.shutdown().await;
}

#[sqlx::test]
async fn answers_about_a_period_carry_a_chart_of_their_days(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let ask = |question: &str| {
        let body = json!({ "question": question, "lang": "en" });
        let request = app.client.post(format!("{}/api/v1/ask", app.address)).json(&body);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let compared = ask("Was PM2.5 higher in January 2020 than in February 2020?").await;
    let url = compared["chart_url"].as_str().unwrap_or_else(|| panic!("{compared:#}")).to_string();
    assert!(url.starts_with("/explore/chart.svg?station=city&variable=pm25&from=2020-01-01&to=2020-02-29"), "{url}");
    let chart = app.get(&url).await;
    assert_eq!(chart.status(), 200);
    assert_eq!(chart.headers()["content-type"], "image/svg+xml");
    let svg = chart.text().await.unwrap();
    assert!(svg.contains("<polyline") && svg.contains("60 days from 2020-01-01 to 2020-02-29"), "{svg}");

    let stations = ask("Which station had the highest PM2.5 in March 2020?").await;
    let url = stations["chart_url"].as_str().unwrap_or_else(|| panic!("{stations:#}"));
    let svg = app.get(url).await.text().await.unwrap();
    assert_eq!(svg.matches("<polyline").count(), 2, "a line per station of the city: {svg}");
    assert!(svg.contains("Montferrand: 31 days from 2020-03-01 to 2020-03-31"), "{svg}");

    // The hottest day is a day's highest reading: the chart draws the days' highest beside their mean.
    let hottest = ask("What was the hottest day of January 2020?").await;
    let url = hottest["chart_url"].as_str().unwrap_or_else(|| panic!("{hottest:#}"));
    let svg = app.get(url).await.text().await.unwrap();
    assert_eq!(svg.matches("<polyline").count(), 3, "lowest, mean and highest: {svg}");
    let day = ask("PM2.5 at Montferrand on 23 January 2020").await;
    assert!(day.get("chart_url").is_none(), "a single day has no chart: {day:#}");

    for (path, status) in [
        ("/explore/chart.svg?variable=pm25&from=2020-01-01", 400),
        ("/explore/chart.svg?variable=pm25&station=1,2,3,4,5&from=2020-01-01&to=2020-01-31", 400),
        ("/explore/chart.svg?variable=pm25&station=city,&from=2020-01-01&to=2020-01-31", 400),
        ("/explore/chart.svg?variable=pm25&from=2030-01-01&to=2030-01-31", 404),
    ] {
        assert_eq!(app.get(path).await.status(), status, "{path}");
    }
    app.shutdown().await;
}

#[sqlx::test]
async fn a_person_explores_the_property_sales_of_the_city_in_a_browser(pool: PgPool) {
    smartcity::ingest::dvf::import(&pool, &shared_data(CLERMONT)).await.unwrap();
    smartcity::aggregate::sale_stats(&pool).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let driver = Driver::start().await;
    driver.open(&format!("{}/explore/housing?lang=en", app.address)).await;
    driver.wait_for("/element", "svg.chart").await;
    assert_eq!(driver.all("svg.chart").await.len(), 3, "quarters, years, map");
    let flats = driver.caption_with("quarters from").await;
    driver.screenshot("explore-housing").await;

    // The quarters' CSV holds the chart's medians.
    let check = |caption: String, csv: String| {
        let rows: Vec<BTreeMap<String, String>> =
            csv::Reader::from_reader(csv.as_bytes()).deserialize().map(|r| r.unwrap()).collect();
        let medians: Vec<&BTreeMap<String, String>> =
            rows.iter().filter(|r| !r["eur_per_m2_median"].is_empty()).collect();
        let last = medians.last().unwrap();
        let said = format!(
            "Median: {} quarters from {} to {}, the latest {:.0} €/m²",
            medians.len(),
            medians[0]["period_start"],
            last["period_start"],
            last["eur_per_m2_median"].parse::<f64>().unwrap()
        );
        assert!(caption.contains(&said), "{caption} against {said}");
    };
    let link = driver.all("figcaption a.csv").await[0].clone();
    check(flats.clone(), csv(&app, &driver.attribute(&link, "href").await).await);

    // A form change: houses.
    driver.click("select[name=dwelling] option[value=house]").await;
    driver.click("form#choice button[type=submit]").await;
    driver.wait_for("/element", "svg[aria-labelledby^=housing-quarters] title").await;
    let started = Instant::now();
    while !driver.execute("return location.search").await.as_str().unwrap().contains("dwelling=house") {
        assert!(started.elapsed() < Duration::from_secs(30), "the form never went");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let houses = driver.caption_with("quarters from").await;
    assert_ne!(houses, flats, "the houses' medians");
    let title = driver.execute("return document.querySelector('svg.chart title').textContent").await;
    assert_eq!(title, json!("Houses: price per m² by quarter"));
    let link = driver.all("figcaption a.csv").await[0].clone();
    check(houses, csv(&app, &driver.attribute(&link, "href").await).await);

    // Five rooms or more: "5+" survives the URLs of the view, its rows and its map.
    driver.open(&format!("{}/explore/housing?dwelling=house&rooms=5%2B&lang=en", app.address)).await;
    driver.wait_for("/element", "svg.chart").await;
    let share = driver.attribute(&driver.all("a.share").await[0], "href").await;
    assert!(share.contains("rooms=5%2B"), "{share}");
    for link in driver.all("figcaption a.csv").await {
        let href = driver.attribute(&link, "href").await;
        assert!(href.contains("rooms=5%2B"), "{href}");
        let rows = csv(&app, &href).await;
        assert!(rows.lines().count() > 1, "{href}");
        if href.contains("/sales?") {
            let mut reader = csv::Reader::from_reader(rows.as_bytes());
            let rooms = reader.headers().unwrap().iter().position(|h| h == "rooms").unwrap();
            assert!(
                reader.records().all(|r| r.unwrap()[rooms].parse::<i32>().unwrap() >= 5),
                "the map's sales are of 5 rooms or more"
            );
        }
    }
    assert_eq!(app.get("/explore/housing?commune=99999").await.status(), 400);
    driver.call("DELETE", "", Value::Null).await;
    app.shutdown().await;
}

#[sqlx::test]
async fn a_month_is_set_against_the_same_month_of_earlier_years(pool: PgPool) {
    let settings = smartcity::Settings::default();
    smartcity::ingest::synop::import(&pool, &settings.synop, &shared_data("clermont/synop_07460_201301-202203.csv"))
        .await
        .unwrap();
    smartcity::aggregate::refresh(&pool, &settings, None).await.unwrap();
    let station: i64 =
        sqlx::query_scalar("SELECT id FROM stations WHERE kind = 'weather'").fetch_one(&pool).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let page = app.get(&format!("/explore?variable=temperature&station={station}&period=month&month=2020-01")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("class=\"this-year\""), "the years chart is drawn");

    // Every January of the station, from the API's rows: its mean, when it has 15 days or more.
    let rows = csv(&app, &format!("/api/v1/daily?station_id={station}&variable=temperature&from=2013-01-01&to=2020-01-31&limit=10000&format=csv")).await;
    let mut januaries: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for row in csv::Reader::from_reader(rows.as_bytes()).deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        if &row["day"][5..7] == "01" {
            januaries.entry(row["day"][..4].to_string()).or_default().push(row["mean"].parse().unwrap());
        }
    }
    let mean = |v: &Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let this = mean(&januaries["2020"]);
    let earlier: Vec<f64> =
        januaries.iter().filter(|(y, v)| y.as_str() < "2020" && v.len() >= 15).map(|(_, v)| mean(v)).collect();
    let said = format!(
        "2020-01: {this:.1} °C, earlier years {:.1} ({} years)",
        earlier.iter().sum::<f64>() / earlier.len() as f64,
        earlier.len()
    );
    assert!(earlier.len() >= 6 && html.contains(&said), "{said} in the page");
    app.shutdown().await;
}

/// The departures a CSV lists that leave (arrivals at a terminus aside).
fn leaving(csv: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows = reader.deserialize::<BTreeMap<String, String>>().map(|r| r.unwrap());
    rows.filter(|r| r["last_stop"] == "false").collect()
}

#[sqlx::test]
async fn a_person_explores_the_timetable_its_lines_and_stops_in_a_browser(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;
    let empty = app.get("/explore/transit?lang=en").await;
    assert_eq!(empty.status(), 400);
    assert!(
        empty.text().await.unwrap().contains("No timetable is loaded: `smartcity import gtfs FILE.zip` imports one.")
    );
    smartcity::ingest::gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    let driver = Driver::start().await;

    // The network: every line's path in its colour, the stops, the trips of each day.
    driver.open(&format!("{}/explore/transit?lang=en", app.address)).await;
    driver.wait_for("/element", "svg.chart").await;
    let routes = driver
        .execute("return new Set([...document.querySelectorAll('path.line')].map(l => l.dataset.route)).size")
        .await;
    assert!(routes.as_u64().unwrap() >= 50, "the lines with a path: {routes}");
    let tram = driver.execute("return document.querySelector('path.line[data-route=A]').getAttribute('stroke')").await;
    assert_eq!(tram, json!("#ad2624"), "tram A in its GTFS colour");
    assert!(driver.all("circle.stop").await.len() > 1000, "the stops served");
    driver.screenshot("explore-transit").await;
    let days = driver.any_caption_with("days from").await;
    assert!(days.contains("166 days from 2024-01-17 to 2024-06-30; without service: 2024-05-01"), "{days}");
    let links = driver.all("figcaption a.csv").await;
    let per_day = csv(&app, &driver.attribute(&links[2], "href").await).await;
    let rows: Vec<BTreeMap<String, String>> =
        csv::Reader::from_reader(per_day.as_bytes()).deserialize().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 166);
    let trips = |day: &str| rows.iter().find(|r| r["service_day"] == day).unwrap()["trips"].clone();
    // ../shared/data/README.md's checks.
    assert_eq!(
        (trips("2024-03-12"), trips("2024-03-16"), trips("2024-03-17"), trips("2024-05-01")),
        ("2157".into(), "1581".into(), "535".into(), "0".into())
    );

    // A line: its typical days' departures per hour, as its rows say, and its stops in order.
    driver.click("p.lines a.line-badge[href*='route=B&']").await;
    let caption = driver.any_caption_with("Weekdays").await;
    let hour_links = driver.all("figcaption a.csv").await;
    assert_eq!(hour_links.len(), 2 + 3, "the map's paths and stops, then a typical day of each kind");
    for link in &hour_links[2..] {
        let href = driver.attribute(link, "href").await;
        let day = href.split("date=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let counted = leaving(&csv(&app, &href).await).len();
        assert!(caption.contains(&format!("({day}): {counted} trips")), "{caption} against {href}");
    }
    assert!(driver.all("svg rect.hour").await.len() > 30, "hours of three kinds of day");
    let firsts = driver
        .execute("return [...document.querySelectorAll('table.typical td:nth-child(3)')].map(t => t.textContent)")
        .await;
    assert!(firsts.as_array().unwrap().iter().all(|t| t.as_str().unwrap().contains(':')), "{firsts}");
    let stops = driver.all("ol.stops li").await.len();
    assert!(stops > 20, "line B's stops, both ways: {stops}");
    driver.screenshot("explore-transit-line").await;

    // A stop, its name as a person types it: the tram after midnight is the service day's.
    driver.open(&format!("{}/explore/transit?stop=jaude&date=2024-03-16&time=23:30&lang=fr", app.address)).await;
    driver.wait_for("/element", "table.departures").await;
    let heading = driver.execute("return document.querySelector('h1').textContent").await;
    assert_eq!(heading, json!("Arrêt Jaude"));
    let times = driver
        .execute("return [...document.querySelectorAll('table.departures td:first-child')].map(t => t.textContent)")
        .await;
    let times: Vec<&str> = times.as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(times[0] >= "23:30" && times.len() <= 20, "{times:?}");
    assert!(times.contains(&"00:59 (lendemain)"), "tram A's last, \"24:59:00\": {times:?}");
    let badges =
        driver.execute("return [...document.querySelectorAll('p.stop-lines a')].map(a => a.textContent)").await;
    assert!(badges.as_array().unwrap().contains(&json!("A")), "{badges}");
    let link = driver.all("figcaption a.csv").await[0].clone();
    let all_day = leaving(&csv(&app, &driver.attribute(&link, "href").await).await);
    let tram_a = all_day.iter().filter(|r| r["route"] == "A").count();
    assert_eq!(tram_a, 217, "tram A leaves Jaude 217 times that day (the data README)");
    let said = driver.caption_with("départs le 2024-03-16").await;
    assert!(said.starts_with(&format!("{} départs le 2024-03-16", all_day.len())), "{said}");
    driver.screenshot("explore-transit-stop").await;
    driver.call("DELETE", "", Value::Null).await;

    for (path, status, said) in [
        ("/explore/transit?route=ZZ", 400, "There is no line \"ZZ\" in the timetable; its lines: "),
        ("/explore/transit?stop=Nowhere", 400, "There is no stop named \"Nowhere\""),
        (
            "/explore/transit?stop=Jaude&date=2030-01-01",
            400,
            "The timetable does not cover 2030-01-01: it runs from 2024-01-17 to 2024-06-30.",
        ),
        ("/explore/transit?stop=Jaude&date=1%20May", 400, "\"1 May\" is not a date like 2024-03-16."),
        ("/explore/transit?stop=Jaude&date=-5000-01-01", 400, "\"-5000-01-01\" is not a date like 2024-03-16."),
        ("/explore/transit?stop=Jaude&date=2024-03-16&time=24:30", 200, "from 00:30 (the next day)"),
        ("/explore/transit?stop=Jaude&date=2024-03-16&time=24:30", 200, "from=24%3A30"),
        ("/explore/transit?stop=Jaude&time=25h", 400, "\"25h\" is not a time like 08:30."),
        ("/explore/transit?stop=Jaude&route=A", 400, "Choose a line or a stop, not both."),
        ("/explore/transit?stop=Jaude&date=2024-05-01", 200, "No service that day."),
        ("/explore/transit?stop=Jaude", 200, "The timetable does not cover today"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        let html = response.text().await.unwrap().replace("&quot;", "\"");
        assert!(html.contains(said), "{path}: {html}");
    }
    app.shutdown().await;
}
