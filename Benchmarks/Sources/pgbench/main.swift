// pgbench — times one PartnerAnalysis task on a generated CSV pair and prints
// JSON lines shaped like ../shared/bench/peers.py, so Benchmarks/bench_analysis.py
// can put our figures and the peers' side by side.
//
// usage: pgbench --data DIR --task TASK [--size LABEL] [--threads 1|2] [--reps N]
//                [--round R] [--pivots FILE] [--tolerance T] [--loader fast|model]
//
// TASK: load degree pagerank eigenvector components articulation kcore constraint
//       louvain betweenness_exact betweenness_k256 harmonic_exact
// DIR holds partners.csv (id,name,kind) and ties.csv (source,target,type,start,end,weight)
// made by gen_graph.py. Like the peers, every task runs unweighted on the simple
// undirected graph obtained by collapsing repeated pairs (weights are summed and kept).
// --pivots FILE: whitespace-separated node indices (peers.py uses
// random.Random(7).sample(range(n), 256)); required for the *_k256 tasks.
// --tolerance T: PageRank and eigenvector tolerance (default: the library's,
// CSRGraph.defaultTolerance, 1e-12).
// --loader fast (default): a byte-level CSV pair reader written here for speed;
// --loader model: PartnerGraphIO's GraphFile.load (full model with dates and
// diagnostics), then the same collapse.

import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

// MARK: - arguments

struct Options {
    var data = ""
    var size = ""
    var task = "load"
    var threads = 1
    var reps = 0
    var round = 0
    var pivots: String?
    var loader = "fast"
    var tolerance: Double?
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let v = args.popFirst() else { fail("\(flag) needs a value") }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "--data": o.data = value(a)
        case "--size": o.size = value(a)
        case "--task": o.task = value(a)
        case "--threads": o.threads = Int(value(a)) ?? 1
        case "--reps": o.reps = Int(value(a)) ?? 0
        case "--round": o.round = Int(value(a)) ?? 0
        case "--pivots": o.pivots = value(a)
        case "--loader": o.loader = value(a)
        case "--tolerance": o.tolerance = Double(value(a))
        case "-h", "--help":
            print("usage: pgbench --data DIR --task TASK [--size LABEL] [--threads N] [--reps N] [--round R] [--pivots FILE] [--tolerance T] [--loader fast|model]")
            exit(0)
        default: fail("unknown argument '\(a)'")
        }
    }
    if o.data.isEmpty { fail("--data DIR is required") }
    if o.size.isEmpty { o.size = (o.data as NSString).lastPathComponent }
    return o
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("pgbench: error: \(message)\n".utf8))
    exit(64)
}

// MARK: - memory and time

func statusField(_ name: String) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
        let digits = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
        return digits.flatMap { Double($0) }.map { $0 / 1024 }
    }
    return nil
}

