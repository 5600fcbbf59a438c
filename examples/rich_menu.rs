//! Creates a rich menu of two areas (a link and a postback), uploads its image and makes it the
//! default menu of every user.
//!
//! ```sh
//! LINE_CHANNEL_ACCESS_TOKEN=... RICH_MENU_IMAGE=menu.png cargo run --example rich_menu
//! ```
//!
//! The image is a PNG or JPEG of 2500 x 843 pixels.

use line_messaging_api::messaging_api::{
    PostbackAction, RichMenuArea, RichMenuBounds, RichMenuRequest, RichMenuSize, URIAction,
};
use line_messaging_api::{Blob, Client};

fn menu() -> RichMenuRequest {
    RichMenuRequest::new(
        RichMenuSize::new(2500, 843),
        "Main menu",
        "Menu",
        [
            RichMenuArea::new(
                RichMenuBounds::new(0, 0, 1250, 843),
                URIAction::new("https://example.com").label("Site"),
            ),
            RichMenuArea::new(
                RichMenuBounds::new(1250, 0, 1250, 843),
                PostbackAction::new("action=help").label("Help"),
            ),
        ],
    )
    .selected(true)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("LINE_CHANNEL_ACCESS_TOKEN").map_err(|_| "set LINE_CHANNEL_ACCESS_TOKEN")?;
    let path = std::env::var("RICH_MENU_IMAGE").map_err(|_| "set RICH_MENU_IMAGE to a 2500 x 843 PNG or JPEG")?;
    let bytes = std::fs::read(&path)?;
    let image = if path.ends_with(".png") { Blob::png(bytes) } else { Blob::jpeg(bytes) };
    let client = Client::new(token)?;
    let id = client.create_rich_menu(menu()).await?.rich_menu_id;
    client.set_rich_menu_image(id.as_str(), image).await?;
    client.set_default_rich_menu(id.as_str()).await?;
    println!("rich menu {id} is the default");
    Ok(())
}
