import Foundation

/// One slot per concurrent worker: each writes only its own slot, and the slots are read
/// only after every worker has finished (`concurrentPerform` returns), so no slot is shared.
public final class WorkerSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    public init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    public func store(_ value: Value, at index: Int) {
        precondition(index >= 0 && index < count)
        slots[index] = value
    }

    /// The value of a slot, leaving it empty.
    public func take(at index: Int) -> Value {
        precondition(index >= 0 && index < count)
        defer { slots[index] = nil }
        return slots[index]!
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

/// Writes a long run of independent items on every core: the items are cut into one chunk
/// per worker, each written into its own buffer, and the chunks appended in order. `write`
/// must give the same bytes for a chunk wherever the cuts fall (it may look at the item
/// before its chunk), so the output never depends on the number of cores.
public enum ParallelWriting {
    /// Below this many items a second worker costs more than it saves.
    public static let minimumChunk = 2048

    /// Writes items `0..<count` into `output` with at most `maxWorkers` workers (by default
    /// one per core).
    public static func write(
        count: Int, into output: ByteBuffer, bytesPerItem: Int, maxWorkers: Int? = nil,
        _ write: @Sendable (Range<Int>, ByteBuffer) -> Void
    ) {
        let cores = maxWorkers ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(cores, count / minimumChunk))
        guard workers > 1 else {
            output.reserveCapacity(output.count + bytesPerItem * count)
            write(0..<count, output)
            return
        }
        let chunk = (count + workers - 1) / workers
        // The first chunk is written straight after what `output` holds; the others into
        // buffers of their own, appended to it in order once all are done.
        output.reserveCapacity(output.count + bytesPerItem * count)
        let parts = WorkerSlots<ByteBuffer>(count: workers)
        parts.store(output, at: 0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = worker * chunk..<min(count, (worker + 1) * chunk)
            let buffer = worker == 0 ? parts.take(at: 0) : ByteBuffer(capacity: bytesPerItem * range.count)
            write(range, buffer)
            parts.store(buffer, at: worker)
        }
        let first = parts.take(at: 0)
        for worker in 1..<workers { first.append(contentsOf: parts.take(at: worker)) }
    }
}
