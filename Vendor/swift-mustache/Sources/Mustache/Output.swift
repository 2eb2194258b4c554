//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a render writes: the UTF-8 bytes of its text, in a buffer it owns (patch 14).
///
/// A render appends hundreds of pieces per page. Appending to a `String` cost about 300
/// instructions per piece (capacity and uniqueness checks, then the ASCII and count flags
/// updated on every append), and appending to an `Array` about 100 (its generic
/// `append(contentsOf:)`); here it is a capacity check and a copy. One output can be kept and
/// cleared for render after render, so that its buffer stops growing after the largest page.
public struct MustacheOutput: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    public private(set) var count: Int
    private var capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        self.start = .allocate(capacity: self.capacity)
        self.count = 0
    }

    deinit {
        self.start.deallocate()
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if self.count + n > self.capacity { self.grow(toHold: self.count + n) }
        (self.start + self.count).initialize(from: bytes.baseAddress!, count: n)
        self.count += n
    }

    public mutating func append(_ text: String) {
        // Every native string has contiguous UTF-8 (a small one is copied to the stack);
        // a bridged one is copied first.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { self.append($0) }
        if done == nil {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { self.append($0) }
        }
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = self.capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.initialize(from: self.start, count: self.count)
        self.start.deallocate()
        self.start = new
        self.capacity = newCapacity
    }

    /// Puts `text` at byte offset `offset`, moving what follows.
    mutating func insert(_ text: String, at offset: Int) {
        precondition(offset >= 0 && offset <= self.count)
        let tail = self.count - offset
        self.append(text)
        let n = self.count - tail - offset
        guard n > 0, tail > 0 else { return }
        // The text went to the end: rotate it in front of the tail.
        let moved = Array(UnsafeBufferPointer(start: self.start + offset + tail, count: n))
        memmove(self.start + offset + n, self.start + offset, tail)
        moved.withUnsafeBufferPointer { _ = memcpy(self.start + offset, $0.baseAddress!, n) }
    }

    /// Forgets the bytes, keeping the room they took.
    public mutating func removeAll() {
        self.count = 0
    }

    /// Whether the bytes from `offset` on, as a string, end with the character "\n", as
    /// `String.last == "\n"` says: a final "\r\n" is one character, not "\n".
    func endsWithNewline(from offset: Int) -> Bool {
        guard self.count > offset, self.start[self.count - 1] == 0x0A else { return false }
        return self.count - 1 == offset || self.start[self.count - 2] != 0x0D
    }

    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: self.start, count: self.count))
    }

    public var bytes: [UInt8] {
        self.withBytes { Array($0) }
    }

    public var text: String {
        self.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
