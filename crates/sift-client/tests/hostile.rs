//! Servers on 127.0.0.1 that do not keep to the protocol: answers that are not HTTP, bodies
//! cut off or badly framed, redirect loops and redirects elsewhere, records that are not
//! objects, more records than asked for, a connector without an id. Each is its own error,
//! and only what another attempt may cure is tried again.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;
use sift_client::{ClientError, MAX_REDIRECTS, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn code(error: &ClientError) -> String {
    shown(error).0
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_protocol_error_not_retried() {
    bounded(async {
        let server = RawServer::start(|_| b"HELLO THERE\r\n\r\n".to_vec()).await;
        let (client, clock) = client(server.settings());
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, help) = shown(&error);
        assert_eq!(code, "sift::client::protocol", "{message}");
        assert!(
            message.contains("the answer is not valid HTTP"),
            "{message}"
        );
        assert!(help.contains("AIRBYTE_API_URL"), "{help}");
        assert_eq!(server.requests(), 1);
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn a_body_cut_short_is_truncated_not_retried() {
    bounded(async {
        let server = RawServer::start(|_| {
            http_answer(
                "200 OK",
                &[("content-length", "1000")],
                br#"{"data":[{"id":1}"#,
            )
        })
        .await;
        let (client, clock) = client(server.settings());
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::TruncatedResponse {
                    received: 17,
                    expected: Some(1000),
                    ..
                }
            ),
            "{error:?}"
        );
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::truncated_response");
        assert!(
            message.ends_with("the answer was cut off after 17 bytes of the 1000 announced"),
            "{message}"
        );
        assert_eq!(server.requests(), 1);
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn a_chunked_body_cut_short_is_truncated() {
    bounded(async {
        let server = RawServer::start(|_| {
            http_answer(
                "200 OK",
                &[("transfer-encoding", "chunked")],
                b"5\r\n{\"dat\r\n40\r\n",
            )
        })
        .await;
        let (client, _) = client(server.settings());
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::TruncatedResponse {
                    received: 5,
                    expected: None,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(server.requests(), 1);
    })
    .await
}

#[tokio::test]
async fn a_badly_framed_body_is_a_protocol_error() {
    bounded(async {
        let server = RawServer::start(|_| {
            http_answer(
                "200 OK",
                &[("transfer-encoding", "chunked")],
                b"zz\r\n{}\r\n0\r\n\r\n",
            )
        })
        .await;
        let (client, _) = client(server.settings());
        let error = client.search(BODY).await.unwrap_err();
        assert_eq!(code(&error), "sift::client::protocol", "{error:?}");
        assert_eq!(server.requests(), 1);
    })
    .await
}

#[tokio::test]
async fn a_connection_closed_before_any_answer_is_retried() {
    bounded(async {
        let server = RawServer::start(|_| Vec::new()).await;
        let (client, clock) = client(server.settings());
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::Connection { attempts: 4, .. }),
            "{error:?}"
        );
        assert_eq!(server.requests(), 4);
        assert_eq!(clock.sleeps().len(), 3);
    })
    .await
}

#[tokio::test]
async fn a_redirect_loop_stops_after_the_redirect_bound_and_is_not_retried() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(307).insert_header("location", EXECUTE))
            .mount(&server)
            .await;
        let (client, clock) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::too_many_redirects", "{message}");
        assert!(
            message.contains(&format!("more than {MAX_REDIRECTS} redirects")),
            "{message}"
        );
        let received = server.received_requests().await.unwrap().len();
        assert_eq!(received, MAX_REDIRECTS + 1);
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(307).insert_header("location", "/moved/execute"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/moved/execute"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(
                json!([{"id": 1}]),
                false,
                None,
            )))
            .expect(1)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let page = client.search(BODY).await.unwrap();
        assert_eq!(page.records.len(), 1);
        let moved = &server.received_requests().await.unwrap()[1];
        assert_eq!(
            moved.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
        assert_eq!(moved.body, BODY.as_bytes(), "a 307 keeps the body");
    })
    .await
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_nothing_is_sent_there() {
    bounded(async {
        let elsewhere = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(
                json!([{"id": 666}]),
                false,
                None,
            )))
            .expect(0)
            .mount(&elsewhere)
            .await;
        let server = MockServer::start().await;
        let target = format!("{}{EXECUTE}", elsewhere.uri());
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(307).insert_header("location", target.as_str()))
            .expect(1)
            .mount(&server)
            .await;
        let (client, clock) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, help) = shown(&error);
        assert_eq!(code, "sift::client::cross_origin_redirect", "{message}");
        assert!(message.contains(&target), "{message}");
        assert!(help.contains("AIRBYTE_API_URL"), "{help}");
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn records_must_be_objects_and_the_error_names_the_first_that_is_not() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data":[{"id":1},7,{}]}"#))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::malformed_response");
        assert!(
            message.contains("record 1 of `data` is a number, not a JSON object"),
            "{message}"
        );
    })
    .await
}

