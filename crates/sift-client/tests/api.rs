//! The execute call against a mock server on 127.0.0.1: the exact request, both response
//! shapes, paging, retries, timeouts and every status the API documents.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use sift_client::{ClientError, Page, USER_AGENT};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

async fn walk(client: &sift_client::Client) -> (Vec<Page>, Option<ClientError>) {
    let mut pages = client.pages(BODY).unwrap();
    let (mut got, mut error) = (Vec::new(), None);
    while let Some(next) = pages.next().await {
        match next {
            Ok(page) => got.push(page),
            Err(failure) => error = Some(failure),
        }
    }
    assert!(pages.next().await.is_none(), "the walk stays over");
    (got, error)
}

#[tokio::test]
async fn the_exact_body_and_headers_are_sent() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(EXECUTE))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(header("content-type", "application/json"))
            .and(header("user-agent", USER_AGENT))
            .and(header("x-organization-id", "org-7"))
            .and(body_string(BODY))
            .respond_with(ok(page(json!([{"id": 1, "name": "Ann"}]), false, None)))
            .expect(1)
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.organization_id = Some("org-7".into());
        let (client, _) = client(settings);
        let page = client.search(BODY).await.unwrap();
        assert_eq!(values(&page), vec![json!({"id": 1, "name": "Ann"})]);
        assert!(!page.has_more && !page.wrapped);
        assert_eq!(USER_AGENT, concat!("sift/", env!("CARGO_PKG_VERSION")));
    })
    .await
}

#[tokio::test]
async fn the_wrapped_and_the_plain_shape_read_alike() {
    bounded(async {
        let server = MockServer::start().await;
        let inner = page(json!([{"id": 1}]), true, Some("c1"));
        Mock::given(path(EXECUTE))
            .respond_with(ok(
                json!({"result": inner, "connector_metadata": {"name": "harvest"}}),
            ))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(inner.clone()))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let wrapped = client.search(BODY).await.unwrap();
        let plain = client.search(BODY).await.unwrap();
        assert!(wrapped.wrapped && !plain.wrapped);
        assert_eq!(
            wrapped.connector_metadata.as_ref().map(|raw| raw.get()),
            Some(r#"{"name":"harvest"}"#)
        );
        assert_eq!(
            (&wrapped.records, wrapped.has_more, &wrapped.cursor),
            (&plain.records, plain.has_more, &plain.cursor)
        );
        assert_eq!(plain.cursor.as_deref(), Some("c1"));
    })
    .await
}

#[tokio::test]
async fn several_pages_follow_the_cursor() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(|request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap();
                match body["params"]["cursor"].as_str() {
                    None => ok(page(json!([{"id": 1}, {"id": 2}]), true, Some("c1"))),
                    Some("c1") => ok(page(json!([{"id": 3}, {"id": 4}]), true, Some("c2"))),
                    Some(_) => ok(page(json!([{"id": 5}]), false, None)),
                }
            })
            .expect(3)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let (pages, error) = walk(&client).await;
        assert!(error.is_none(), "{error:?}");
        let ids: Vec<Value> = pages.iter().flat_map(|page| values(page).into_iter().map(|r| r["id"].clone())).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5].map(Value::from));
        let bodies: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|request| String::from_utf8(request.body.clone()).unwrap())
            .collect();
        assert_eq!(bodies[0], BODY, "the first page sends the caller's bytes");
        assert_eq!(
            bodies[1],
            r#"{"entity":"users","action":"search","params":{"query":{"filter":{"eq":{"is_active":true}}},"limit":2,"cursor":"c1"}}"#
        );
        assert!(bodies[2].ends_with(r#""limit":2,"cursor":"c2"}}"#), "{}", bodies[2]);
    })
    .await
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_a_loop() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([{"id": 1}]), true, Some("same"))))
            .expect(2)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let (pages, error) = walk(&client).await;
        assert_eq!(pages.len(), 1);
        let (code, message, _) = shown(&error.unwrap());
        assert_eq!(code, "sift::client::repeated_cursor");
        assert!(
            message.contains("page 2") && message.contains("`same`"),
            "{message}"
        );
    })
    .await
}

