import AgendaFuzzing

/// YAML bytes through load, plan, checks, every exporter and every reporter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    do { try FuzzTargets.pipeline(bytes) } catch { fatalError(error.description) }
    return 0
}
