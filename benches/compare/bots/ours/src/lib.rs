//! A small bot on this SDK, for measuring what a program that uses it compiles: it verifies and
//! parses a webhook, answers each text message, and calls three more operations.

use std::future::Future;
use std::pin::Pin;

use line_messaging_api::messaging_api::{Message, PushMessageRequest, ReplyMessageRequest};
use line_messaging_api::webhook::{self, Event, MessageContent, Source};
use line_messaging_api::Client;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub fn handle<'a>(
    client: &'a Client,
    secret: &'a str,
    signature: &'a str,
    body: &'a [u8],
) -> Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send + 'a>> {
    Box::pin(async move {
        let request = webhook::parse(secret, signature, body)?;
        for event in request.events {
            let Event::Message(event) = event else { continue };
            let (Some(token), MessageContent::Text(text)) = (&event.reply_token, &event.message) else { continue };
            client.reply_message(ReplyMessageRequest::new(token, [Message::text(&text.text)])).await?;
            if let Some(Source::User(user)) = &event.source {
                let user_id = user.user_id.clone().unwrap_or_default();
                let profile = client.get_profile(&user_id).await?;
                let greeting = format!("Hello, {}", profile.display_name);
                client.push_message(PushMessageRequest::new(&user_id, [Message::text(greeting)])).await?;
            }
            if let Some(Source::Group(group)) = &event.source {
                client.get_group_summary(&group.group_id).await?;
            }
        }
        Ok(())
    })
}