#[tokio::test]
async fn the_page_cap_stops_the_walk() {
    bounded(async {
        let server = MockServer::start().await;
        let counter = AtomicUsize::new(0);
        Mock::given(path(EXECUTE))
            .respond_with(move |_: &Request| {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                ok(page(json!([{"id": n}]), true, Some(&format!("c{n}"))))
            })
            .expect(3)
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.max_pages = 3;
        let (client, _) = client(settings);
        let (pages, error) = walk(&client).await;
        assert_eq!(pages.len(), 3);
        assert!(
            matches!(error, Some(ClientError::PageCap { pages: 3 })),
            "{error:?}"
        );
    })
    .await
}

#[tokio::test]
async fn more_without_a_cursor_ends_after_that_page() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([{"id": 1}]), true, None)))
            .expect(1)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let (pages, error) = walk(&client).await;
        assert_eq!(pages.len(), 1);
        assert!(
            matches!(error, Some(ClientError::MissingCursor { page: 1 })),
            "{error:?}"
        );
    })
    .await
}

#[tokio::test]
async fn retry_after_is_waited_for_then_the_search_succeeds() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "2"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([]), false, None)))
            .mount(&server)
            .await;
        let (client, clock) = client(settings(&server));
        client.search(BODY).await.unwrap();
        // The second wait is the server's hour, cut to `max_retry_after` (5 s here).
        assert_eq!(
            clock.sleeps(),
            [Duration::from_secs(2), Duration::from_secs(5)]
        );
    })
    .await
}

#[tokio::test]
async fn server_errors_are_retried_then_given_up_with_a_clear_error() {
    bounded(async {
        let server = MockServer::start().await;
        for status in [500, 502] {
            Mock::given(path(EXECUTE))
                .respond_with(ResponseTemplate::new(status))
                .up_to_n_times(1)
                .mount(&server)
                .await;
        }
        Mock::given(path(EXECUTE))
            .respond_with(
                ResponseTemplate::new(503).set_body_json(json!({"message": "maintenance"})),
            )
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.retry.max_retries = 2;
        let (client, clock) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::server_error");
        assert_eq!(
            message,
            "the API failed with HTTP 503 after 3 attempts: maintenance"
        );
        // Full jitter: each wait lies within its ceiling (1 ms, then 2 ms).
        let sleeps = clock.sleeps();
        assert_eq!(sleeps.len(), 2);
        assert!(
            sleeps[0] <= Duration::from_millis(1) && sleeps[1] <= Duration::from_millis(2),
            "{sleeps:?}"
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 3);
    })
    .await
}

#[tokio::test]
async fn a_server_error_then_success() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(504))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([{"id": 9}]), false, None)))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        assert_eq!(
            values(&client.search(BODY).await.unwrap()),
            vec![json!({"id": 9})]
        );
    })
    .await
}

#[tokio::test]
async fn a_retry_past_the_total_bound_is_not_made() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "4"))
            .expect(1)
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.retry.max_total = Duration::from_secs(3);
        let (client, clock) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::RateLimited { attempts: 1, .. }),
            "{error:?}"
        );
        assert!(clock.sleeps().is_empty());
    })
    .await
}

#[tokio::test]
async fn a_timeout_is_retried_then_reported() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([]), false, None)).set_delay(Duration::from_secs(3)))
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.request_timeout = Duration::from_millis(200);
        settings.retry.max_retries = 1;
        let (client, _) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::timeout");
        assert!(
            message.contains("no answer within 0.2 s (2 attempts)"),
            "{message}"
        );
    })
    .await
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    bounded(async {
        // A port that was just free on loopback: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut settings = sift_client::Settings::new(&format!("http://127.0.0.1:{port}"))
            .unwrap()
            .with_connector_id("conn-1");
        settings.credentials = sift_client::Credentials::Token(TOKEN.into());
        settings.retry.max_retries = 2;
        settings.retry.base_delay = Duration::from_millis(1);
        let (client, clock) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::Connection { attempts: 3, .. }),
            "{error:?}"
        );
        assert_eq!(clock.sleeps().len(), 2);
    })
    .await
}

