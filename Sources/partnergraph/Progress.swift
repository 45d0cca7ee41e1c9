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

/// A line on a terminal's standard error while a long layout runs: after
/// 5 s, the elapsed time, the engine and the size, with a way out
/// (`--timeout`, a faster engine), updated every second and cleared at the
/// end. Never shown in pipes, under CI or on a dumb terminal.
final class LayoutTicker: @unchecked Sendable {
    private let timer: DispatchSourceTimer?
    private let lock = NSLock()
    private var shown = false

    /// Starts ticking for a layout of `partners` partners and `ties` lines with `engine` ("neato", or "auto").
    init(file: String, engine: String, partners: Int, ties: Int, hasTimeout: Bool) {
        let env = ProcessInfo.processInfo.environment
        guard isatty(2) == 1, env["CI"] == nil, env["TERM"] != "dumb" else {
            timer = nil
            return
        }
        let start = Date()
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + 5, repeating: 1)
        timer = t
        t.setEventHandler { [weak self] in
            guard let self else { return }
            let seconds = Int(Date().timeIntervalSince(start))
            let advice = hasTimeout ? "" : "; --timeout SECONDS stops it, --engine sfdp is faster"
            self.lock.lock()
            self.shown = true
            StandardStream.writeError("\r\(file): laying out \(partners) partners, \(ties) lines with \(engine): \(seconds) s\(advice)\u{1B}[K")
            self.lock.unlock()
        }
        t.resume()
    }

    /// Stops the ticker and clears its line.
    func stop() {
        timer?.cancel()
        lock.lock()
        if shown { StandardStream.writeError("\r\u{1B}[K") }
        shown = false
        lock.unlock()
    }
}
