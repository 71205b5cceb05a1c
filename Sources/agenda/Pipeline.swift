import AgendaChecks
import AgendaCore
import AgendaYAML
import ArgumentParser

/// Options every command that reads agenda files shares.
struct InputOptions: ParsableArguments {
    @Option(help: "Most input read for one agenda, its includes counted in, in MB (1 to 4096).")
    var maxInputSize: Int = 64

    func validate() throws {
        guard (1...ReadLimits.largestInputMegabytes).contains(maxInputSize) else {
            throw ValidationError("--max-input-size must be a positive number of MB, at most \(ReadLimits.largestInputMegabytes).")
        }
    }

    var loader: AgendaLoader { AgendaLoader(limits: ReadLimits(maxInputBytes: maxInputSize << 20)) }
}

/// The stages a command composes: load, plan, check.
struct Pipeline {
    let loader: AgendaLoader
    let scheduler = Scheduler()

    /// The plan when the file is valid (feasible or not), and every diagnostic so far.
    func plan(_ file: String) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let loaded = loader.load(file: file)
        guard let agenda = loaded.agenda else { return (nil, loaded.diagnostics) }
        let plan = scheduler.plan(agenda)
        return (plan, (loaded.diagnostics + plan.diagnostics).sorted())
    }

    /// The plan of a file that plans cleanly. Otherwise its diagnostics go to standard error
    /// and the exit status is thrown: what `plan`, `explain` and `export` all need.
    func feasiblePlan(_ file: String) throws -> Plan {
        let (plan, diagnostics) = self.plan(file)
        var errors = StandardOutput(descriptor: 2)
        for diagnostic in diagnostics { errors.write(diagnostic.text + "\n") }
        errors.flush()
        let status = AgendaExit.status(for: diagnostics)
        guard let plan, status == AgendaExit.clean else { throw status }
        return plan
    }

    /// The plan and every diagnostic, with the built-in checks run on a plan without
    /// conflicts. The agenda's check settings are validated first: an unknown check is an
    /// input error like any other.
    func check(_ file: String) -> (agenda: Agenda?, diagnostics: [Diagnostic]) {
        let loaded = loader.load(file: file)
        guard let agenda = loaded.agenda else { return (nil, loaded.diagnostics) }
        let runner = CheckRunner(checks: builtInChecks)
        let settings = runner.validate(agenda)
        if settings.hasErrors { return (agenda, (loaded.diagnostics + settings).sorted()) }
        let plan = scheduler.plan(agenda)
        var diagnostics = loaded.diagnostics + plan.diagnostics
        if plan.isFeasible { diagnostics += runner.run(plan) }
        return (agenda, diagnostics.sorted())
    }
}

extension AgendaExit {
    /// 2 when any input cannot be read or is invalid, 1 when a valid agenda has conflicts or
    /// failing checks, else 0.
    static func status(for diagnostics: [Diagnostic]) -> ExitCode {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.contains(where: { $0.code.isInputError }) { return invalidInput }
        return errors.isEmpty ? clean : problems
    }
}
