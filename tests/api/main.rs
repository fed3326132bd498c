//! One integration test binary (one link step) for the whole suite.

mod aggregates;
mod analyst;
mod answers;
mod briefs;
mod cli;
mod cluster;
mod components;
mod faults;
mod first_run;
mod followups;
mod health;
mod housing_answers;
mod housing_import;
mod helpers;
mod index;
mod ingest_files;
mod ingest_open_meteo;
mod ingest_openaq;
mod llm;
mod maintenance;
mod reading;
mod replay;
mod retrieval_eval;
mod search;
mod summarize;
mod widget;
