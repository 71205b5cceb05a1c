import AgendaFuzzing

/// The date, time and duration parsers, and gap arithmetic on what they read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTime(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    do { try FuzzTargets.timeArithmetic(bytes) } catch { fatalError(error.description) }
    return 0
}
