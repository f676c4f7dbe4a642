//! Following a search's pages: each later request is the first body with `params.cursor`
//! set to the previous page's `meta.cursor`, while `has_more` holds. The walk ends with an
//! error, never a loop, when the server repeats a cursor, and stops at the page cap.

use std::collections::HashSet;

use crate::client::Client;
use crate::error::ClientError;
use crate::request::RequestBody;
use crate::response::Page;

/// The pages of one search, fetched one at a time with [`Pages::next`]. The first request
/// sends the caller's body byte for byte.
///
/// The walk ends (`next` returns `None`) after a page without `has_more`. It ends with one
/// error when a request fails, when a page repeats a cursor of an earlier page
/// ([`ClientError::RepeatedCursor`]; that page is not returned), when a page has `has_more`
/// but no cursor ([`ClientError::MissingCursor`], after that page), or when
/// [`crate::Settings::max_pages`] pages were fetched and the server has more
/// ([`ClientError::PageCap`]). The pages returned before an error are complete.
#[derive(Debug)]
pub struct Pages<'c> {
    client: &'c Client,
    body: RequestBody,
    /// The most records a page may hold (the body's `limit`).
    limit: u64,
    cursor: Option<String>,
    seen: HashSet<String>,
    fetched: usize,
    pending: Option<ClientError>,
    finished: bool,
}

impl<'c> Pages<'c> {
    pub(crate) fn new(client: &'c Client, body: RequestBody) -> Pages<'c> {
        let seen = body.cursor().into_iter().collect();
        Pages {
            client,
            limit: body.limit(),
            body,
            cursor: None,
            seen,
            fetched: 0,
            pending: None,
            finished: false,
        }
    }

    /// Pages fetched so far.
    pub fn fetched(&self) -> usize {
        self.fetched
    }

    /// The next page, an error that ends the walk, or `None` when the walk is over.
    pub async fn next(&mut self) -> Option<Result<Page, ClientError>> {
        if let Some(error) = self.pending.take() {
            self.finished = true;
            return Some(Err(error));
        }
        if self.finished {
            return None;
        }
        if self.fetched > 0 && self.fetched >= self.client.settings().max_pages {
            self.finished = true;
            return Some(Err(ClientError::PageCap {
                pages: self.fetched,
            }));
        }
        let text = match &self.cursor {
            None => self.body.text.clone(),
            Some(cursor) => self.body.with_cursor(cursor),
        };
        let page = match self.client.execute(&text, self.limit).await {
            Ok(page) => page,
            Err(error) => {
                self.finished = true;
                return Some(Err(error));
            }
        };
        let number = self.fetched + 1;
        if let Some(cursor) = &page.cursor
            && !self.seen.insert(cursor.clone())
        {
            self.finished = true;
            return Some(Err(ClientError::RepeatedCursor {
                page: number,
                cursor: self.client.shown(cursor, None),
            }));
        }
        self.fetched = number;
        match (page.has_more, &page.cursor) {
            (false, _) => self.finished = true,
            (true, None) => self.pending = Some(ClientError::MissingCursor { page: number }),
            (true, Some(cursor)) => self.cursor = Some(cursor.clone()),
        }
        Some(Ok(page))
    }
}
