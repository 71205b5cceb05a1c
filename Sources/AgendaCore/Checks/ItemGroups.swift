/// Plan items grouped by a number each event gives them (its venue's, its parties'), laid out
/// as one flat list: group `g` is `items[starts[g]..<starts[g + 1]]`, in start order. Built
/// with one counting pass and one filling pass instead of an array per group.
public struct ItemGroups: Sendable {
    private let starts: [Int32]
    private let items: [Int32]
    /// The groups of event `e` are `keys[keyStarts[e]..<keyStarts[e + 1]]`.
    private let keyStarts: [Int32]
    private let keys: [Int32]
    /// The groups with an event, in the order their first event comes in the agenda.
    public let order: [Int32]

    /// Groups `0..<count` of the plan items whose events are given in `itemEvents` (items in
    /// start order). The groups of event `e` are `keys[keyStarts[e]..<keyStarts[e + 1]]`.
    init(count: Int, keyStarts: [Int32], keys: [Int32], itemEvents: [Int32]) {
        let eventCount = keyStarts.count - 1
        var itemsOfEvent = [Int32](repeating: 0, count: eventCount)
        for event in itemEvents { itemsOfEvent[Int(event)] += 1 }
        var starts = [Int32](repeating: 0, count: count + 1)
        var seen = [Bool](repeating: false, count: count)
        var order: [Int32] = []
        for event in 0..<eventCount {
            for position in Int(keyStarts[event])..<Int(keyStarts[event + 1]) {
                let key = Int(keys[position])
                starts[key + 1] += itemsOfEvent[event]
                if !seen[key] {
                    seen[key] = true
                    order.append(Int32(key))
                }
            }
        }
        for group in 0..<count { starts[group + 1] += starts[group] }
        // Items are visited in start order, so each group fills in start order.
        var next = starts
        var items = [Int32](repeating: 0, count: Int(starts[count]))
        items.withUnsafeMutableBufferPointer { items in
            next.withUnsafeMutableBufferPointer { next in
                for (item, event) in itemEvents.enumerated() {
                    for position in Int(keyStarts[Int(event)])..<Int(keyStarts[Int(event) + 1]) {
                        let key = Int(keys[position])
                        items[Int(next[key])] = Int32(item)
                        next[key] += 1
                    }
                }
            }
        }
        self.starts = starts
        self.items = items
        self.keyStarts = keyStarts
        self.keys = keys
        self.order = order
    }

    /// The items of a group, as plan item indices in start order.
    public subscript(group: Int32) -> ArraySlice<Int32> {
        items[Int(starts[Int(group)])..<Int(starts[Int(group) + 1])]
    }

    /// The groups an event's items are in (none when it is left out).
    public func groups(of eventIndex: Int) -> ArraySlice<Int32> {
        keys[Int(keyStarts[eventIndex])..<Int(keyStarts[eventIndex + 1])]
    }
}
