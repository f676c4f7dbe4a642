//! Time as the client sees it: when a token was fetched, how long retries have taken, and the
//! waits between them, with their random part. Injectable, so tests check the delays and the
//! token refresh without waiting for them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A sleep that a [`Clock`] hands out.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A source of the current instant and of waits.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> Instant;
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
    /// The wait before a retry whose backoff allows at most `ceiling`: uniformly random in
    /// `0..=ceiling` ("full jitter"), so that clients that failed together do not retry
    /// together.
    fn jitter(&self, ceiling: Duration) -> Duration {
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// The real clock: [`Instant::now`] and tokio's timer.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that moves only when told to, or when slept on (a sleep completes at once and
/// moves the clock by its duration). It records every sleep, so a test can read the delays
/// the client chose, and its jitter is none: each backoff wait is its whole ceiling.
#[derive(Clone, Debug)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    start: Instant,
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock standing at the moment it is made.
    pub fn new() -> ManualClock {
        let state = ManualState {
            start: Instant::now(),
            elapsed: Duration::ZERO,
            sleeps: Vec::new(),
        };
        ManualClock {
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Move the clock forward.
    pub fn advance(&self, by: Duration) {
        self.lock().elapsed += by;
    }

    /// The sleeps asked for so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // A poisoned lock only means another test thread panicked; the state is still sound.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let state = self.lock();
        state.start + state.elapsed
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.lock();
        state.elapsed += duration;
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }

    fn jitter(&self, ceiling: Duration) -> Duration {
        ceiling
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_jitter_spreads_over_the_whole_range() {
        let ceiling = Duration::from_secs(1);
        let waits: Vec<Duration> = (0..200).map(|_| SystemClock.jitter(ceiling)).collect();
        assert!(waits.iter().all(|wait| *wait <= ceiling));
        // 200 uniform draws all in one half has probability 2^-199.
        assert!(waits.iter().any(|wait| *wait < ceiling / 2));
        assert!(waits.iter().any(|wait| *wait > ceiling / 2));
        assert_eq!(SystemClock.jitter(Duration::ZERO), Duration::ZERO);
        assert_eq!(ManualClock::new().jitter(ceiling), ceiling);
    }
}
