//! Checking many articles on every core, with the output still in input order
//! and memory bounded by a window of articles in flight, not by the corpus.
//!
//! The calling thread hands inputs to a rayon pool a few at a time and writes
//! each result as soon as it and everything before it are done. Workers do the
//! reading, parsing and checking; the calling thread only writes.

use clap::Args;
use std::collections::VecDeque;
use std::sync::mpsc;

/// Articles in flight per worker thread: enough that no worker waits for the
/// writer, few enough that memory stays independent of the corpus size.
const IN_FLIGHT_PER_THREAD: usize = 16;

/// How many threads to check with.
#[derive(Debug, Args)]
pub struct JobsArgs {
    /// Check with N threads (default: one per available core; 1 checks in sequence).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

impl JobsArgs {
    /// The number of threads: `--jobs`, or the cores this process may run on
    /// (`taskset` and container limits count).
    pub fn threads(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1)
    }
}

/// Run `work` on every item on `threads` threads and pass each result to
/// `sink` in the order of `items`. `sink` returns `false` to stop early (a
/// closed output); items already started still finish.
pub fn ordered_map<T, R>(
    threads: usize,
    items: impl Iterator<Item = T>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> bool,
) where
    T: Send,
    R: Send,
{
    if threads <= 1 {
        for item in items {
            if !sink(work(item)) {
                return;
            }
        }
        return;
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        // No threads to be had: the same work, in sequence.
        Err(_) => return ordered_map(1, items, work, sink),
    };
    let window = threads * IN_FLIGHT_PER_THREAD;
    let work = &work;
    let mut items = items;
    // The scope's body runs on this thread, outside the pool, so every pool
    // thread is free to check while this one waits and writes.
    pool.in_place_scope(|scope| {
        let mut pending: VecDeque<mpsc::Receiver<R>> = VecDeque::with_capacity(window);
        loop {
            while pending.len() < window {
                let Some(item) = items.next() else { break };
                let (done, result) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    // The receiver is gone only when the writer stopped early.
                    let _ = done.send(work(item));
                });
                pending.push_back(result);
            }
            let Some(next) = pending.pop_front() else { break };
            // A worker that panicked drops its sender; the scope re-raises the panic.
            let Ok(result) = next.recv() else { break };
            if !sink(result) {
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_on_many_threads() {
        let mut seen = Vec::new();
        // Uneven work so that later items often finish first.
        ordered_map(
            4,
            0..500u64,
            |n| {
                let spin = (n * 7919) % 2000;
                (0..spin).fold(n, |a, b| a.wrapping_add(b) % 1_000_003);
                n
            },
            |n| {
                seen.push(n);
                true
            },
        );
        assert_eq!(seen, (0..500).collect::<Vec<_>>());
    }

    #[test]
    fn a_closed_sink_stops_the_run() {
        let mut seen = 0;
        ordered_map(
            2,
            0..10_000u32,
            |n| n,
            |_| {
                seen += 1;
                seen < 5
            },
        );
        assert_eq!(seen, 5);
    }
}
