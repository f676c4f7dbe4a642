//! What the binary's tests share: running a child bounded in time while draining its pipes.

use std::io::{Read, Write};
use std::process::{Child, Output};
use std::time::{Duration, Instant};

/// Collects the child's output while waiting for it at most `limit`, killing it (and failing)
/// if it is still running then. `stdin`, if any, is written from a thread of its own, so that a
/// child writing much output never waits on a parent writing much input.
pub fn finish(mut child: Child, stdin: Option<&str>, limit: Duration, what: &str) -> Output {
    let feeder = stdin.zip(child.stdin.take()).map(|(text, mut pipe)| {
        let text = text.to_owned();
        // The child may stop reading early (a limit); a write error then is expected.
        std::thread::spawn(move || drop(pipe.write_all(text.as_bytes())))
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}
