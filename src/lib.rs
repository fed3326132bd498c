//! SmartCity Insights: a city's open air-quality and weather data, turned into cited answers.

pub mod aggregate;
pub mod answer;
pub mod apikeys;
pub mod bench;
pub mod briefs;
pub mod calendar;
pub mod charts;
pub mod cli;
pub mod config;
pub mod db;
pub mod embed;
pub mod eval;
#[cfg(test)]
mod fuzz;
pub mod http;
pub mod index;
pub mod jsonl;
pub mod ingest;
pub mod lang;
pub mod progress;
pub mod question;
pub mod refresh;
pub mod retrieve;
pub mod startup;
pub mod summarize;
pub mod telemetry;
pub mod templates;
pub mod timetable;

pub use config::Settings;
pub use startup::Application;