/// Resets VmHWM (as peers.py does) so each measurement's peak is its own.
func resetPeak() {
    if let f = fopen("/proc/self/clear_refs", "w") { fputs("5", f); fclose(f) }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

// MARK: - JSON output

func json(_ v: Any?) -> String {
    switch v {
    case nil: return "null"
    case let s as String:
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    case let i as Int: return String(i)
    case let d as Double:
        if !d.isFinite { return "null" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return String(d)
    case let a as [Any]: return "[" + a.map { json($0) }.joined(separator: ", ") + "]"
    default: return "\"?\""
    }
}

func rounded(_ x: Double, _ places: Int) -> Double {
    let p = pow(10.0, Double(places))
    return (x * p).rounded() / p
}

struct Emitter {
    let o: Options
    var n = 0, m = 0
    var graphRSS: Double?

    func emit(_ task: String, seconds: Double?, variant: String, rep: Int = 0, summary: Any? = nil,
              status: String = "ok", peak: Double? = nil) {
        let fields: [(String, Any?)] = [
            ("library", "partnergraph"), ("size", o.size), ("task", task), ("variant", variant), ("rep", rep),
            ("round", o.round), ("seconds", seconds.map { rounded($0, 6) }), ("peak_rss_mb", peak.map { rounded($0, 1) }),
            ("graph_rss_mb", graphRSS.map { rounded($0, 1) }), ("threads", o.threads), ("n", n), ("m", m),
            ("status", status), ("summary", summary),
        ]
        let line = "{" + fields.map { json($0.0) + ": " + json($0.1) }.joined(separator: ", ") + "}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}

// MARK: - loading

struct EdgeList {
    var n = 0
    var sources: [Int32] = []
    var targets: [Int32] = []
    var weights: [Double] = []
}

func readBytes(_ path: String) -> [UInt8] {
    guard let d = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](d)
}

/// Splits CSV bytes into records of field ranges (RFC 4180 quoting), calling
/// `row` for every record after the header.
func forEachRecord(_ bytes: [UInt8], _ row: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> Void) {
    bytes.withUnsafeBufferPointer { b in
        var fields: [Range<Int>] = []
        var i = 0, start = 0, header = true
        var inQuotes = false
        let count = b.count
        while i <= count {
            let c: UInt8 = i < count ? b[i] : 10
            if inQuotes {
                if c == 34 { if i + 1 < count && b[i + 1] == 34 { i += 2; continue }; inQuotes = false }
                i += 1; continue
            }
            if c == 34 { inQuotes = true; i += 1; continue }
            if c == 44 { fields.append(start..<i); start = i + 1 }
            else if c == 10 {
                var end = i
                if end > start && b[end - 1] == 13 { end -= 1 }
                fields.append(start..<end)
                if !(fields.count == 1 && fields[0].isEmpty) {
                    if header { header = false } else { row(b, fields) }
                }
                fields.removeAll(keepingCapacity: true)
                start = i + 1
            }
            i += 1
        }
    }
}

func field(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
    var lo = r.lowerBound, hi = r.upperBound
    if hi - lo >= 2 && b[lo] == 34 && b[hi - 1] == 34 { lo += 1; hi -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
}

func loadFast(_ dir: String) -> EdgeList {
    var index: [String: Int32] = [:]
    var e = EdgeList()
    forEachRecord(readBytes(dir + "/partners.csv")) { b, f in
        index[field(b, f[0])] = Int32(index.count)
    }
    e.n = index.count
    index.reserveCapacity(e.n)
    forEachRecord(readBytes(dir + "/ties.csv")) { b, f in
        guard f.count >= 6, let s = index[field(b, f[0])], let t = index[field(b, f[1])] else {
            fail("bad tie record in \(dir)/ties.csv")
        }
        e.sources.append(s); e.targets.append(t)
        e.weights.append(Double(field(b, f[5])) ?? 1)
    }
    return e
}

func loadModel(_ dir: String) -> EdgeList {
    let net: PartnerNetwork
    do { net = try GraphFile.load(path: dir) } catch { fail("\(error)") }
    var e = EdgeList()
    e.n = net.partners.count
    for tie in net.ties {
        guard let s = net.index(ofPartner: tie.source), let t = net.index(ofPartner: tie.target) else { continue }
        e.sources.append(Int32(s)); e.targets.append(Int32(t)); e.weights.append(net.weight(of: tie))
    }
    return e
}

// MARK: - tasks

func argmax(_ xs: [Double]) -> [Any] {
    var best = 0
    for i in xs.indices where xs[i] > xs[best] { best = i }
    return xs.isEmpty ? [] : [best, rounded(xs[best], 6)]
}

func readPivots(_ o: Options, n: Int) -> [Int] {
    guard let path = o.pivots else { fail("--pivots FILE is required for \(o.task)") }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
    let p = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).compactMap { Int($0) }
    if p.contains(where: { $0 < 0 || $0 >= n }) { fail("pivot out of range in \(path)") }
    return p
}

/// (variant, timed work returning an untimed summary closure)
func taskImpl(_ o: Options, _ g: CSRGraph) -> (String, () throws -> () -> Any?)? {
    let t = o.threads
    switch o.task {
    case "degree":
        return ("degrees()", { let d = g.degrees(); return { d.max() ?? 0 } })
    case "pagerank":
        // The library's defaults (what `partnergraph analyze` computes: NetworkX's criterion,
        // L1 change < n·tol, with tol 1e-12) unless --tolerance; the peers' argmax value
        // agrees to 6 digits from tol 1e-10 on.
        if let tol = o.tolerance {
            return ("pageRank tol=\(tol) (L1 change < n·tol)", {
                let r = try g.pageRank(tolerance: tol, maxIterations: 1000, threads: t); return { argmax(r) } })
        }
        return ("pageRank (library defaults, tol=\(CSRGraph.defaultTolerance))", {
            let r = try g.pageRank(threads: t); return { argmax(r) } })
    case "eigenvector":
        // The library's defaults (what `partnergraph analyze` computes) unless --tolerance.
        if let tol = o.tolerance {
            return ("eigenvectorCentrality tol=\(tol) (L1 change < n·tol)", {
                let x = try g.eigenvectorCentrality(maxIterations: 100_000, tolerance: tol); return { argmax(x) } })
        }
        return ("eigenvectorCentrality (library defaults, tol=\(CSRGraph.defaultTolerance))", {
            let x = try g.eigenvectorCentrality(); return { argmax(x) } })
    case "components":
        return ("connectedComponents", { let c = g.connectedComponents(); return { (c.max() ?? -1) + 1 } })
    case "articulation":
        return ("articulationPoints", { let a = try g.articulationPoints(); return { a.count } })
    case "kcore":
        return ("coreNumbers", { let k = g.coreNumbers(); return { k.max() ?? 0 } })
    case "constraint":
        return ("constraint (Burt)", {
            let c = try g.constraint(); return { rounded(c.compactMap { $0 }.reduce(0, +), 3) } })
    case "louvain":
        return ("louvainCommunities seed=1", {
            let c = try g.louvainCommunities(seed: 1); return { [c.count, rounded(c.modularity, 4)] } })
    case "betweenness_exact":
        return ("Brandes exact", { let b = try g.betweennessCentrality(threads: t); return { argmax(b) } })
    case "betweenness_k256":
        let p = readPivots(o, n: g.nodeCount)
        // NetworkX-rescaled raw estimate from the same 256 sources igraph's subset betweenness uses
        return ("sources=256 pivots", {
            let b = try g.betweennessCentrality(normalized: false, pivots: .sources(p), threads: t)
            return { argmax(b) }
        })
    case "harmonic_exact":
        return ("harmonicCentrality (bit-parallel BFS)", {
            let h = g.harmonicCentrality(threads: t); return { argmax(h) } })
    default:
        return nil
    }
}

// MARK: - main

let o = parseOptions()
var out = Emitter(o: o)
resetPeak()
let t0 = now()
let edges = o.loader == "model" ? loadModel(o.data) : loadFast(o.data)
let t1 = now()
let graph: CSRGraph
do {
    graph = try CSRGraph(nodeCount: edges.n, sources: edges.sources, targets: edges.targets, weights: edges.weights)
} catch { fail("\(error)") }
let t2 = now()
out.n = graph.nodeCount
out.m = graph.edgeCount
out.graphRSS = statusField("VmRSS")
let loadPeak = statusField("VmHWM")
let parseVariant = o.loader == "model" ? "PartnerGraphIO GraphFile.load" : "pgbench byte-level CSV reader"
out.emit("parse", seconds: t1 - t0, variant: parseVariant, peak: loadPeak)
out.emit("build", seconds: t2 - t1, variant: "CSRGraph(nodeCount:sources:targets:weights:)", peak: loadPeak)
out.emit("load", seconds: t2 - t0, variant: "parse+build", peak: loadPeak)
if o.task != "load" {
    guard let (variant, work) = taskImpl(o, graph) else {
        out.emit(o.task, seconds: nil, variant: "not offered", status: "n/a")
        exit(0)
    }
    var total = 0.0, rep = 0
    while true {
        resetPeak()
        let a = now()
        let summarize: () -> Any?
        do { summarize = try work() } catch { fail("\(error)") }
        let s = now() - a
        let peak = statusField("VmHWM")
        out.emit(o.task, seconds: s, variant: variant + " threads=\(o.threads)", rep: rep, summary: summarize(), peak: peak)
        total += s; rep += 1
        if o.reps > 0 { if rep >= o.reps { break } } else if rep >= 5 || s > 20 || (total >= 2 && rep >= 3) { break }
    }
}