#[tokio::test]
async fn statuses_map_to_errors_with_the_servers_message() {
    bounded(async {
        let cases: [(u16, Value, &str, &str); 5] = [
            (
                400,
                json!({"errors": [{"userPresentableMessage": "Field 'nam' is not searchable", "message": "internal"}]}),
                "sift::client::invalid_request",
                "the API rejected the request (HTTP 400): Field 'nam' is not searchable",
            ),
            (422, json!({"message": "limit must be positive"}), "sift::client::invalid_request", "(HTTP 422): limit must be positive"),
            (403, json!({"error": "no access"}), "sift::client::forbidden", "forbids this request with the token in AIRBYTE_TOKEN (HTTP 403): no access"),
            (401, json!({}), "sift::client::unauthorized", "the API refused the token in AIRBYTE_TOKEN (HTTP 401)"),
            (404, json!({"message": "no such connector"}), "sift::client::http_status", "answered HTTP 404: no such connector"),
        ];
        for (status, body, expected_code, expected_message) in cases {
            let server = MockServer::start().await;
            Mock::given(path(EXECUTE))
                .respond_with(ResponseTemplate::new(status).set_body_json(body))
                .expect(1)
                .mount(&server)
                .await;
            let (client, _) = client(settings(&server));
            let (code, message, help) = shown(&client.search(BODY).await.unwrap_err());
            assert_eq!(code, expected_code, "{status}");
            assert!(message.contains(expected_message), "{status}: {message}");
            match status {
                401 => assert!(help.contains("check AIRBYTE_TOKEN"), "{help}"),
                403 => assert!(help.contains("AIRBYTE_ORGANIZATION_ID (not set)"), "{help}"),
                404 => assert!(help.contains("AIRBYTE_CONNECTOR_ID"), "{help}"),
                _ => {}
            }
        }
    })
    .await
}

#[tokio::test]
async fn a_raw_error_body_is_shown_bounded() {
    bounded(async {
        let server = MockServer::start().await;
        let body = format!("upstream said: {}", "x".repeat(2000));
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(400).set_body_string(body))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let message = client.search(BODY).await.unwrap_err().to_string();
        assert!(
            message.contains("upstream said: xxx") && message.ends_with("(1515 more characters)"),
            "{message}"
        );
    })
    .await
}

#[tokio::test]
async fn malformed_json_is_an_error_with_an_excerpt() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(200).set_body_string("{\"data\": [1,"))
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        let (code, message, _) = shown(&error);
        assert_eq!(code, "sift::client::malformed_response");
        assert!(message.contains("not a valid response"), "{message}");
        let ClientError::MalformedResponse { excerpt, .. } = error else {
            unreachable!()
        };
        assert_eq!(excerpt.as_deref(), Some("{\"data\": [1,"));
    })
    .await
}

#[tokio::test]
async fn an_answer_above_the_size_bound_is_refused() {
    bounded(async {
        let server = MockServer::start().await;
        let records: Vec<Value> = (0..100).map(|n| json!({"id": n})).collect();
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!(records), false, None)))
            .mount(&server)
            .await;
        let mut settings = settings(&server);
        settings.max_response_bytes = 256;
        let (client, _) = client(settings);
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(error, ClientError::ResponseTooLarge { limit: 256, .. }),
            "{error:?}"
        );
    })
    .await
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_not_sent() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ok(page(json!([]), false, None)))
            .expect(0)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let (code, ..) = shown(&client.search("[1]").await.unwrap_err());
        assert_eq!(code, "sift::client::bad_request_body");
        assert!(client.pages("{").is_err());
    })
    .await
}
