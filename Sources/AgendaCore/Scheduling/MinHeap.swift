/// A binary min-heap: the smallest element on top. Planning keeps the events ready to place
/// in one, the overlap sweep of the checks the items under way.
struct MinHeap<Element: Comparable> {
    private(set) var elements: [Element] = []

    /// The smallest element, left in the heap.
    var first: Element? { elements.first }
    var count: Int { elements.count }

    mutating func push(_ value: Element) {
        elements.append(value)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the smallest element out.
    @discardableResult
    mutating func pop() -> Element? {
        guard let first = elements.first else { return nil }
        let last = elements.removeLast()
        if !elements.isEmpty {
            elements[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < elements.count && elements[left] < elements[smallest] { smallest = left }
                if right < elements.count && elements[right] < elements[smallest] { smallest = right }
                if smallest == parent { break }
                elements.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
