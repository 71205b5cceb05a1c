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
        let parts = WorkerSlots<ByteBuffer>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = worker * chunk..<min(count, (worker + 1) * chunk)
            let buffer = ByteBuffer(capacity: bytesPerItem * range.count)
            write(range, buffer)
            parts.store(buffer, at: worker)
        }
        var total = output.count
        var buffers: [ByteBuffer] = []
        for worker in 0..<workers {
            buffers.append(parts.take(at: worker))
            total += buffers[worker].count
        }
        output.reserveCapacity(total)
        for buffer in buffers { output.append(buffer.storage) }
    }
}
