//! Tokens, the connector lookup, the dry-run description, and that no secret shows anywhere,
//! against a mock server on 127.0.0.1.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;
use sift_client::{ClientError, Credentials, describe_search};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(page(json!([{"id": 1}]), false, None))
}

async fn mount_tokens(server: &MockServer, tokens: &[&str]) {
    for token in tokens {
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .and(header("content-type", "application/json"))
            .and(body_json(
                json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": token})))
            .up_to_n_times(1)
            .mount(server)
            .await;
    }
}

/// The bearer tokens the execute calls carried, in order.
async fn bearers(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|request| request.url.path() == EXECUTE)
        .map(|request| {
            request
                .headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_exchanged_token_is_cached_then_refreshed_after_14_minutes() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, &["T1", "T2"]).await;
        Mock::given(path(EXECUTE))
            .respond_with(ok_page())
            .mount(&server)
            .await;
        let (client, clock) = client(exchange_settings(&server));
        client.search(BODY).await.unwrap();
        clock.advance(Duration::from_secs(13 * 60 + 59));
        client.search(BODY).await.unwrap();
        clock.advance(Duration::from_secs(1));
        client.search(BODY).await.unwrap();
        assert_eq!(
            bearers(&server).await,
            ["Bearer T1", "Bearer T1", "Bearer T2"]
        );
    })
    .await
}

#[tokio::test]
async fn concurrent_searches_share_one_exchange() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, &["T1"]).await;
        Mock::given(path(EXECUTE))
            .respond_with(ok_page())
            .expect(3)
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        let (a, b, c) = tokio::join!(
            client.search(BODY),
            client.search(BODY),
            client.search(BODY)
        );
        a.unwrap();
        b.unwrap();
        c.unwrap();
        assert_eq!(bearers(&server).await, ["Bearer T1"; 3]);
    })
    .await
}

#[tokio::test]
async fn a_401_gets_one_fresh_token_and_a_retry() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, &["T1", "T2"]).await;
        Mock::given(path(EXECUTE))
            .and(header("authorization", "Bearer T1"))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        Mock::given(path(EXECUTE))
            .and(header("authorization", "Bearer T2"))
            .respond_with(ok_page())
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        assert_eq!(
            values(&client.search(BODY).await.unwrap()),
            vec![json!({"id": 1})]
        );
        assert_eq!(bearers(&server).await, ["Bearer T1", "Bearer T2"]);
    })
    .await
}

#[tokio::test]
async fn a_second_401_gives_up_naming_the_credentials() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, &["T1", "T2", "T3"]).await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::Unauthorized {
                    refreshed: true,
                    ..
                }
            ),
            "{error:?}"
        );
        let (code, message, help) = shown(&error);
        assert_eq!(code, "sift::client::unauthorized");
        assert!(
            message.contains("AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET"),
            "{message}"
        );
        assert!(
            help.contains("a freshly exchanged token was refused too"),
            "{help}"
        );
        assert_eq!(bearers(&server).await, ["Bearer T1", "Bearer T2"]);
    })
    .await
}

#[tokio::test]
async fn a_static_token_is_not_retried_on_401() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(EXECUTE))
            .respond_with(ResponseTemplate::new(401))
            .expect(1)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::Unauthorized {
                    refreshed: false,
                    ..
                }
            ),
            "{error:?}"
        );
    })
    .await
}

#[tokio::test]
async fn a_refused_exchange_names_the_client_credentials() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(
                ResponseTemplate::new(401).set_body_json(json!({"message": "invalid client"})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        let (code, message, help) = shown(&client.search(BODY).await.unwrap_err());
        assert_eq!(code, "sift::client::token_rejected");
        assert!(message.ends_with("(HTTP 401): invalid client"), "{message}");
        assert!(help.contains("AIRBYTE_CLIENT_SECRET"), "{help}");
    })
    .await
}

async fn mount_lookup(server: &MockServer, workspace: &str, ids: &[&str]) {
    let found: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "name": "harvest"}))
        .collect();
    Mock::given(method("GET"))
        .and(path(LOOKUP))
        .and(query_param("workspace_name", workspace))
        .and(query_param("definition_id", "def-1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": found})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn one_connector_found_is_used_and_remembered() {
    bounded(async {
        let server = MockServer::start().await;
        mount_lookup(&server, "default", &["conn-1"]).await;
        Mock::given(path(EXECUTE))
            .respond_with(ok_page())
            .expect(2)
            .mount(&server)
            .await;
        let (client, _) = client(settings(&server).with_connector_lookup(None, "def-1"));
        client.search(BODY).await.unwrap();
        client.search(BODY).await.unwrap();
        let lookups = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path() == LOOKUP)
            .count();
        assert_eq!(lookups, 1);
    })
    .await
}

#[tokio::test]
async fn no_connector_found_says_what_was_searched() {
    bounded(async {
        let server = MockServer::start().await;
        mount_lookup(&server, "team-a", &[]).await;
        let (client, _) = client(settings(&server).with_connector_lookup(Some("team-a"), "def-1"));
        let (code, message, _) = shown(&client.search(BODY).await.unwrap_err());
        assert_eq!(code, "sift::client::connector_not_found");
        assert_eq!(
            message,
            "no connector with definition id def-1 in workspace `team-a`"
        );
    })
    .await
}

