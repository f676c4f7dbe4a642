//! A server on 127.0.0.1 that echoes a credential into every place of an answer that reaches
//! an error: the whole secret, or the secret cut at every offset (a prefix, a suffix, a middle
//! piece), alone or inside long text, placed so that the bound on server text falls at every
//! offset of it. No run of 8 or more characters of any secret may survive in the error's
//! message, help or `Debug`.

mod common;

use std::sync::{Arc, Mutex, OnceLock};

use common::*;
use proptest::prelude::*;
use serde_json::json;
use sift_client::{ClientError, Credentials, MAX_SERVER_TEXT, MIN_SECRET_RUN, RetryPolicy};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Where an answer puts the echoed text.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// `400 {"errors":[{"message": text}]}`
    ErrorEntry,
    /// `400 text` (not JSON: the raw body is the message)
    RawErrorBody,
    /// `503 {"message": text}`
    ServerErrorMessage,
    /// `200 text` (not JSON: the excerpt of a malformed answer)
    NotJson,
    /// `200 {"echo": text, "data": [0]}` (a record that is not an object; the excerpt)
    BesideBadRecord,
    /// `307` to another origin, the text in the URL
    RedirectTarget,
    /// a cursor repeated by the second page
    RepeatedCursor,
    /// `401 {"message": text}` from the token exchange
    TokenExchangeRefusal,
}

const PLACES: [Place; 8] = [
    Place::ErrorEntry,
    Place::RawErrorBody,
    Place::ServerErrorMessage,
    Place::NotJson,
    Place::BesideBadRecord,
    Place::RedirectTarget,
    Place::RepeatedCursor,
    Place::TokenExchangeRefusal,
];

/// Which credential the server echoes.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Token,
    ClientId,
    ClientSecret,
    Exchanged,
}

const KINDS: [Kind; 4] = [
    Kind::Token,
    Kind::ClientId,
    Kind::ClientSecret,
    Kind::Exchanged,
];

/// The answer the mock serves next, set before each search.
#[derive(Clone)]
struct Scripted(Arc<Mutex<ResponseTemplate>>);

impl Respond for Scripted {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

struct Echoing {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
    execute: Scripted,
    token: Scripted,
}

/// One server for every case (each case scripts its answers).
fn echoing() -> &'static Echoing {
    static SERVER: OnceLock<Echoing> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let ok = || Arc::new(Mutex::new(ResponseTemplate::new(200)));
        let (execute, token) = (Scripted(ok()), Scripted(ok()));
        let server = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(path(EXECUTE))
                .respond_with(execute.clone())
                .mount(&server)
                .await;
            Mock::given(path(TOKEN_PATH))
                .respond_with(token.clone())
                .mount(&server)
                .await;
            server
        });
        Echoing {
            runtime,
            server,
            execute,
            token,
        }
    })
}

/// A client whose credential of `kind` is `secret`, talking to the echoing server. Made
/// once per kind and place: the token it exchanges is cached, and a refused exchange caches
/// nothing.
fn client_for(kind: Kind, secret: &str) -> sift_client::Client {
    let echoing = echoing();
    let mut settings = match kind {
        Kind::Token => {
            let mut settings = common::settings(&echoing.server);
            settings.credentials = Credentials::Token(secret.into());
            settings
        }
        Kind::ClientId | Kind::ClientSecret | Kind::Exchanged => {
            let mut settings = exchange_settings(&echoing.server);
            let (id, client_secret) = match kind {
                Kind::ClientId => (secret, CLIENT_SECRET),
                Kind::ClientSecret => (CLIENT_ID, secret),
                _ => (CLIENT_ID, CLIENT_SECRET),
            };
            settings.credentials = Credentials::ClientCredentials {
                client_id: id.into(),
                client_secret: client_secret.into(),
            };
            settings
        }
    };
    settings.retry = RetryPolicy::none();
    client(settings).0
}

