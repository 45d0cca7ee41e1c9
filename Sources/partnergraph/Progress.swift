import Foundation
import PartnerGraphIO

/// A progress bar on standard error, shown only when stderr is a terminal and
/// not under CI (`CI` set); never in pipes.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let lock = NSLock()

    init(label: String, minimumWork: Int = 0, work: Int = 0) {
        let env = ProcessInfo.processInfo.environment
        self.enabled = isatty(2) == 1 && env["CI"] == nil && env["TERM"] != "dumb" && work >= minimumWork
        self.label = label
    }

    func update(_ step: String, _ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = total > 0 ? done * 100 / total : 100
        let text = "\r\(label) \(bar) \(percent)% \(step)\u{1B}[K"
        StandardStream.writeError(text)
        if done >= total { StandardStream.writeError("\r\u{1B}[K") }
    }
}
