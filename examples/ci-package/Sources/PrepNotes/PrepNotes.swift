/// Where this package keeps its agenda files, for tools that want to read them.
public enum PrepNotes {
    /// The main agenda: the preparation for CND 68.
    public static let agenda = "agenda.yaml"
    /// The member consultations that feed the written statement.
    public static let consultations = "plans/consultations.agenda.yaml"
}