/// Everything a user could see of the error the echo of `text` at `place` causes, searching
/// with `client` (whose credential of `kind` is `secret`).
fn shown_for(
    client: &sift_client::Client,
    kind: Kind,
    secret: &str,
    place: Place,
    text: &str,
) -> Vec<String> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let echoing = echoing();
    let exchanged = match kind {
        Kind::Exchanged => secret,
        _ => "T-exchanged-token-of-this-case",
    };
    let token_answer = match place {
        Place::TokenExchangeRefusal => {
            ResponseTemplate::new(401).set_body_json(json!({ "message": text }))
        }
        _ => ResponseTemplate::new(200).set_body_json(json!({ "access_token": exchanged })),
    };
    let execute_answer = match place {
        Place::ErrorEntry => {
            ResponseTemplate::new(400).set_body_json(json!({"errors": [{"message": text}]}))
        }
        Place::RawErrorBody => ResponseTemplate::new(400).set_body_string(text),
        Place::ServerErrorMessage => {
            ResponseTemplate::new(503).set_body_json(json!({ "message": text }))
        }
        Place::NotJson => ResponseTemplate::new(200).set_body_string(text),
        Place::BesideBadRecord => {
            ResponseTemplate::new(200).set_body_json(json!({"echo": text, "data": [0]}))
        }
        Place::RedirectTarget => ResponseTemplate::new(307).insert_header(
            "location",
            format!("http://127.0.0.2:9/echo?q={text}").as_str(),
        ),
        Place::RepeatedCursor => {
            ResponseTemplate::new(200).set_body_json(page(json!([]), true, Some(text)))
        }
        Place::TokenExchangeRefusal => ResponseTemplate::new(200),
    };
    *echoing.token.0.lock().unwrap() = token_answer;
    *echoing.execute.0.lock().unwrap() = execute_answer;
    let error: ClientError = echoing.runtime.block_on(bounded(async {
        let mut pages = client.pages(BODY).expect("a valid body");
        loop {
            match pages.next().await {
                Some(Err(error)) => break error,
                Some(Ok(_)) => {}
                None => panic!("{place:?}: the walk ended without an error"),
            }
        }
    }));
    let (code, message, help) = common::shown(&error);
    vec![code, message, help, format!("{error:?}")]
}

/// The first run of at least [`MIN_SECRET_RUN`] characters of `secret` found in `seen`.
fn surviving_run<'s>(secret: &'s str, seen: &[String]) -> Option<&'s str> {
    let chars: Vec<(usize, char)> = secret.char_indices().collect();
    (0..chars.len().saturating_sub(MIN_SECRET_RUN - 1)).find_map(|start| {
        let from = chars[start].0;
        let to = chars
            .get(start + MIN_SECRET_RUN)
            .map_or(secret.len(), |(at, _)| *at);
        let run = &secret[from..to];
        seen.iter().any(|text| text.contains(run)).then_some(run)
    })
}

/// Filler that shares no character with a secret (secrets are `[A-Za-z0-9_-]`).
fn filler(len: usize) -> String {
    "~.".repeat(len / 2 + 1)[..len].to_owned()
}

/// The places where `kind` can be echoed: a refused exchange has no exchanged token to echo
/// (nor is there an exchange with a static token).
fn places_for(kind: Kind) -> impl Iterator<Item = Place> {
    PLACES.into_iter().filter(move |place| {
        !matches!(place, Place::TokenExchangeRefusal)
            || matches!(kind, Kind::ClientId | Kind::ClientSecret)
    })
}

#[test]
fn a_secret_cut_at_every_offset_leaves_no_run_of_it() {
    // 39 characters, like a client secret.
    let secret = "cs-9fK2xQ7mZ1vB8nR4tY6wE3uI0oP5aS-dF_g";
    for kind in KINDS {
        for place in places_for(kind) {
            let client = client_for(kind, secret);
            for offset in 0..=secret.len() {
                let pieces = [
                    // the parts before and after the cut, in long text
                    format!("{}{}{}", filler(300), &secret[..offset], filler(900)),
                    format!("{}{}{}", filler(300), &secret[offset..], filler(900)),
                    // the whole secret, the bound on server text falling `offset` into it
                    format!(
                        "{}{secret}{}",
                        filler(MAX_SERVER_TEXT - offset),
                        filler(700)
                    ),
                ];
                for text in pieces {
                    let seen = shown_for(&client, kind, secret, place, &text);
                    assert_eq!(
                        surviving_run(secret, &seen),
                        None,
                        "{kind:?} at {place:?}, cut at {offset}: {seen:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_echo_is_redacted_not_dropped() {
    let secret = "tok-0123456789abcdefghij";
    let seen = shown_for(
        &client_for(Kind::Token, secret),
        Kind::Token,
        secret,
        Place::ErrorEntry,
        &format!("you sent {secret}"),
    );
    assert!(seen[1].ends_with("you sent <redacted>"), "{seen:?}");
}

fn piece(secret: &str, cut: usize, len: usize) -> &str {
    let start = cut % (secret.len() + 1);
    let end = (start + len).min(secret.len());
    &secret[start..end]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Secrets up to 1000 characters (tokens are long), any piece of them, anywhere in long
    /// text, in any place.
    #[test]
    fn no_run_of_an_echoed_secret_survives(
        secret in "[A-Za-z0-9_-]{8,1000}",
        kind in 0..KINDS.len(),
        place in 0..PLACES.len(),
        cut in 0usize..1000,
        len in 0usize..1001,
        before in 0usize..1500,
        after in 0usize..1500,
    ) {
        let kind = KINDS[kind];
        let place = PLACES[place];
        prop_assume!(places_for(kind).any(|p| std::mem::discriminant(&p) == std::mem::discriminant(&place)));
        let text = format!("{}{}{}", filler(before), piece(&secret, cut, len), filler(after));
        let seen = shown_for(&client_for(kind, &secret), kind, &secret, place, &text);
        prop_assert_eq!(surviving_run(&secret, &seen), None, "{:?}", seen);
    }
}
