//! A complete bot on axum and tokio: it answers a text with the same text and a sticker with a
//! sticker, greets whoever adds it as a friend and every group chat or multi-person chat it
//! joins, and leaves a group chat or multi-person chat when told "bye" there.
//!
//! ```sh
//! LINE_CHANNEL_SECRET=... LINE_CHANNEL_ACCESS_TOKEN=... cargo run --example echo_bot
//! ```
//!
//! Optional: `PORT` (8000) and `LINE_API_BASE_URL` (`https://api.line.me`, or a local stand-in
//! of LINE). The webhook URL is `https://<your host>/callback`. `tests/echo_bot.rs` runs this
//! file's [`app`] against a stand-in of LINE.

use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use line_messaging_api::messaging_api::{Message, ReplyMessageRequest};
use line_messaging_api::webhook::{
    CallbackRequest, DedupStore, Event, MemoryDedupStore, MessageContent, Source, Webhook, WebhookConfig,
    WebhookRejection,
};
use line_messaging_api::Client;

/// The sticker the bot answers stickers with: one of those that bots may send (package 446).
pub const STICKER: (&str, &str) = ("446", "1988");
/// The answer to a follow.
pub const FOLLOW_GREETING: &str = "Thanks for adding me! Send me a text or a sticker and I will send one back.";
/// The answer to joining a group chat or a multi-person chat.
pub const JOIN_GREETING: &str = "Hello, everyone! I repeat what you write here; say \"bye\" and I will leave.";
/// The last words in a group chat or multi-person chat.
pub const FAREWELL: &str = "Bye! Invite me again any time.";

/// What the bot reads from the environment.
#[derive(Debug)]
pub struct Config {
    pub channel_secret: String,
    pub channel_access_token: String,
    pub port: u16,
    pub api_base_url: String,
}

impl Config {
    /// The configuration from `var` (the environment in `main`), or a message that names every
    /// variable that is missing or invalid.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let var = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        let mut problems = Vec::new();
        let mut required = |name: &str, what: &str| {
            var(name).unwrap_or_else(|| {
                problems.push(format!("{name} is not set: {what}"));
                String::new()
            })
        };
        let channel_secret = required("LINE_CHANNEL_SECRET", "the channel secret of the LINE Developers Console");
        let channel_access_token =
            required("LINE_CHANNEL_ACCESS_TOKEN", "a channel access token (long-lived) of the LINE Developers Console");
        let port = match var("PORT") {
            None => 8000,
            Some(port) => port.trim().parse().unwrap_or_else(|_| {
                problems.push(format!("PORT is not a port number: {port:?}"));
                0
            }),
        };
        let api_base_url = var("LINE_API_BASE_URL").unwrap_or_else(|| "https://api.line.me".to_owned());
        if problems.is_empty() {
            Ok(Config { channel_secret, channel_access_token, port, api_base_url })
        } else {
            Err(format!("echo_bot cannot start:\n  {}", problems.join("\n  ")))
        }
    }
}

/// The router's state: the client, what the webhook extractor needs, and the events seen.
#[derive(Clone)]
struct Bot {
    client: Client,
    webhook: WebhookConfig,
    seen: Arc<dyn DedupStore>,
}

impl FromRef<Bot> for WebhookConfig {
    fn from_ref(bot: &Bot) -> WebhookConfig {
        bot.webhook.clone()
    }
}

/// The bot: `POST /callback` receives LINE's webhook requests.
pub fn app(config: &Config) -> line_messaging_api::Result<Router> {
    let client = Client::builder(config.channel_access_token.as_str()).api_base_url(&config.api_base_url).build()?;
    let bot = Bot {
        client,
        webhook: WebhookConfig::new(&config.channel_secret)?,
        seen: Arc::new(MemoryDedupStore::default()),
    };
    Ok(Router::new().route("/callback", post(callback)).with_state(bot))
}

/// One webhook request. The extractor has checked the signature and parsed the body; a request
/// that it refused gets its status (401, 400, 413) and never reaches the loop below. The events
/// are handled before answering, in order; each one only on its first delivery.
async fn callback(
    State(bot): State<Bot>,
    webhook: Result<Webhook<CallbackRequest<'static>>, WebhookRejection>,
) -> Response {
    let request = match webhook {
        Ok(Webhook(request)) => request,
        Err(rejection) => {
            eprintln!("refused a webhook request: {rejection}");
            return rejection.into_response();
        }
    };
    // LINE's verification request has no events: it is answered 200 like any other.
    for event in request.events {
        if let Some(id) = event.webhook_event_id() {
            if !bot.seen.first_delivery(id).await {
                continue;
            }
        }
        bot.handle(event).await;
    }
    StatusCode::OK.into_response()
}

impl Bot {
    async fn handle(&self, event: Event<'_>) {
        if let Event::Invalid(item) = &event {
            // An event that did not decode: the others of the request are handled as usual.
            eprintln!("skipped: {item}");
            return;
        }
        let Some(token) = event.reply_token().map(str::to_owned) else { return };
        let chat = event.source().cloned();
        match event {
            Event::Message(message) => match message.message {
                MessageContent::Text(text) if text.text.trim().eq_ignore_ascii_case("bye") => {
                    match chat {
                        Some(Source::Group(group)) => {
                            self.reply(token, Message::text(FAREWELL)).await;
                            log("leaving the group chat", self.client.leave_group(group.group_id).await);
                        }
                        Some(Source::Room(room)) => {
                            self.reply(token, Message::text(FAREWELL)).await;
                            log("leaving the multi-person chat", self.client.leave_room(room.room_id).await);
                        }
                        // A one-to-one chat cannot be left: "bye" is echoed like any text.
                        _ => self.reply(token, Message::text(text.text)).await,
                    }
                }
                MessageContent::Text(text) => self.reply(token, Message::text(text.text)).await,
                MessageContent::Sticker(_) => self.reply(token, Message::sticker(STICKER.0, STICKER.1)).await,
                _ => {}
            },
            Event::Follow(_) => self.reply(token, Message::text(FOLLOW_GREETING)).await,
            Event::Join(_) => self.reply(token, Message::text(JOIN_GREETING)).await,
            _ => {}
        }
    }

    async fn reply(&self, token: String, message: Message) {
        log("replying", self.client.reply_message(ReplyMessageRequest::new(token, [message])).await);
    }
}

/// Errors of the API are logged, and the bot goes on: LINE would redeliver the events of a
/// failed request, not retry the reply.
fn log<T>(what: &str, result: line_messaging_api::Result<T>) {
    if let Err(e) = result {
        eprintln!("{what} failed: {e}");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_vars(|name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let app = match app(&config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("echo_bot cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(("0.0.0.0", config.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("echo_bot cannot listen on port {}: {e}", config.port);
            return ExitCode::FAILURE;
        }
    };
    println!("echo_bot listening on port {}; webhook URL path: /callback", config.port);
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("echo_bot stopped: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
