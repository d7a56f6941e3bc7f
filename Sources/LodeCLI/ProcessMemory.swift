#if os(Linux)
    import CMalloc
#endif

/// glibc's allocator set for the way GLPK allocates: every simplex run builds a working copy of
/// the program in arrays it frees at the end. Above glibc's mmap threshold each of those arrays
/// is a fresh mapping whose pages fault in again at the next solve, and memory freed at the top
/// of the heap goes back to the kernel to be faulted in again. On a sweep, with a worker per
/// core, those faults and unmaps queue in the kernel: a 2-job sweep of a binding cap over a
/// 10,000-supplier model spent 0.23 s in the kernel, 0.07 s with these settings, and its median
/// time fell from 1.28 s to 1.17 s (Benchmarks/README.md). Set once, before any thread starts.
enum ProcessMemory {
    static func keepFreedMemory() {
        #if os(Linux)
            _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)  // glibc's largest: 32 MiB on 64-bit systems
            _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
        #endif
    }
}
