//! `POST /api/v1/ask` (the answer as JSON) and `POST /api/v1/chat` (the same, streamed as
//! Server-Sent Events: `meta`, `delta`..., then `done`, or `error`; keep-alive comments between).

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::mpsc;

use super::search::{as_of, as_of_or_null, lang, lang_or_null, question, question_schema};
use super::{AppState, Error, json_body};
use crate::answer::{Answer, AnswerError, Progress, Question};
use crate::question::Conversation;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AskRequest {
    #[schema(schema_with = question_schema, required = true)]
    question: Option<String>,
    #[schema(schema_with = lang_or_null)]
    lang: Option<String>,
    #[schema(schema_with = as_of_or_null)]
    as_of: Option<String>,
    /// The `context` of the answer this question follows up ("and in February?"); a context that
    /// cannot be read is said in the answer, which reads the question alone.
    #[schema(nullable)]
    context: Option<String>,
}

impl From<AnswerError> for Error {
    fn from(e: AnswerError) -> Self {
        match e {
            AnswerError::BadRequest(message) => Error::BadRequest(message),
            AnswerError::Gone => Error::Internal(anyhow::anyhow!("the client disconnected")),
            AnswerError::Internal(e) => Error::Internal(e),
        }
    }
}

fn request(state: &AppState, body: Result<Json<AskRequest>, JsonRejection>) -> Result<Question, Error> {
    let body = json_body(body, r#"{"question": "...", "lang": "fr", "as_of": "2020-03-15"}"#)?;
    Ok(Question {
        text: question(body.question.as_deref())?,
        lang: lang(body.lang.as_deref())?,
        as_of: as_of(body.as_of.as_deref(), state)?,
        context: body.context.as_deref().map(Conversation::decode),
    })
}

#[utoipa::path(post, path = "/api/v1/ask", tag = "citizens", request_body = AskRequest,
    responses((status = 200, description = "The answer, every number cited", body = Answer), (status = 400, description = "A bad body, question, language or as_of")))]
#[tracing::instrument(name = "ask", skip_all)]
pub async fn ask(
    State(state): State<AppState>,
    body: Result<Json<AskRequest>, JsonRejection>,
) -> Result<Json<Answer>, Error> {
    let question = request(&state, body)?;
    Ok(Json(state.answerer.answer(question, None).await?))
}

#[utoipa::path(post, path = "/api/v1/chat", tag = "citizens", request_body = AskRequest,
    responses((status = 200, description = "Server-Sent Events: meta, delta..., done (or error); reset: forget the deltas so far (an LLM draft not kept), the grounded answer's follow", content_type = "text/event-stream"), (status = 400, description = "A bad body, question, language or as_of")))]
#[tracing::instrument(name = "chat", skip_all)]
pub async fn chat(
    State(state): State<AppState>,
    body: Result<Json<AskRequest>, JsonRejection>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Error> {
    let question = request(&state, body)?;
    let (tx, rx) = mpsc::unbounded_channel::<Event>();
    let (progress_tx, mut progress_rx) = mpsc::unbounded_channel::<Progress>();
    let answerer = state.answerer.clone();
    // The answer is worked out beside the stream; when the client goes, both ends close and the
    // work stops at its next step.
    let worker = tokio::spawn(async move { answerer.answer(question, Some(progress_tx)).await });
    tokio::spawn(async move {
        while let Some(progress) = progress_rx.recv().await {
            let event = match &progress {
                Progress::Meta { .. } => Event::default().event("meta").json_data(&progress),
                Progress::Delta { .. } => Event::default().event("delta").json_data(&progress),
                Progress::Reset => Event::default().event("reset").json_data(&progress),
            };
            if tx.send(event.unwrap_or_else(|e| error_event(&e.to_string()))).is_err() {
                return;
            }
        }
        let last = match worker.await {
            Ok(Ok(answer)) => {
                Event::default().event("done").json_data(&answer).unwrap_or_else(|e| error_event(&e.to_string()))
            }
            Ok(Err(AnswerError::Gone)) => return,
            Ok(Err(AnswerError::BadRequest(message))) => error_event(&message),
            Ok(Err(e)) => {
                tracing::error!(error = %format!("{e:#}"), "chat answer failed");
                error_event("An internal error occurred; it has been logged.")
            }
            Err(e) => {
                tracing::error!(error = %e, "chat answer panicked");
                error_event("An internal error occurred; it has been logged.")
            }
        };
        let _ = tx.send(last);
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|event| (Ok(event), rx)) });
    let keep_alive = KeepAlive::new().interval(Duration::from_secs(state.settings.answer.keep_alive_secs));
    Ok(Sse::new(stream).keep_alive(keep_alive))
}

fn error_event(detail: &str) -> Event {
    Event::default().event("error").data(serde_json::json!({ "detail": detail }).to_string())
}
