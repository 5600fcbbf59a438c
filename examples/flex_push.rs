//! Pushes a flex message (a bubble with a title, a line of text and a button) to one user.
//!
//! ```sh
//! LINE_CHANNEL_ACCESS_TOKEN=... LINE_USER_ID=U... cargo run --example flex_push
//! ```

use line_messaging_api::messaging_api::{
    Action, FlexBox, FlexBoxLayout, FlexBoxSpacing, FlexBubble, FlexButton, FlexComponent, FlexText, FlexTextWeight,
    Message, PushMessageRequest,
};
use line_messaging_api::Client;

/// The bubble, as one expression.
fn bubble() -> FlexBubble {
    FlexBubble::new().body(
        FlexBox::new(
            FlexBoxLayout::Vertical,
            [
                FlexComponent::from(FlexText::new().text("Your order shipped").weight(FlexTextWeight::Bold)),
                FlexComponent::from(FlexText::new().text("It arrives on Friday.").wrap(true)),
                FlexComponent::from(FlexButton::new(Action::uri("Track it", "https://example.com/orders/42"))),
            ],
        )
        .spacing(FlexBoxSpacing::Md),
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("LINE_CHANNEL_ACCESS_TOKEN").map_err(|_| "set LINE_CHANNEL_ACCESS_TOKEN")?;
    let user = std::env::var("LINE_USER_ID").map_err(|_| "set LINE_USER_ID to the user ID to push to")?;
    let client = Client::new(token)?;
    let message = Message::flex("Your order shipped", bubble());
    let sent = client.push_message(PushMessageRequest::new(user, [message])).send().await?;
    println!("sent; request id {}", sent.request_id().unwrap_or("-"));
    Ok(())
}
