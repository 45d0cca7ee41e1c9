import Foundation

/// The byte-level pieces of the import's row loop: a field's trimmed bytes,
/// small sets of byte strings (filter values, missing markers), partner ids
/// interned from bytes, and the duplicate-key table. With them a row that is
/// used creates no `String` at all unless it brings a new partner (the
/// import benchmark, `Benchmarks/bench_import_many.py`, runs a million rows).

/// The bytes of a field without leading and trailing white space, as a range
/// of the file's bytes.
enum FieldBytes {
    /// The content of raw field `start..<end` of `buffer` trimmed of ASCII
    /// white space, when it needs no unquoting and is all ASCII (then the
    /// range is exactly what `String.trimmingSpaces` keeps, and comparing
    /// bytes is comparing strings: no canonical equivalence can apply);
    /// `nil` otherwise (doubled quotes, non-ASCII text), where the caller
    /// takes the `String` path.
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Range<Int>? {
        guard case .verbatim(let range) = CSVStorage.content(in: buffer, start: start, end: end) else { return nil }
        var lo = range.lowerBound, hi = range.upperBound
        var any: UInt8 = 0
        for i in lo..<hi { any |= buffer[i] }
        if any >= 0x80 { return nil }
        while lo < hi, isASCIISpace(buffer[lo]) { lo += 1 }
        while hi > lo, isASCIISpace(buffer[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// The field `i` of record `r`, trimmed (see ``trimmed(_:start:end:)``).
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ r: CSVRecord, _ i: Int) -> Range<Int>? {
        let span = r.storage.fields[r.firstField + i]
        return trimmed(buffer, start: Int(span.start), end: Int(span.end))
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the
    /// ASCII characters with Unicode's White_Space property.
    @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Whether `buffer[range]` holds the bytes of `text`.
    @inline(__always) static func equal(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: [UInt8]) -> Bool {
        guard range.count == text.count else { return false }
        var i = range.lowerBound
        for b in text {
            if buffer[i] != b { return false }
            i += 1
        }
        return true
    }
}

/// A few byte strings (a filter's values, a column's missing markers), for
/// testing an ASCII field's bytes against all of them.
struct ByteStrings {
    private let values: [[UInt8]]
    /// Whether every string is ASCII, so that byte equality with an ASCII
    /// field is `String` equality; otherwise ``contains(_:_:)`` cannot decide.
    let isExact: Bool

    init(_ strings: some Sequence<String>) {
        values = strings.map { Array($0.utf8) }
        isExact = values.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
    }

    /// Whether the ASCII field `buffer[range]` is one of the strings; `nil`
    /// when that takes comparing `String`s (some string is not ASCII).
    func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool? {
        guard isExact else { return nil }
        for v in values where FieldBytes.equal(buffer, range, v) { return true }
        return false
    }
}

/// FNV-1a over bytes, finished with a multiply-shift mix: a fast hash for the
/// import's own tables (their keys come from one file, not from an adversary
/// choosing collisions; ``ReadLimits`` bounds the sizes).
@inline(__always) func importHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in range { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3 }
    return importMix(h)
}

/// A 64-bit finaliser (from splitmix64), so the low bits used as a table slot depend on every key bit.
@inline(__always) func importMix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
}

/// Partner ids interned in first-seen order, looked up by their UTF-8 bytes:
/// an id's `String` is made once, when it is first seen. Equality is
/// `String` equality: ASCII ids compare by bytes; once a non-ASCII id is
/// met, ids are also kept by `String`, so that canonically equivalent
/// spellings (`é` as one or two scalars; U+212A KELVIN SIGN and `K`) are one id.
struct IDInterner {
    /// The ids, by index.
    private(set) var ids: [String] = []
    /// Every id's bytes, one after another; id `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing: an id's index + 1, or 0 for an empty slot.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    /// Every id by its `String`, from the first non-ASCII id on.
    private var byString: [String: Int]?

    var count: Int { ids.count }

    init() {}

    /// An interner with room for about `expected` ids before its table grows.
    init(expected: Int) {
        var n = 64
        while n < expected * 2 { n *= 2 }
        slots = Array(repeating: 0, count: n)
        ids.reserveCapacity(expected)
        hashes.reserveCapacity(expected)
        offsets.reserveCapacity(expected + 1)
    }