#[tokio::test]
async fn a_page_with_more_records_than_the_limit_is_refused() {
    bounded(async {
        let server = MockServer::start().await;
        // BODY asks for 2.
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(
                json!([{"id": 1}, {"id": 2}, {"id": 3}]),
                false,
                None,
            )))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::TooManyRecords { limit: 2, .. }),
            "{error:?}"
        );
        assert_eq!(code(&error), "sift::client::too_many_records");
        // Without a limit in the request, the server's default page size is the bound.
        let unlimited = r#"{"entity":"users","action":"search","params":{"query":{}}}"#;
        assert_eq!(client.search(unlimited).await.unwrap().records.len(), 3);
    })
    .await
}

#[tokio::test]
async fn a_looked_up_connector_without_an_id_is_an_error_and_nothing_is_executed() {
    bounded(async {
        for answer in [
            json!({"data": [{}]}),
            json!({"data": [{"id": 5}]}),
            json!({"data": [{"id": ""}]}),
            json!({"data": [7]}),
        ] {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .and(path(LOOKUP))
                .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone()))
                .mount(&server)
                .await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200).set_body_json(page(
                    json!([]),
                    false,
                    None,
                )))
                .expect(0)
                .mount(&server)
                .await;
            let (client, _) = client(settings(&server).with_connector_lookup(None, "def-1"));
            let error = client.search(BODY).await.unwrap_err();
            let (code, message, _) = shown(&error);
            assert_eq!(code, "sift::client::malformed_response", "{answer}");
            assert!(
                message.contains("connector 0 of `data`"),
                "{answer}: {message}"
            );
        }
    })
    .await
}

#[tokio::test]
async fn many_connectors_found_are_counted_and_some_listed() {
    bounded(async {
        let server = MockServer::start().await;
        let found: Vec<_> = (0..25).map(|n| json!({"id": format!("c{n}")})).collect();
        Mock::given(method("GET"))
            .and(path(LOOKUP))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": found})))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server).with_connector_lookup(None, "def-1"));
        let message = client.search(BODY).await.unwrap_err().to_string();
        assert!(
            message.starts_with("25 connectors with definition id def-1"),
            "{message}"
        );
        assert!(message.ends_with("c18, c19, …"), "{message}");
    })
    .await
}