#[tokio::test]
async fn two_connectors_found_are_ambiguous() {
    bounded(async {
        let server = MockServer::start().await;
        mount_lookup(&server, "default", &["conn-1", "conn-2"]).await;
        let (client, _) = client(settings(&server).with_connector_lookup(None, "def-1"));
        let (code, message, help) = shown(&client.search(BODY).await.unwrap_err());
        assert_eq!(code, "sift::client::connector_ambiguous");
        assert_eq!(
            message,
            "2 connectors with definition id def-1 in workspace `default`: conn-1, conn-2"
        );
        assert!(help.contains("AIRBYTE_CONNECTOR_ID"), "{help}");
    })
    .await
}

#[tokio::test]
async fn the_dry_run_shows_the_exact_requests_with_secrets_redacted() {
    let mut settings = sift_client::Settings::new("https://api.airbyte.ai")
        .unwrap()
        .with_connector_id("conn-1");
    settings.credentials = Credentials::Token(TOKEN.into());
    settings.organization_id = Some("org-7".into());
    let shown: Vec<String> = describe_search(&settings, BODY)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        shown,
        [format!(
            "POST https://api.airbyte.ai/api/v1/integrations/connectors/conn-1/execute\n\
             Authorization: Bearer <redacted>\nContent-Type: application/json\nUser-Agent: sift/{version}\n\
             X-Organization-Id: org-7\n\n{BODY}\n"
        )]
    );
    settings.credentials = Credentials::ClientCredentials {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
    };
    let settings = settings.with_connector_lookup(None, "def-1");
    let requests = describe_search(&settings, BODY).unwrap();
    let lines: Vec<String> = requests
        .iter()
        .map(|request| format!("{} {}", request.method, request.url))
        .collect();
    assert_eq!(
        lines,
        [
            "POST https://api.airbyte.ai/api/v1/account/applications/token",
            "GET https://api.airbyte.ai/api/v1/integrations/connectors?workspace_name=default&definition_id=def-1",
            "POST https://api.airbyte.ai/api/v1/integrations/connectors/{connector_id}/execute",
        ]
    );
    assert_eq!(
        requests[0].body.as_deref(),
        Some(r#"{"client_id":"<redacted>","client_secret":"<redacted>"}"#)
    );
    assert_eq!(requests[2].body.as_deref(), Some(BODY));
}

#[tokio::test]
async fn no_secret_appears_in_errors_debug_output_or_the_dry_run() {
    bounded(async {
        let secrets = [TOKEN, CLIENT_ID, CLIENT_SECRET, "T-EXCHANGED-SECRET"];
        let mut seen: Vec<String> = Vec::new();

        // Servers that echo every credential the client has back, in each kind of answer.
        for exchange in [false, true] {
            let echo = if exchange {
                format!("you sent {CLIENT_ID} {CLIENT_SECRET} T-EXCHANGED-SECRET")
            } else {
                format!("you sent {TOKEN}")
            };
            for (status, answer) in [
                (400, json!({"errors": [{"message": echo}]})),
                (401, json!({"message": echo})),
                (403, json!({"error": echo})),
                (503, json!({"message": echo})),
                (200, json!({"not": echo})),
            ] {
                let server = MockServer::start().await;
                Mock::given(path(TOKEN_PATH))
                    .respond_with(
                        ResponseTemplate::new(200)
                            .set_body_json(json!({"access_token": "T-EXCHANGED-SECRET"})),
                    )
                    .mount(&server)
                    .await;
                Mock::given(path(EXECUTE))
                    .respond_with(ResponseTemplate::new(status).set_body_json(answer.clone()))
                    .mount(&server)
                    .await;
                let mut settings = if exchange {
                    exchange_settings(&server)
                } else {
                    settings(&server)
                };
                settings.retry.max_retries = 1;
                seen.push(format!("{settings:?}"));
                let (client, _) = client(settings.clone());
                seen.push(format!("{client:?}"));
                let error = client.search(BODY).await.unwrap_err();
                let (code, message, help) = shown(&error);
                seen.extend([code, message, help, format!("{error:?}")]);
                for request in describe_search(&settings, BODY).unwrap() {
                    seen.push(request.to_string());
                    seen.push(format!("{request:?}"));
                }
            }
        }
        // A token exchange whose answer holds the token but in the wrong place.
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"token": "T-EXCHANGED-SECRET", "echo": CLIENT_SECRET})),
            )
            .mount(&server)
            .await;
        let (client, _) = client(exchange_settings(&server));
        let error = client.search(BODY).await.unwrap_err();
        assert_eq!(shown(&error).0, "sift::client::malformed_response");
        seen.extend([error.to_string(), format!("{error:?}")]);

        assert!(seen.len() > 40);
        for text in &seen {
            for secret in secrets {
                assert!(!text.contains(secret), "a secret shows in: {text}");
            }
        }
        assert!(
            seen.iter().any(|text| text.contains("<redacted>")),
            "the echoes were redacted, not dropped"
        );
    })
    .await
}
