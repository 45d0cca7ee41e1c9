import Dispatch

/// A pointer or buffer handed to worker threads that write disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Number of worker threads for a request: `0` means every active core.
func resolvedThreadCount(_ requested: Int, work: Int) -> Int {
    precondition(requested >= 0, "thread count must be non-negative")
    let cores = max(1, ProcessInfoShim.activeProcessorCount)
    let t = requested == 0 ? cores : requested
    return max(1, min(t, work))
}

/// Runs `body(t)` for `t` in `0..<threads`, on the calling thread when one.
func runParallel(threads: Int, _ body: @Sendable (Int) -> Void) {
    if threads <= 1 { body(0); return }
    DispatchQueue.concurrentPerform(iterations: threads, execute: body)
}

/// Active processor count without importing Foundation.
enum ProcessInfoShim {
    static let activeProcessorCount: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #elseif canImport(Darwin)
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #else
        return 1
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
