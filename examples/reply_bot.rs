//! A bot that answers every text message with the same text: an axum server on tokio that
//! checks each webhook request's signature before it reads anything, and replies with the
//! event's reply token.
//!
//! ```sh
//! LINE_CHANNEL_SECRET=... LINE_CHANNEL_ACCESS_TOKEN=... cargo run --example reply_bot
//! ```
//!
//! Optional: `PORT` (8000) and `LINE_API_BASE_URL` (`https://api.line.me`), to run it against a
//! local stand-in of LINE. The webhook URL is `http://<host>:<port>/callback`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use line_messaging_api::messaging_api::{Message, ReplyMessageRequest};
use line_messaging_api::webhook::{self, Event, MessageContent, MessageEvent, WebhookError};
use line_messaging_api::Client;

#[derive(Clone)]
struct Bot {
    client: Client,
    channel_secret: String,
}

async fn callback(State(bot): State<Bot>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers.get(webhook::SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let request = match webhook::parse(&bot.channel_secret, signature, &body) {
        Ok(request) => request,
        Err(WebhookError::Body(e)) => {
            eprintln!("not a webhook body: {e}");
            return StatusCode::BAD_REQUEST;
        }
        Err(e) => {
            eprintln!("refused: {e}");
            return StatusCode::UNAUTHORIZED;
        }
    };
    for event in request.events {
        match event {
            Event::Message(MessageEvent { reply_token: Some(token), message: MessageContent::Text(text), .. }) => {
                let reply = ReplyMessageRequest::new(token, [Message::text(text.text)]);
                if let Err(e) = bot.client.reply_message(reply).await {
                    eprintln!("the reply failed: {e}");
                }
            }
            // An event that did not decode: log it and go on with the others.
            Event::Invalid(item) => eprintln!("skipped: {item}"),
            _ => {}
        }
    }
    StatusCode::OK
}

fn var(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the LINE Developers Console)"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let channel_secret = var("LINE_CHANNEL_SECRET")?;
    let token = var("LINE_CHANNEL_ACCESS_TOKEN")?;
    let port: u16 = std::env::var("PORT").ok().map_or(Ok(8000), |p| p.parse())?;
    let base = std::env::var("LINE_API_BASE_URL").unwrap_or_else(|_| "https://api.line.me".into());
    let client = Client::builder(token).api_base_url(base).build()?;
    let app = Router::new().route("/callback", post(callback)).with_state(Bot { client, channel_secret });
    let listener = tokio::net::TcpListener::bind(("0.0.0.0", port)).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
