import Foundation

/// The JSON text of every `--format json` output: a typed `Encodable` value
/// through one `JSONEncoder` (sorted keys, two-space indent, `/` as is),
/// ending with a newline.
///
/// The data stays exact: strings are escaped by `JSONEncoder` (`"`, `\` and
/// C0 controls), and DEL, C1 controls and U+2028/U+2029 — valid JSON but
/// invisible or harmful on a terminal — are written as `\u00XX` escapes too,
/// so no raw control character reaches a file or a terminal. Empty arrays and
/// objects are written `[]` and `{}`.
///
/// Numbers are written by ``KeyedEncodingContainer/encodeNumber(_:forKey:)``:
/// the shortest text that reads back as the same `Double` (`0.1`, `1e-07`),
/// `-0` as `0`, and NaN and infinities as `null` (`JSONEncoder` itself
/// throws on them).
///
/// ```swift
/// struct Point: Encodable { var x: Double; var name: String }
/// try JSONOutput.text(Point(x: 0.5, name: "a/b"))
/// // "{\n  \"name\" : \"a/b\",\n  \"x\" : 0.5\n}\n"
/// ```
public enum JSONOutput {
    /// The encoder: `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`;
    /// non-finite doubles throw (the output types write them as `null`).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as JSON text ending with `"\n"`.
    ///
    /// - Throws: `EncodingError` when a value cannot be encoded (a raw
    ///   non-finite `Double` that did not go through `encodeNumber`).
    /// - Complexity: O(n) in the length of the output.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let data = try makeEncoder().encode(value)
        return finish(String(decoding: data, as: UTF8.self))
    }

    /// Escapes DEL, C1, U+2028 and U+2029 (only ever inside strings: the
    /// structure is ASCII) and writes empty containers as `[]` / `{}`
    /// (`[`, two newlines, spaces, `]` cannot occur in a string, where a
    /// newline is always escaped).
    static func finish(_ encoded: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(encoded.unicodeScalars.count + 1)
        let scalars = Array(encoded.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if (u == "[" || u == "{"), i + 2 < scalars.count, scalars[i + 1] == "\n", scalars[i + 2] == "\n" {
                var j = i + 3
                while j < scalars.count, scalars[j] == " " { j += 1 }
                if j < scalars.count, scalars[j] == (u == "[" ? "]" : "}") {
                    out.append(u)
                    out.append(scalars[j])
                    i = j + 1
                    continue
                }
            }
            if isInvisible(u) {
                out.append(contentsOf: unicodeEscape(u).unicodeScalars)
            } else {
                out.append(u)
            }
            i += 1
        }
        out.append("\n")
        return String(out)
    }
}

extension JSONOutput {
    /// DEL, C1 controls, U+2028 and U+2029: valid in a JSON string but
    /// invisible or harmful on a terminal, so every JSON we write escapes them.
    static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane.
    static func unicodeEscape(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

/// JSON string quoting of the graph writers (the JSON graph file, GraphML's
/// strategy attribute); the `--format json` outputs are `Codable` values
/// written by `JSONOutput` (FigureStyle).
public enum JSONText {
    /// `s` as a JSON string literal: `"` and `\` escaped, control characters
    /// (C0, DEL and C1) as `\n`, `\t`, `\r` or `\u00XX`; everything else
    /// (including non-ASCII) as is. The data stays exact; no raw control
    /// character reaches the file or a terminal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || JSONOutput.isInvisible(u) {
                    out += JSONOutput.unicodeEscape(u)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension KeyedEncodingContainer {
    /// A number as JSON: the shortest round-trip text; `-0` as `0`; `nil`,
    /// NaN and infinities as `null`. The key is always written.
    public mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
        guard let value, value.isFinite else { return try encodeNil(forKey: key) }
        try encode(value == 0 ? 0 : value, forKey: key)
    }

    /// `value`, or `null` when it is `nil`: the key is always written (where
    /// the synthesized encoding would leave it out).
    public mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

extension UnkeyedEncodingContainer {
    /// A number as JSON, like `KeyedEncodingContainer.encodeNumber(_:forKey:)`.
    public mutating func encodeNumber(_ value: Double?) throws {
        guard let value, value.isFinite else { return try encodeNil() }
        try encode(value == 0 ? 0 : value)
    }
}

/// A number field of a JSON output, for the synthesized `Codable`: written as
/// ``KeyedEncodingContainer/encodeNumber(_:forKey:)`` writes it (shortest
/// round-trip text, `-0` as `0`, NaN, infinities and `nil` as `null`), and its
/// key always written.
///
/// ```swift
/// struct Row: Codable { var id: String; @JSONNumber var share: Double; @JSONNumber var score: Double? }
/// try JSONOutput.text(Row(id: "a", share: .nan, score: nil))
/// // "{\n  \"id\" : \"a\",\n  \"score\" : null,\n  \"share\" : null\n}\n"
/// ```
@propertyWrapper
public struct JSONNumber<Value: JSONNumberValue>: Codable, Sendable, Equatable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let v = wrappedValue.number, v.isFinite { try c.encode(v == 0 ? 0 : v) } else { try c.encodeNil() }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = Value(number: c.decodeNil() ? nil : try c.decode(Double.self))
    }
}

/// `Double` (a `null` reads back as NaN) or `Double?` (as `nil`): the values a
/// ``JSONNumber`` holds.
public protocol JSONNumberValue: Sendable, Equatable {
    var number: Double? { get }
    init(number: Double?)
}

extension Double: JSONNumberValue {
    public var number: Double? { self }
    public init(number: Double?) { self = number ?? .nan }
}

extension Optional: JSONNumberValue where Wrapped == Double {
    public var number: Double? { self }
    public init(number: Double?) { self = number }
}

/// An optional field of a JSON output whose key is always written: the value,
/// or `null` (the synthesized `Codable` would leave the key out).
@propertyWrapper
public struct JSONNullable<Wrapped: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Wrapped?
    public init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Wrapped.self)
    }
}

extension KeyedDecodingContainer {
    /// A ``JSONNullable`` whose key is absent reads as `nil`.
    public func decode<T>(_ type: JSONNullable<T>.Type, forKey key: Key) throws -> JSONNullable<T> {
        try decodeIfPresent(type, forKey: key) ?? JSONNullable(wrappedValue: nil)
    }

    /// A ``JSONNumber`` whose key is absent reads as `nil` (or NaN).
    public func decode<T>(_ type: JSONNumber<T>.Type, forKey key: Key) throws -> JSONNumber<T> {
        try decodeIfPresent(type, forKey: key) ?? JSONNumber(wrappedValue: T(number: nil))
    }
}
