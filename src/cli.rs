//! The command line: one subcommand per job the service does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand};

use crate::answer::{Answerer, Question};
use crate::config::Settings;
use crate::db::{self, Cluster, Database};
use crate::index::Indexes;
use crate::ingest::{self, ApiSource};
use crate::question::{Conversation, Gazetteer};
use crate::retrieve::Retriever;
use crate::startup::{Application, shutdown_signal};
use crate::summarize::Lang;
use crate::{aggregate, apikeys, bench, eval, refresh};

#[derive(Debug, Parser)]
#[command(
    name = "smartcity",
    version,
    about = "Answers about a city's air quality, weather, housing and public transport, every number cited to its data."
)]
#[command(long_about = "Answers about a city's air quality, weather, housing and public transport, every number cited to its data.\n\n\
Settings come from smartcity.toml (or --config) and SMARTCITY_* environment variables; \
without DATABASE_URL a private PostgreSQL cluster is run under the data directory.")]
pub struct Cli {
    /// Configuration file (TOML); ./smartcity.toml is read when it exists.
    #[arg(long, global = true, env = "SMARTCITY_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API (applies pending migrations first); Ctrl-C or SIGTERM stop it cleanly.
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Fetch the API sources now: the last days and the forecast, or a back-fill with --from/--to.
    Ingest {
        /// Which API to call (OpenAQ needs an API key).
        #[arg(value_enum, default_value = "all")]
        source: ApiSource,
        /// First day of a back-fill (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day of a back-fill (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<NaiveDate>,
    },
    /// Render the text chunks (French and English) of the given days, or of all data.
    Summarize {
        /// First day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "to")]
        from: Option<NaiveDate>,
        /// Last day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<NaiveDate>,
    },
    /// Recompute the aggregates, correlations and chunks (of the given days, or of all data), then the index.
    Refresh {
        /// First day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "to")]
        from: Option<NaiveDate>,
        /// Last day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<NaiveDate>,
    },
    /// Bring the search index (FAISS + tantivy) up to date with the chunks: embeds only new or
    /// changed chunks, writes a new build and switches to it atomically.
    Index {
        /// Re-embed every chunk (needed after changing the embedding model).
        #[arg(long)]
        rebuild: bool,
    },
    /// Ask a question in French or English; the answer cites the data of each number.
    Ask {
        question: String,
        /// The day "today" is (YYYY-MM-DD; default: today in the city).
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Answer in this language (fr or en) instead of the question's.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Print the whole answer as JSON.
        #[arg(long)]
        json: bool,
        /// Follow up an answer: its `context` (printed last, or in --json), e.g. "and in February?".
        #[arg(long, value_name = "TOKEN")]
        context: Option<String>,
    },
    /// Write a brief for journalists over a period: Markdown on stdout (or --format html, csv, json);
    /// it is stored, so `serve` shows it at /briefs/ID.
    Brief {
        /// First day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: NaiveDate,
        /// Last day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: NaiveDate,
        /// air, weather, housing, mobility, comma-separated (default: air,weather).
        #[arg(long, value_delimiter = ',', default_value = "air,weather")]
        topics: Vec<String>,
        #[arg(long, default_value = "en")]
        lang: String,
        /// markdown, html, csv (the data) or json.
        #[arg(long, default_value = "markdown")]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// API keys for analysts and operators (shown once at creation, stored hashed).
    #[command(subcommand)]
    Apikey(ApikeyCommand),
    /// Benchmarks; each prints Markdown for BENCHMARKS.md.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Measure the service against the question sets in eval/: numeric accuracy, citation precision,
    /// refusals, injections, language, latency and retrieval; fails under the floors.
    Eval(EvalArgs),
    /// Import files: Météo-France SYNOP observations, daily series as CSV, DVF property sales, or a GTFS timetable.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Manage the private PostgreSQL cluster (used when DATABASE_URL is unset).
    #[command(subcommand)]
    Db(DbCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Météo-France SYNOP CSV files (.csv or .csv.gz); keeps the configured station (synop.station_id).
    Synop {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Daily series: station_code,station_name,latitude,longitude,parameter,unit,date,value.
    DailyCsv {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// DVF property sales: geo-dvf CSV files (a commune's, a département's, all of France; .csv or
    /// .csv.gz) or the raw DGFiP valeursfoncieres-YYYY.txt files.
    Dvf {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// A GTFS public-transport timetable: a .zip feed or a folder of its .txt files.
    Gtfs {
        #[arg(required = true, value_name = "FEED")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApikeyCommand {
    /// Create a key and print it (it cannot be shown again).
    Create {
        /// Who or what uses it.
        #[arg(long)]
        name: String,
        /// read (default) or admin (which reads too); repeat for several.
        #[arg(long = "scope", value_name = "SCOPE")]
        scopes: Vec<String>,
    },
    /// List the keys (never the keys themselves).
    List,
    /// Revoke a key by its id.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// A back-fill of over a million measurement rows (real hourly Beijing values, several benchmark
    /// stations, deleted after) through the upsert, against a plain COPY of the same rows.
    Ingest {
        #[arg(
            long,
            value_name = "FILE",
            default_value = "../shared/data/other-cities/beijing_prsa_aotizhongxin_2013-2017_hourly.csv"
        )]
        file: PathBuf,
        /// Benchmark stations holding a copy of the rows each.
        #[arg(long, default_value_t = 5)]
        copies: usize,
    },
    /// The import of a GTFS feed, in stop times per second, against a plain COPY of its stop
    /// times; the feed stays imported (run on a database without it).
    Gtfs {
        #[arg(long, value_name = "FEED", default_value = "../shared/data/clermont/gtfs_t2c_2024-01-17_2024-06-30.zip")]
        file: PathBuf,
    },
    /// Aggregates, chunks and index of all the data from scratch, against embedding alone.
    /// Empties the derived tables first: only with --scratch, on a scratch database.
    Refresh {
        #[arg(long)]
        scratch: bool,
    },
    /// /api/v1/ask of a running `serve` under load from this process.
    Ask {
        /// The service, e.g. http://127.0.0.1:8080.
        #[arg(long)]
        url: String,
        /// Concurrent clients at each level.
        #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
        clients: Vec<usize>,
        /// Seconds per level.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, value_name = "FILE", default_value = "eval/questions.jsonl")]
        dataset: PathBuf,
        /// An API key (the public rate would throttle the load).
        #[arg(long, env = "BENCH_API_KEY")]
        key: Option<String>,
        /// The serving process, for its peak memory.
        #[arg(long)]
        pid: Option<u32>,
        /// The goal of a new question's p50, in times its query embedding.
        #[arg(long, default_value_t = 1.5)]
        goal: f64,
    },
    /// Query embedding, retrieval latency (real index, and grown to --large chunks), index build rate.
    Retrieval {
        /// Questions to time (their plans and filters are the real ones).
        #[arg(long, value_name = "FILE", default_value = "eval/retrieval.jsonl")]
        dataset: PathBuf,
        /// Passes over the questions.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Chunk counts of enlarged indexes (copies of the real chunks with nudged vectors).
        #[arg(long, value_delimiter = ',', default_value = "100000,200000")]
        large: Vec<usize>,
    },
    /// The embedder alone: English chunk texts per second, one-question latency, the reference
    /// embeddings reproduced.
    Embed {
        /// Questions timed one at a time.
        #[arg(long, value_name = "FILE", default_value = "eval/retrieval.jsonl")]
        dataset: PathBuf,
        #[arg(long, value_name = "FILE", default_value = "../shared/data/reference/minilm_l6_v2_reference_embeddings.json")]
        reference: PathBuf,
        /// Also write the texts and questions timed (texts.jsonl, questions.jsonl) to this directory.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: Option<EvalCommand>,
    /// The answer question sets (the option may be repeated); each must pass the floors.
    #[arg(long, value_name = "FILE", default_values = ["eval/questions.jsonl", "eval/questions_people.jsonl", "eval/questions_heldout.jsonl"])]
    pub dataset: Vec<PathBuf>,
    /// The retrieval question set.
    #[arg(long, value_name = "FILE", default_value = "eval/retrieval.jsonl")]
    pub retrieval: PathBuf,
    /// The day "today" is for every question (default: each question's own).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Answer each set twice, without then with the configured LLM (`llm.base_url`, `llm.model`),
    /// and fail if a question answered right without it is answered wrong with it.
    #[arg(long)]
    pub llm: bool,
    /// Ask only every Nth question of each answer set (an LLM takes seconds per answer).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub every: u16,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Recall@5 and MRR of vector, text and fused retrieval, per language; a JSON report goes to eval/reports/.
    Retrieval {
        #[arg(long, value_name = "FILE", default_value = "eval/retrieval.jsonl")]
        dataset: PathBuf,
        /// Fail (exit 1) when the fused recall@5 is below this.
        #[arg(long, value_name = "RATIO")]
        min_recall: Option<f64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Start the private cluster and leave it running; prints its DATABASE_URL.
    Start,
    /// Stop the private cluster.
    Stop,
    /// Say whether the private cluster is running.
    Status,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = &Settings::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => {
            let app = Application::build(settings).await?;
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Migrate => {
            let database = Database::open(settings).await?;
            let pending = db::pending_migrations(&database.pool).await;
            let result = db::migrate(&database.pool).await;
            database.close().await?;
            result?;
            println!("migrations applied: {} new, database up to date", pending?);
            Ok(())
        }
        Command::Ingest { source, from, to } => {
            let range = match from {
                Some(from) => {
                    let to = to.unwrap_or_else(|| chrono::Utc::now().date_naive());
                    if from > to {
                        anyhow::bail!("--from {from} is after --to {to}");
                    }
                    Some((from, to))
                }
                None => None,
            };
            with_database(settings, |pool| async move {
                let reports = ingest::ingest_apis(&pool, settings, source, range).await?;
                let printed = print_reports(&reports);
                aggregate_after(&pool, settings, &reports).await?;
                printed
            })
            .await
        }
        Command::Import(command) => {
            with_database(settings, |pool| async move {
                let mut reports = Vec::new();
                let mut unreadable = 0;
                let files = match &command {
                    ImportCommand::Synop { files }
                    | ImportCommand::DailyCsv { files }
                    | ImportCommand::Dvf { files }
                    | ImportCommand::Gtfs { files } => files,
                };
                for file in files {
                    let report = match &command {
                        ImportCommand::Synop { .. } => ingest::synop::import(&pool, &settings.synop, file).await,
                        ImportCommand::DailyCsv { .. } => ingest::daily_csv::import(&pool, file).await,
                        ImportCommand::Dvf { .. } => ingest::dvf::import(&pool, file).await,
                        ImportCommand::Gtfs { .. } => ingest::gtfs::import(&pool, file).await,
                    };
                    match report {
                        Ok(report) => reports.push(report),
                        Err(e) => {
                            eprintln!("error: {}", format!("{e:#}").replace('\n', " "));
                            unreadable += 1;
                        }
                    }
                }
                let printed = print_reports(&reports);
                aggregate_after(&pool, settings, &reports).await?;
                printed?;
                if unreadable > 0 {
                    anyhow::bail!("{unreadable} of {} file(s) could not be imported", files.len());
                }
                Ok(())
            })
            .await
        }
        Command::Summarize { from, to } => {
            let days = checked_days(from, to)?;
            with_database(settings, |pool| async move {
                let c = refresh::summarize_days(&pool, settings, days).await?;
                println!(
                    "chunks: {} added, {} changed, {} removed, {} unchanged",
                    c.added, c.changed, c.removed, c.unchanged
                );
                Ok(())
            })
            .await
        }
        Command::Refresh { from, to } => {
            let days = checked_days(from, to)?;
            let embedder = refresh::load_embedder(settings).await?;
            with_database(settings, |pool| async move {
                println!("{}", refresh::refresh(&pool, settings, days, Some(&embedder)).await?);
                Ok(())
            })
            .await
        }
        Command::Index { rebuild } => {
            let embedder = refresh::load_embedder(settings).await?;
            with_database(settings, |pool| async move {
                println!("{}", refresh::build_index(&pool, settings, &embedder, rebuild).await?);
                Ok(())
            })
            .await
        }
        Command::Eval(EvalArgs { command: Some(EvalCommand::Retrieval { dataset, min_recall }), .. }) => {
            let embedder = refresh::load_embedder(settings).await?;
            with_database(settings, |pool| async move {
                let retriever = loaded_retriever(&pool, settings, embedder).await?;
                let gazetteer = Gazetteer::load(&pool, &settings.city).await?;
                let report = eval::retrieval::run(&pool, &retriever, &gazetteer, &dataset).await?;
                print!("{report}");
                let path = eval::write_report(Path::new("eval/reports"), "retrieval", &report)?;
                println!("report: {}", path.display());
                if let Some(min) = min_recall
                    && report.all.fused.recall_at_5 < min
                {
                    anyhow::bail!("fused recall@5 {:.3} is below {min}", report.all.fused.recall_at_5);
                }
                Ok(())
            })
            .await
        }
        Command::Eval(EvalArgs { command: None, dataset, retrieval, as_of, llm, every }) => {
            if llm && settings.llm.base_url.is_none() {
                anyhow::bail!(
                    "--llm compares answers with the configured LLM: set llm.base_url and llm.model (scripts/llm-serve prints them)"
                );
            }
            let embedder = refresh::load_embedder(settings).await?;
            with_database(settings, |pool| async move {
                let retriever = loaded_retriever(&pool, settings, embedder).await?;
                let gazetteer = Gazetteer::load(&pool, &settings.city).await?;
                let retrieval = eval::retrieval::run(&pool, &retriever, &gazetteer, &retrieval).await?;
                let rules = Settings { llm: Default::default(), ..settings.clone() };
                let answerer = Answerer::new(pool.clone(), Arc::clone(&retriever), Arc::new(rules))?;
                let with_llm = match llm {
                    true => Some(Answerer::new(pool.clone(), Arc::clone(&retriever), Arc::new(settings.clone()))?),
                    false => None,
                };
                let every = usize::from(every);
                let mut reports = Vec::new();
                let mut below = Vec::new();
                for set in &dataset {
                    let answers = eval::answers::run(&pool, &settings.city, &answerer, set, as_of, every).await?;
                    print!("{answers}");
                    let name = set.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                    below.extend(print_floors(&name, &eval::answer_floors(&answers)));
                    if let Some(with_llm) = &with_llm {
                        let mut llm = eval::answers::run(&pool, &settings.city, with_llm, set, as_of, every).await?;
                        llm.llm = settings.llm.model.clone();
                        println!("with the LLM ({}):", settings.llm.model.as_deref().unwrap_or_default());
                        print!("{llm}");
                        let worse: Vec<&String> = answers.right.iter().filter(|id| !llm.right.contains(id)).collect();
                        let better = llm.right.iter().filter(|id| !answers.right.contains(id)).count();
                        println!("  with the LLM: {} worse {worse:?}, {better} better", worse.len());
                        if !worse.is_empty() {
                            below.push(format!("{name}: {} question(s) worse with the LLM", worse.len()));
                        }
                        reports.push(llm);
                    }
                    reports.push(answers);
                }
                print!("{retrieval}");
                below.extend(print_floors("retrieval", &eval::retrieval_floors(&retrieval)));
                let report = serde_json::json!({ "answers": reports, "retrieval": retrieval });
                let path = eval::write_report(Path::new("eval/reports"), "eval", &report)?;
                println!("report: {}", path.display());
                if !below.is_empty() {
                    anyhow::bail!("below the floors: {}", below.join(", "));
                }
                Ok(())
            })
            .await
        }
        Command::Ask { question, as_of, lang, json, context } => {
            let lang = match lang.as_deref() {
                None => None,
                Some(code) => Some(
                    Lang::from_code(&code.to_lowercase())
                        .ok_or_else(|| anyhow::anyhow!("--lang {code:?}: use fr or en"))?,
                ),
            };
            let as_of = match as_of {
                Some(day) if !crate::calendar::AS_OF_YEARS.contains(&day.year()) => {
                    anyhow::bail!("--as-of {day}: give a day between 1900 and 2099")
                }
                Some(day) => day,
                None => chrono::Utc::now().with_timezone(&settings.city.tz()?).date_naive(),
            };
            let embedder = refresh::load_embedder(settings).await.map_err(|e| format!("{e:#}"));
            with_database(settings, |pool| async move {
                let retriever = current_retriever(&pool, settings, embedder).await?;
                if retriever.current().is_none() {
                    tracing::info!("answering without the search index");
                }
                let answerer = Answerer::new(pool, retriever, Arc::new(settings.clone()))?;
                let answer = answerer
                    .answer(Question { text: question, lang, as_of, context: context.as_deref().map(Conversation::decode) }, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&answer)?);
                } else {
                    println!("{}\n", answer.answer);
                    for citation in &answer.citations {
                        println!("[{}] {} — {}", citation.number, citation.title, citation.url);
                    }
                    println!("\nfollow up with --context {}", answer.context);
                }
                Ok(())
            })
            .await
        }
        Command::Bench(BenchCommand::Ingest { file, copies }) => {
            with_database(settings, |pool| async move {
                print!("{}", bench::ingest::run(&pool, &file, copies.max(1)).await?);
                Ok(())
            })
            .await
        }
        Command::Bench(BenchCommand::Gtfs { file }) => {
            with_database(settings, |pool| async move {
                print!("{}", bench::gtfs::run(&pool, &file).await?);
                Ok(())
            })
            .await
        }
        Command::Bench(BenchCommand::Refresh { scratch }) => {
            if !scratch {
                anyhow::bail!(
                    "bench refresh empties the aggregates and chunks first: pass --scratch, on a scratch database only (scripts/bench makes one)"
                );
            }
            with_database(settings, |pool| async move {
                print!("{}", bench::refresh::run(&pool, settings).await?);
                Ok(())
            })
            .await
        }
        Command::Bench(BenchCommand::Ask { url, clients, seconds, dataset, key, pid, goal }) => {
            let url = url.trim_end_matches('/').to_string();
            let options = bench::ask::Options { url, clients, seconds, dataset, key, pid, goal };
            print!("{}", bench::ask::run(options).await?);
            Ok(())
        }
        Command::Bench(BenchCommand::Retrieval { dataset, rounds, large }) => {
            with_database(settings, |pool| async move {
                let options = bench::retrieval::Options { dataset, rounds: rounds.max(1), large };
                print!("{}", bench::retrieval::run(&pool, settings, options).await?);
                Ok(())
            })
            .await
        }
        Command::Bench(BenchCommand::Embed { dataset, reference, write }) => {
            with_database(settings, |pool| async move {
                print!("{}", bench::embed::run(&pool, settings, bench::embed::Options { dataset, reference, write }).await?);
                Ok(())
            })
            .await
        }
        Command::Brief { from, to, topics, lang, format, output } => {
            if !["markdown", "html", "csv", "json"].contains(&format.as_str()) {
                anyhow::bail!("--format {format:?}: use markdown, html, csv or json");
            }
            let lang = Lang::from_code(&lang).ok_or_else(|| anyhow::anyhow!("--lang {lang:?}: use fr or en"))?;
            let request =
                crate::briefs::Request::new(from, to, &topics, lang).map_err(|e| anyhow::anyhow!("--topics: {e}"))?;
            with_database(settings, |pool| async move {
                let words = crate::briefs::templates(settings.prompts_dir.as_deref())?;
                let pages = crate::http::pages(settings.templates_dir.as_deref())?;
                let llm = crate::briefs::llm(settings)?;
                let generator = crate::briefs::Generator {
                    pool: &pool,
                    settings,
                    words: &words,
                    pages: &pages,
                    llm: llm.as_deref(),
                };
                let brief = generator.generate(&request).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                crate::briefs::store(&pool, &brief).await?;
                let text = match format.as_str() {
                    "html" => brief.html.clone(),
                    "csv" => brief.data_csv.clone(),
                    "json" => serde_json::to_string_pretty(&brief)?,
                    _ => brief.markdown.clone(),
                };
                match output {
                    Some(path) => std::fs::write(&path, text)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
                    None => print!("{text}"),
                }
                eprintln!("brief {} stored: /briefs/{} ({}, {})", brief.id, brief.id, brief.headline, brief.mode);
                Ok(())
            })
            .await
        }
        Command::Apikey(command) => {
            with_database(settings, |pool| async move {
                match command {
                    ApikeyCommand::Create { name, scopes } => {
                        let (key, secret) = apikeys::create(&pool, &name, &scopes).await?;
                        println!("{secret}");
                        eprintln!(
                            "key {} ({}) created with scopes {}: keep it now, it cannot be shown again",
                            key.id,
                            key.name,
                            key.scopes.join(", ")
                        );
                    }
                    ApikeyCommand::List => {
                        println!(
                            "  id  prefix       scopes       created                    last used                  name"
                        );
                        for key in apikeys::list(&pool).await? {
                            let used = key.last_used_at.map_or("never".to_string(), |t| t.to_rfc3339());
                            let name = match key.revoked_at {
                                Some(at) => format!("{} (revoked {})", key.name, at.to_rfc3339()),
                                None => key.name.clone(),
                            };
                            println!(
                                "{:>4}  {:<12} {:<12} {:<26} {:<26} {}",
                                key.id,
                                key.prefix,
                                key.scopes.join(","),
                                key.created_at.to_rfc3339(),
                                used,
                                name
                            );
                        }
                    }
                    ApikeyCommand::Revoke { id } => {
                        if !apikeys::revoke(&pool, id).await? {
                            anyhow::bail!("there is no active key {id} (see `smartcity apikey list`)");
                        }
                        println!("key {id} revoked");
                    }
                }
                Ok(())
            })
            .await
        }
        Command::Db(command) => run_db(settings, command).await,
    }
}

/// Keeps aggregates, chunks and (when the model is installed) the index up to date with the days
/// the runs touched.
async fn aggregate_after(pool: &sqlx::PgPool, settings: &Settings, reports: &[ingest::Report]) -> anyhow::Result<()> {
    let sold = reports.iter().any(|r| r.source == ingest::dvf::SOURCE && r.written.inserted + r.written.updated > 0);
    if sold {
        println!("{} groups of sale prices", aggregate::sale_stats(pool).await?);
    }
    let Some(days) = aggregate::days_covered(settings, reports)? else { return Ok(()) };
    let embedder = match refresh::load_embedder(settings).await {
        Ok(embedder) => Some(embedder),
        Err(e) => {
            eprintln!("index: not updated ({e:#}); run `smartcity index` once the model is installed");
            None
        }
    };
    println!("{}", refresh::refresh(pool, settings, Some(days), embedder.as_ref()).await?);
    Ok(())
}

/// The retriever with this database's published index loaded (an error when there is none).
async fn loaded_retriever(
    pool: &sqlx::PgPool,
    settings: &Settings,
    embedder: Arc<crate::embed::Embedder>,
) -> anyhow::Result<Arc<Retriever>> {
    let retriever = current_retriever(pool, settings, Ok(embedder)).await?;
    if retriever.current().is_none() {
        anyhow::bail!("no index of this database could be built: see the log, or run `smartcity index`");
    }
    Ok(retriever)
}

/// The retriever with this database's published index loaded; with the model and no usable build
/// (none yet, unreadable, of another database), the index is built first and the log says why.
async fn current_retriever(
    pool: &sqlx::PgPool,
    settings: &Settings,
    embedder: Result<Arc<crate::embed::Embedder>, String>,
) -> anyhow::Result<Arc<Retriever>> {
    let retriever = Arc::new(Retriever::new(embedder, Indexes::open(pool, &settings.index_dir()).await?));
    let reload = |retriever: &Arc<Retriever>| {
        let loading = Arc::clone(retriever);
        tokio::task::spawn_blocking(move || loading.reload())
    };
    let loaded = reload(&retriever).await?;
    if retriever.current().is_some() {
        return Ok(retriever);
    }
    if let Err(e) = &loaded {
        tracing::warn!(error = %format!("{e:#}"), "the published index cannot be used");
    }
    let Ok(embedder) = retriever.embedder() else { return Ok(retriever) };
    if crate::index::build::chunks_digest(pool).await?.starts_with("0:") {
        return Ok(retriever);
    }
    match refresh::build_index(pool, settings, &embedder, false).await {
        Ok(report) => {
            tracing::info!("{report}");
            reload(&retriever).await??;
        }
        Err(e) => tracing::warn!(error = %format!("{e:#}"), "index build failed"),
    }
    Ok(retriever)
}

fn checked_days(from: Option<NaiveDate>, to: Option<NaiveDate>) -> anyhow::Result<Option<(NaiveDate, NaiveDate)>> {
    match from.zip(to) {
        Some((from, to)) if from > to => anyhow::bail!("--from {from} is after --to {to}"),
        days => Ok(days),
    }
}

/// Opens (and migrates) the database, runs `job`, and closes it whatever happened.
async fn with_database<F, Fut>(settings: &Settings, job: F) -> anyhow::Result<()>
where
    F: FnOnce(sqlx::PgPool) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let database = Database::open(settings).await?;
    let result = match db::migrate(&database.pool).await {
        Ok(()) => job(database.pool.clone()).await,
        Err(e) => Err(e),
    };
    database.close().await?;
    result
}

/// Prints each measure against its floor; returns those below, named after `set`.
fn print_floors(set: &str, floors: &[(&'static str, f64, f64)]) -> Vec<String> {
    let mut below = Vec::new();
    for (name, value, floor) in floors {
        let verdict = if value >= floor { "ok" } else { "BELOW" };
        println!("floor {set}: {name:<22} {value:.3} >= {floor:.2}: {verdict}");
        if value < floor {
            below.push(format!("{set} {name}"));
        }
    }
    below
}

/// One line per run on stdout; rejected rows and failed parts (the first few) on stderr.
fn print_reports(reports: &[ingest::Report]) -> anyhow::Result<()> {
    const SHOWN: usize = 20;
    for report in reports {
        println!("{report}");
        for failure in report.failures.iter().take(SHOWN) {
            eprintln!("  {}: {}", failure.what, failure.reason);
        }
        if report.failures.len() > SHOWN {
            eprintln!("  ... and {} more (see ingest run {})", report.failures.len() - SHOWN, report.run_id);
        }
    }
    let failed = reports.iter().filter(|r| r.status == ingest::Status::Failed).count();
    if failed > 0 {
        anyhow::bail!("{failed} run(s) failed");
    }
    Ok(())
}

async fn run_db(settings: &Settings, command: DbCommand) -> anyhow::Result<()> {
    if settings.database_url.is_some() {
        anyhow::bail!(
            "DATABASE_URL is set, so the private cluster is not used; unset it to manage the private cluster"
        );
    }
    match command {
        DbCommand::Start => {
            let cluster = db::start_cluster(settings).await?;
            db::ensure_database(&cluster).await?;
            println!("{}", cluster.url(db::PRIVATE_DATABASE));
            cluster.keep_running();
            Ok(())
        }
        DbCommand::Stop => cluster(settings)?.stop_now(),
        DbCommand::Status => {
            let cluster = cluster(settings)?;
            if cluster.is_running()? {
                println!("running: {}", cluster.url(db::PRIVATE_DATABASE));
            } else {
                println!("stopped ({})", cluster.dir().display());
            }
            Ok(())
        }
    }
}

fn cluster(settings: &Settings) -> anyhow::Result<Cluster> {
    Cluster::new(&settings.postgres_dir(), settings.postgres_bin_dir.as_deref())
}
