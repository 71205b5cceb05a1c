import AgendaCore

/// The checks `agenda check` runs, in the order `agenda checks` lists them. A new check is a
/// type in its own file and one line here.
public let builtInChecks: [any Check.Type] = [
    VenueDoubleBooked.self,
    PartyDoubleBooked.self,
    PartyTravel.self,
    HolidayCheck.self,
    MissingSource.self,
    DeadlineSlack.self,
    DocumentLeadTime.self,
    CancelledDependency.self,
]
