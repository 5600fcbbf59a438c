//! The bot of `bots/ours` on line-bot-sdk-rust 3.0.0: the same webhook handling and the same
//! four operations.

use std::future::Future;
use std::pin::Pin;

use line_bot_sdk_rust::client::LINE;
use line_bot_sdk_rust::line_messaging_api::apis::MessagingApiApi;
use line_bot_sdk_rust::line_messaging_api::models::{Message, PushMessageRequest, ReplyMessageRequest, TextMessage};
use line_bot_sdk_rust::line_webhook::models::{CallbackRequest, Event, MessageContent, Source};
use line_bot_sdk_rust::parser::signature::validate_signature;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub fn handle<'a>(
    line: &'a LINE,
    secret: &'a str,
    signature: &'a str,
    body: &'a str,
) -> Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send + 'a>> {
    Box::pin(async move {
        if !validate_signature(secret, signature, body) {
            return Err("bad signature".into());
        }
        let request: CallbackRequest = serde_json::from_str(body)?;
        let api = &line.messaging_api_client;
        for event in request.events {
            let Event::MessageEvent(event) = event else { continue };
            let (Some(token), MessageContent::TextMessageContent(text)) = (&event.reply_token, event.message.as_ref())
            else {
                continue;
            };
            let reply = Message::TextMessage(TextMessage::new(text.text.clone()));
            api.reply_message(ReplyMessageRequest::new(token.clone(), vec![reply]))
                .await
                .map_err(|e| format!("{e:?}"))?;
            if let Some(Source::UserSource(user)) = event.source.as_deref() {
                let user_id = user.user_id.clone().unwrap_or_default();
                let profile = api.get_profile(&user_id).await.map_err(|e| format!("{e:?}"))?;
                let greeting = Message::TextMessage(TextMessage::new(format!("Hello, {}", profile.display_name)));
                api.push_message(PushMessageRequest::new(user_id, vec![greeting]), None)
                    .await
                    .map_err(|e| format!("{e:?}"))?;
            }
            if let Some(Source::GroupSource(group)) = event.source.as_deref() {
                api.get_group_summary(&group.group_id).await.map_err(|e| format!("{e:?}"))?;
            }
        }
        Ok(())
    })
}
