extension CSVParser {
    /// Finds the places where a byte buffer is not well-formed UTF-8, as defined
    /// by the Unicode Standard, chapter 3, table 3-7 ("Well-Formed UTF-8 Byte
    /// Sequences"): no overlong forms, no surrogates (U+D800–U+DFFF), nothing
    /// above U+10FFFF.
    enum UTF8Validation {
        /// Why a byte does not start a well-formed UTF-8 sequence.
        enum Problem: Sendable, Equatable {
            /// A continuation byte (0x80–0xBF) where a character should start.
            case unexpectedContinuation
            /// A byte that never occurs in UTF-8 (0xC0, 0xC1, 0xF5–0xFF).
            case neverValid
            /// A lead byte not followed by the continuation bytes it needs.
            case truncated(expectedLength: Int)
            /// A lead byte whose next byte makes an overlong form, a surrogate or
            /// a code point above U+10FFFF.
            case outOfRange(next: UInt8)
        }

        /// One ill-formed sequence: its first byte's offset and value, and the
        /// length of the maximal ill-formed subpart (at least 1).
        struct Invalid: Sendable {
            var offset: Int
            var byte: UInt8
            var length: Int
            var problem: Problem
        }

        /// Every ill-formed sequence in `buffer[start...]`, in order.
        ///
        /// - Complexity: O(*n*); ASCII runs are skipped 8 bytes at a time.
        static func invalidSequences(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> [Invalid] {
            var result: [Invalid] = []
            guard let base = buffer.baseAddress else { return result }
            let count = buffer.count
            var index = start
            while index < count {
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    index += 1
                    continue
                }
                switch decode(in: buffer, at: index) {
                case .valid(let length):
                    index += length
                case .invalid(let length, let problem):
                    result.append(Invalid(offset: index, byte: byte, length: length, problem: problem))
                    index += length
                }
            }
            return result
        }

        enum Decoded {
            case valid(length: Int)
            case invalid(length: Int, problem: Problem)
        }

        /// Decodes the sequence starting with the non-ASCII byte at `index`.
        static func decode(in buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Decoded {
            let lead = buffer[index]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x80...0xBF: return .invalid(length: 1, problem: .unexpectedContinuation)
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return .invalid(length: 1, problem: .neverValid)
            }
            let count = buffer.count
            guard index + 1 < count else { return .invalid(length: 1, problem: .truncated(expectedLength: length)) }
            let second = buffer[index + 1]
            if second < low || second > high {
                if second >= 0x80 && second <= 0xBF {
                    return .invalid(length: 1, problem: .outOfRange(next: second))
                }
                return .invalid(length: 1, problem: .truncated(expectedLength: length))
            }
            var consumed = 2
            while consumed < length {
                guard index + consumed < count, buffer[index + consumed] & 0xC0 == 0x80 else {
                    return .invalid(length: consumed, problem: .truncated(expectedLength: length))
                }
                consumed += 1
            }
            return .valid(length: length)
        }
    }
}