#[tokio::test]
async fn the_answer_may_be_exactly_as_large_as_the_bound() {
    bounded(async {
        let text = page(json!([{"id": 1}]), false, None).to_string();
        // Announced with Content-Length (wiremock), and chunked without one (raw).
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_string(text.clone()))
            .mount(&server)
            .await;
        let raw_text = text.clone();
        let raw = RawServer::start(move |_| {
            let chunk = format!("{:x}\r\n{raw_text}\r\n0\r\n\r\n", raw_text.len());
            http_answer(
                "200 OK",
                &[("transfer-encoding", "chunked")],
                chunk.as_bytes(),
            )
        })
        .await;
        for base in [settings(&server), raw.settings()] {
            let mut exact = base.clone();
            exact.max_response_bytes = text.len();
            let (exact, _) = client(exact);
            assert_eq!(exact.search(BODY).await.unwrap().records.len(), 1);
            let mut under = base;
            under.max_response_bytes = text.len() - 1;
            let (under, _) = client(under);
            let error = under.search(BODY).await.unwrap_err();
            assert_eq!(
                code(&error),
                "sift::client::response_too_large",
                "{error:?}"
            );
        }
    })
    .await
}

#[tokio::test]
async fn the_backoff_doubles_up_to_its_ceiling() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(503))
            .expect(6)
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.retry = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
            max_total: Duration::from_secs(3600),
        };
        // The manual clock waits each backoff's whole ceiling (no jitter).
        let (client, clock) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::ServerError { attempts: 6, .. }),
            "{error:?}"
        );
        assert_eq!(clock.sleeps(), [1, 2, 4, 5, 5].map(Duration::from_secs));
    })
    .await
}

#[tokio::test]
async fn no_retries_means_the_first_failure_is_final() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(503))
            .expect(1)
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.retry = RetryPolicy::none();
        let (first, clock) = client(settings);
        let error = first.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::ServerError { attempts: 1, .. }),
            "{error:?}"
        );
        assert!(clock.sleeps().is_empty());
        // A refused connection too.
        let closed = RawServer::start(|_| Vec::new()).await;
        let mut settings = closed.settings();
        settings.retry = RetryPolicy::none();
        let (client, clock) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::Connection { attempts: 1, .. }),
            "{error:?}"
        );
        assert_eq!(closed.requests(), 1);
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn a_setting_that_cannot_be_a_header_names_its_variable_and_sends_nothing() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(json!([]), false, None)))
            .expect(0)
            .mount(&server)
            .await;
        let mut bad_token = settings(&server);
        bad_token.credentials = sift_client::Credentials::Token("tok-SECRET\n-1234".into());
        let mut bad_organization = settings(&server);
        bad_organization.organization_id = Some("org\u{1}7".into());
        for (settings, variable) in [
            (bad_token, "AIRBYTE_TOKEN"),
            (bad_organization, "AIRBYTE_ORGANIZATION_ID"),
        ] {
            let (client, _) = client(settings);
            let error = client.search(BODY).await.unwrap_err();
            let (code, message, _) = shown(&error);
            assert_eq!(code, "sift::client::bad_setting");
            assert!(
                message.starts_with(&format!("invalid setting {variable}:")),
                "{message}"
            );
            assert!(!message.contains("SECRET"), "{message}");
        }
    })
    .await
}

#[tokio::test]
async fn an_exchanged_token_that_cannot_be_a_header_is_a_malformed_answer() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"access_token": "T\r\nX-Evil: 1"})),
            )
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::malformed_response");
        assert!(message.contains("`access_token`"), "{message}");
        assert!(!message.contains("X-Evil"), "{message}");
    })
    .await
}

#[tokio::test]
async fn the_timeout_help_says_what_is_in_force() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(page(json!([]), false, None))
                    .set_delay(Duration::from_secs(3)),
            )
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.request_timeout = Duration::from_millis(250);
        settings.retry = RetryPolicy::none();
        let (client, _) = client(settings);
        let (code, message, help) = shown(&client.search(BODY).await.unwrap_err());
        assert_eq!(code, "sift::client::timeout");
        assert!(
            message.contains("no answer within 0.25 s (1 attempts)"),
            "{message}"
        );
        assert!(
            help.contains("the connect timeout is 2 s and the request timeout 0.25 s"),
            "{help}"
        );
        assert!(help.contains("--timeout SECONDS"), "{help}");
    })
    .await
}
