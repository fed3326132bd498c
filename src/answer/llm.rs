//! The optional LLM (any OpenAI-compatible endpoint, through async-openai): it rewords the grounded
//! answer from numbered sources and the exact figures, streamed, and each of its sentences is
//! checked before it is kept: a sentence with a number no fact holds is dropped.

use std::time::Duration;

use anyhow::Context as _;
use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    ResponseFormat, ResponseFormatJsonSchema,
};
use futures::StreamExt;
use secrecy::ExposeSecret;
use serde::Serialize;

use super::check::{markers, take_sentences, unsupported};
use crate::config;

/// Five short sentences with their markers take about 200 tokens; a draft that runs on is cut.
const MAX_DRAFT_TOKENS: u32 = 400;

pub struct Llm {
    client: Client<OpenAIConfig>,
    model: String,
    timeout: Duration,
}

/// What became of the LLM's draft.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Outcome {
    /// `accepted`, `repaired` (sentences with unsupported numbers removed), `replaced` (by the
    /// grounded answer: nothing usable was left, or a figure it says was left out) or `failed`
    /// (timeout or upstream error).
    #[schema(value_type = String)]
    pub outcome: &'static str,
    /// The draft's sentences dropped for a number no fact holds or a citation that does not exist.
    #[serde(skip_serializing_if = "is_zero")]
    pub dropped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub struct Draft {
    /// The kept sentences, in order.
    pub sentences: Vec<String>,
    pub dropped: Vec<String>,
}

impl Llm {
    pub fn from_settings(settings: &config::Llm) -> anyhow::Result<Option<Self>> {
        let (Some(base_url), Some(model)) = (&settings.base_url, &settings.model) else { return Ok(None) };
        let mut config = OpenAIConfig::new().with_api_base(base_url.trim_end_matches('/'));
        if let Some(key) = &settings.api_key {
            config = config.with_api_key(key.expose_secret());
        }
        let timeout = Duration::from_secs(settings.timeout_secs);
        let http = reqwest::Client::builder()
            .connect_timeout(timeout)
            .build()
            .context("cannot build the HTTP client of the LLM")?;
        Ok(Some(Self { client: Client::with_config(config).with_http_client(http), model: model.clone(), timeout }))
    }

    /// A completion constrained to the JSON `schema`, parsed.
    pub async fn fill(
        &self,
        system: String,
        user: String,
        schema: serde_json::Value,
    ) -> anyhow::Result<serde_json::Value> {
        let format = ResponseFormatJsonSchema {
            description: None,
            name: "plan".into(),
            schema: Some(schema),
            strict: Some(true),
        };
        let request = CreateChatCompletionRequestArgs::default()
            .model(&self.model)
            .temperature(0.0)
            .max_completion_tokens(200u32)
            .response_format(ResponseFormat::JsonSchema { json_schema: format })
            .messages([
                ChatCompletionRequestSystemMessageArgs::default().content(system).build()?.into(),
                ChatCompletionRequestUserMessageArgs::default().content(user).build()?.into(),
            ])
            .build()?;
        let response = tokio::time::timeout(self.timeout, self.client.chat().create(request))
            .await
            .map_err(|_| anyhow::anyhow!("the LLM did not answer within {} s", self.timeout.as_secs()))?
            .context("the LLM failed")?;
        let content = response.choices.into_iter().find_map(|c| c.message.content).unwrap_or_default();
        serde_json::from_str(&content).with_context(|| format!("the LLM's reading is not JSON: {content}"))
    }

    /// Streams a completion; every complete sentence is checked against the facts (display and
    /// citation) and the citation count, and `kept` is called with each sentence that passes
    /// (return false to stop). A figure of a source past `own` (a chunk given beside the answer's
    /// own sources) must be cited to it in its sentence, lest it pass for the answer's own.
    #[allow(clippy::too_many_arguments)]
    pub async fn draft(
        &self,
        system: String,
        user: String,
        facts: &[(String, usize)],
        own: usize,
        names: &[String],
        citations: usize,
        mut kept: impl FnMut(&str) -> bool,
    ) -> anyhow::Result<Draft> {
        let request = CreateChatCompletionRequestArgs::default()
            .model(&self.model)
            .temperature(0.2)
            .max_completion_tokens(MAX_DRAFT_TOKENS)
            .messages([
                ChatCompletionRequestSystemMessageArgs::default().content(system).build()?.into(),
                ChatCompletionRequestUserMessageArgs::default().content(user).build()?.into(),
            ])
            .build()?;
        let mut draft = Draft { sentences: Vec::new(), dropped: Vec::new() };
        let work = async {
            let mut stream = self.client.chat().create_stream(request).await?;
            let mut buffer = String::new();
            let mut judge = |sentence: String, draft: &mut Draft| -> bool {
                let cites = markers(&sentence);
                let allowed = facts.iter().filter(|(_, c)| *c <= own || cites.contains(c)).map(|(d, _)| d.as_str());
                let numbers_ok = unsupported(&sentence, allowed, names).is_empty();
                let markers_ok = cites.iter().all(|n| (1..=citations).contains(n));
                if numbers_ok && markers_ok {
                    let go_on = kept(&sentence);
                    draft.sentences.push(sentence);
                    go_on
                } else {
                    draft.dropped.push(sentence);
                    true
                }
            };
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.context("the LLM stream failed")?;
                for choice in chunk.choices {
                    if let Some(content) = choice.delta.content {
                        buffer.push_str(&content);
                    }
                }
                for sentence in take_sentences(&mut buffer) {
                    if !judge(sentence, &mut draft) {
                        return Ok::<_, anyhow::Error>(());
                    }
                }
            }
            if !buffer.trim().is_empty() {
                judge(std::mem::take(&mut buffer), &mut draft);
            }
            Ok(())
        };
        tokio::time::timeout(self.timeout, work)
            .await
            .map_err(|_| anyhow::anyhow!("the LLM did not answer within {} s", self.timeout.as_secs()))??;
        Ok(draft)
    }
}
