//! Thread set-up shared by the commands that extract in parallel and store on one thread.

/// How much lower than the writer thread the extraction threads run (a `nice` increment).
const EXTRACTION_NICENESS: i32 = 5;

/// Runs rayon's extraction threads at a lower priority than the rest of the process.
///
/// Why: the single SQLite writer is the pipeline's narrowest stage. With two extraction
/// threads and the writer on two cores, the scheduler gave each a third of the machine, so
/// the writer fell behind and extraction stalled on the full queue; with the writer
/// favoured it never waits for a core and extraction takes every cycle left over. On the 10k
/// generated corpus, 2 cores: 2.48-2.75 s -> 2.19-2.42 s (four runs each, alternated).
/// Only Linux can set one thread's priority; elsewhere this does nothing. Call it before
/// the first parallel iterator; later calls are no-ops.
pub fn favor_writer() {
    // An error means the pool already exists (a second command in one process): keep it.
    let _ = lowered_pool().build_global();
}

/// A rayon pool whose threads lower their own priority as they start.
fn lowered_pool() -> rayon::ThreadPoolBuilder {
    rayon::ThreadPoolBuilder::new().start_handler(|_| lower_this_thread())
}

#[cfg(target_os = "linux")]
fn lower_this_thread() {
    // SAFETY: plain system calls on the calling thread's own id; neither touches memory.
    // A failure (a sandbox forbidding it, say) only leaves the priority as it was.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, now + EXTRACTION_NICENESS);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_thread() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn niceness() -> i32 {
        // SAFETY: as in lower_this_thread.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::syscall(libc::SYS_gettid) as _) }
    }

    #[test]
    fn extraction_threads_run_below_the_calling_thread() {
        let pool = lowered_pool().num_threads(2).build().unwrap();
        let (here, there) = (niceness(), pool.install(niceness));
        // At the ceiling (19) nothing can go lower; no test machine runs there.
        assert_eq!(there, (here + EXTRACTION_NICENESS).min(19));
    }
}
