//! Spans and events of calls, with the `tracing` feature: a span per call (operation, method,
//! host, then status, attempts and request id) and an event per attempt and per retry. Nothing
//! of a request's content is recorded: no path, query, header or body, so no secret and no
//! personal data. Without the feature, every function here is empty.

use std::time::Duration;

use crate::call::Received;
use crate::transport::Host;

/// The trace of one call.
pub(crate) struct Call {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

#[cfg(feature = "tracing")]
impl Call {
    pub(crate) fn start(operation: &'static str, method: &reqwest::Method, host: Host) -> Self {
        let span = tracing::info_span!(
            "line_messaging_api::call",
            operation,
            method = %method,
            host = ?host,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        Call { span }
    }

    pub(crate) async fn instrument<F: std::future::Future>(&self, future: F) -> F::Output {
        use tracing::Instrument;
        future.instrument(self.span.clone()).await
    }

    pub(crate) fn attempt(&self, attempt: u32, status: Option<u16>, request_id: Option<&str>) {
        let _entered = self.span.enter();
        match status {
            Some(status) => tracing::debug!(attempt, status, request_id, "attempt answered"),
            None => tracing::debug!(attempt, "attempt failed without an answer"),
        }
    }

    pub(crate) fn retry(&self, attempt: u32, wait: Duration) {
        let _entered = self.span.enter();
        tracing::info!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
    }

    pub(crate) fn finish(&self, result: &crate::Result<(reqwest::Response, Received)>) {
        match result {
            Ok((response, received)) => {
                self.span.record("status", response.status().as_u16());
                self.span.record("attempts", received.attempts());
                if let Some(id) = response.headers().get("x-line-request-id").and_then(|v| v.to_str().ok()) {
                    self.span.record("request_id", id);
                }
            }
            Err(e) => {
                if let Some(status) = e.status() {
                    self.span.record("status", status);
                }
                if let Some(id) = e.request_id() {
                    self.span.record("request_id", id);
                }
                if let Some(attempts) = e.attempts() {
                    self.span.record("attempts", attempts);
                }
                let _entered = self.span.enter();
                // The error's Display carries no secret (see `Error`).
                tracing::warn!(error = %e, "call failed");
            }
        }
    }
}

#[cfg(not(feature = "tracing"))]
impl Call {
    pub(crate) fn start(_: &'static str, _: &reqwest::Method, _: Host) -> Self {
        Call {}
    }

    pub(crate) async fn instrument<F: std::future::Future>(&self, future: F) -> F::Output {
        future.await
    }

    pub(crate) fn attempt(&self, _: u32, _: Option<u16>, _: Option<&str>) {}

    pub(crate) fn retry(&self, _: u32, _: Duration) {}

    pub(crate) fn finish(&self, _: &crate::Result<(reqwest::Response, Received)>) {}
}