    /// The index of the ASCII id `buffer[range]`, added when new; whether it is new.
    mutating func intern(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (index: Int, isNew: Bool) {
        let h = importHash(buffer, range)
        switch probe(h, buffer, range) {
        case .found(let i): return (i, false)
        case .empty(let slot):
            let id = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
            if let i = byString?[id] { return (i, false) }
            return (add(id, buffer, range, hash: h, slot: slot), true)
        }
    }

    /// The index of `id`, added when new; whether it is new.
    mutating func intern(_ id: String) -> (index: Int, isNew: Bool) {
        var copy = id
        return copy.withUTF8 { b in
            if b.allSatisfy({ $0 < 0x80 }) { return intern(b, 0..<b.count) }
            let h = importHash(b, 0..<b.count)
            switch probe(h, b, 0..<b.count) {
            case .found(let i): return (i, false)
            case .empty(let slot):
                if byString == nil {
                    var all: [String: Int] = [:]
                    for (i, s) in ids.enumerated() where all[s] == nil { all[s] = i }
                    byString = all
                }
                if let i = byString![id] { return (i, false) }
                return (add(id, b, 0..<b.count, hash: h, slot: slot), true)
            }
        }
    }

    /// The index of id `i` of `other`, added when new (its bytes and hash are reused); whether it is new.
    mutating func intern(from other: IDInterner, _ i: Int) -> (index: Int, isNew: Bool) {
        let lo = other.offsets[i], hi = other.offsets[i + 1]
        return other.bytes.withUnsafeBufferPointer { b in
            var any: UInt8 = 0
            for k in lo..<hi { any |= b[k] }
            guard any < 0x80 else { return intern(other.ids[i]) }
            switch probe(other.hashes[i], b, lo..<hi) {
            case .found(let g): return (g, false)
            case .empty(let slot):
                if let g = byString?[other.ids[i]] { return (g, false) }
                return (add(other.ids[i], b, lo..<hi, hash: other.hashes[i], slot: slot), true)
            }
        }
    }

    /// The index of `id`, or `nil` when it was never interned.
    func index(of id: String) -> Int? {
        var copy = id
        return copy.withUTF8 { b -> Int? in
            if case .found(let i) = probe(importHash(b, 0..<b.count), b, 0..<b.count) { return i }
            return byString?[id]
        }
    }

    private enum Probe { case found(Int), empty(slot: Int) }

    /// The id with exactly these bytes, or the empty slot where it would go.
    private func probe(_ h: UInt64, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Probe {
        slots.withUnsafeBufferPointer { sl in
            hashes.withUnsafeBufferPointer { hs in
                offsets.withUnsafeBufferPointer { os in
                    bytes.withUnsafeBufferPointer { bs in
                        let mask = sl.count - 1
                        var s = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let v = Int(sl[s])
                            if v == 0 { return .empty(slot: s) }
                            if hs[v - 1] == h, os[v] - os[v - 1] == range.count,
                               range.isEmpty || memcmp(bs.baseAddress! + os[v - 1], buffer.baseAddress! + range.lowerBound, range.count) == 0 {
                                return .found(v - 1)
                            }
                            s = (s + 1) & mask
                        }
                    }
                }
            }
        }
    }

    private mutating func add(_ id: String, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash h: UInt64, slot: Int) -> Int {
        let i = ids.count
        ids.append(id)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        offsets.append(bytes.count)
        hashes.append(h)
        slots[slot] = Int32(i + 1)
        byString?[id] = i
        if ids.count * 2 > slots.count { grow() }
        return i
    }

    private mutating func grow() {
        var next = [Int32](repeating: 0, count: slots.count * 2)
        let mask = next.count - 1
        for (i, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while next[s] != 0 { s = (s + 1) & mask }
            next[s] = Int32(i + 1)
        }
        slots = next
    }
}

/// The first row of each duplicate key: a map from a packed 64-bit key to a
/// row number, with open addressing (one probe sequence per row, no hashing
/// of the key by SipHash; key and row side by side, one cache line per probe).
struct PackedKeyTable {
    private struct Slot {
        var key: UInt64
        /// The row + 1, or 0 for an empty slot.
        var row: UInt32
    }
    private var slots: [Slot]
    private var count = 0

    /// An empty table (8 slots).
    init() { slots = Array(repeating: Slot(key: 0, row: 0), count: 8) }

    /// The row stored for `key`; when there is none, stores `row` and returns `nil`.
    mutating func firstRow(for key: UInt64, insertingIfAbsent row: Int) -> Int? {
        let found: Int? = slots.withUnsafeMutableBufferPointer { b in
            let mask = b.count - 1
            var s = Int(truncatingIfNeeded: importMix(key)) & mask
            while b[s].row != 0 {
                if b[s].key == key { return Int(b[s].row) - 1 }
                s = (s + 1) & mask
            }
            b[s] = Slot(key: key, row: UInt32(row + 1))
            return nil
        }
        if found == nil {
            count += 1
            if count * 2 > slots.count { grow() }
        }
        return found
    }

    private mutating func grow() {
        let old = slots
        // Four times while small: a group's table grows from 8 slots to its size in few steps.
        slots = Array(repeating: Slot(key: 0, row: 0), count: old.count * (old.count < 4096 ? 4 : 2))
        let mask = slots.count - 1
        for slot in old where slot.row != 0 {
            var t = Int(truncatingIfNeeded: importMix(slot.key)) & mask
            while slots[t].row != 0 { t = (t + 1) & mask }
            slots[t] = slot
        }
    }
}

/// The first row of each pair key: one ``PackedKeyTable`` per outer index
/// (a group, or a tie's first partner), keyed by the inner index and type.
/// Rows usually come grouped (one file per treaty, a list sorted by
/// agreement), so the table in use is small and stays in cache; one table
/// for all keys would miss the cache on nearly every row of a million.
struct PairKeyTable {
    private var tables: [PackedKeyTable] = []

    /// The row stored for (`outer`, `inner`); when there is none, stores `row` and returns `nil`.
    mutating func firstRow(outer: Int, inner: UInt64, insertingIfAbsent row: Int) -> Int? {
        if outer >= tables.count {
            tables.append(contentsOf: repeatElement(PackedKeyTable(), count: outer - tables.count + 1))
        }
        return tables[outer].firstRow(for: inner, insertingIfAbsent: row)
    }
}
