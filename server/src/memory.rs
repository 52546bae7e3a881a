//! How freed memory goes back to the operating system.

/// Keeps large blocks (password hashing takes 19 MiB each time) on their own memory mappings,
/// which are returned to the system as soon as they are freed.
///
/// glibc's malloc serves blocks of 128 KiB and more from mmap and unmaps them when freed, but it
/// raises that threshold to the size of the largest such block freed so far (up to 32 MiB).
/// After the first sign-in, hash buffers came from the per-thread heaps instead, which keep what
/// is freed: resident memory grew by about 19 MiB per hashing thread and never came back down
/// (issue 9 measured 816 MB after 50 sign-ins). Setting the threshold turns that adjustment off.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const THRESHOLD: libc::c_int = 256 * 1024;
        // SAFETY: mallopt only changes allocator tuning; it is called before other threads run.
        let ok = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD) };
        if ok != 1 {
            tracing::warn!("could not set malloc's mmap threshold");
        }
    }
}
