//! What a failed HTTP exchange means, and the redirect rule. A connection that fails or a
//! timeout may be cured by another attempt; an answer that is not HTTP, a body cut off
//! mid-way, a redirect loop or a redirect to another origin would not be, and are final.

use std::error::Error as StdError;
use std::fmt;

use reqwest::Url;
use reqwest::redirect::{Attempt, Policy};

use crate::error::{ClientError, MAX_REDIRECTS};

/// Why an attempt produced no answer.
pub(crate) enum Failure {
    /// Worth another attempt, if the retry policy allows one.
    Transient(Transient),
    /// The error that ends the call.
    Final(ClientError),
}

/// A failure that another attempt may cure.
#[derive(Debug)]
pub(crate) enum Transient {
    /// No answer in time; `connect` when the connection itself was not made in time.
    Timeout { connect: bool },
    /// The connection failed, or closed before any answer; the transport's account of it.
    Connection(String),
}

/// Why sending a request (up to the answer's head) failed.
#[derive(Debug)]
pub(crate) enum SendFailure {
    Transient(Transient),
    /// The answer's head is not HTTP.
    Protocol(String),
    /// A redirect to another origin, refused.
    CrossOrigin(Url),
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects,
}

/// Why reading an answer's body failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadFailure {
    Timeout,
    /// The connection closed (or was reset) before the body's end.
    Truncated,
    /// The body breaks HTTP's framing (a bad chunk header, ...).
    Protocol(String),
}

/// Redirects are followed within the origin of the first request (scheme, host and port), at
/// most [`MAX_REDIRECTS`] of them; a redirect elsewhere is refused, so neither the credentials
/// nor the answer of another server are ever used.
pub(crate) fn redirect_policy() -> Policy {
    Policy::custom(|attempt: Attempt<'_>| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin {
            let to = attempt.url().clone();
            attempt.error(RedirectRefused::CrossOrigin(to))
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(RedirectRefused::TooMany)
        } else {
            attempt.follow()
        }
    })
}

/// The error the redirect policy fails a request with.
#[derive(Debug)]
enum RedirectRefused {
    CrossOrigin(Url),
    TooMany,
}

impl fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedirectRefused::CrossOrigin(to) => write!(f, "redirect to another origin: {to}"),
            RedirectRefused::TooMany => write!(f, "more than {MAX_REDIRECTS} redirects"),
        }
    }
}

impl StdError for RedirectRefused {}

/// What a failed `send` means.
pub(crate) fn sending_failed(error: &reqwest::Error) -> SendFailure {
    if error.is_timeout() {
        return SendFailure::Transient(Transient::Timeout {
            connect: error.is_connect(),
        });
    }
    if error.is_redirect() {
        return match find::<RedirectRefused>(error) {
            Some(RedirectRefused::CrossOrigin(to)) => SendFailure::CrossOrigin(to.clone()),
            Some(RedirectRefused::TooMany) | None => SendFailure::TooManyRedirects,
        };
    }
    if !error.is_connect() && find::<hyper::Error>(error).is_some_and(hyper::Error::is_parse) {
        return SendFailure::Protocol(account(error));
    }
    SendFailure::Transient(Transient::Connection(account(error)))
}

/// What a failed read of the body means.
pub(crate) fn reading_failed(error: &reqwest::Error) -> ReadFailure {
    if error.is_timeout() {
        return ReadFailure::Timeout;
    }
    // The body's framing errors (a bad chunk header) come as invalid input or data; an early
    // end (`UnexpectedEof`) or a reset connection means the body was cut off.
    let framing = find::<std::io::Error>(error).map(std::io::Error::kind);
    match framing {
        Some(std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput) => {
            ReadFailure::Protocol(account(error))
        }
        _ if find::<hyper::Error>(error).is_some_and(hyper::Error::is_parse) => {
            ReadFailure::Protocol(account(error))
        }
        _ => ReadFailure::Truncated,
    }
}

/// The first error of type `E` in `error`'s chain of sources.
fn find<E: StdError + 'static>(error: &reqwest::Error) -> Option<&E> {
    let mut source = StdError::source(error);
    while let Some(cause) = source {
        if let Some(found) = cause.downcast_ref::<E>() {
            return Some(found);
        }
        source = cause.source();
    }
    None
}

/// The error and its causes, as one line (unscrubbed and unbounded: the client does both).
fn account(error: &reqwest::Error) -> String {
    let mut detail = error.to_string();
    let mut source = StdError::source(error);
    while let Some(cause) = source {
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
        source = cause.source();
    }
    detail
}
