import AgendaCore
import AgendaYAML
import Testing

@Suite("Decoding every construct")
struct DecodingTests {
    @Test func theContractsIllustrationDecodes() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda:
                  id: ungass-2016
                  title: From CND 58 to UNGASS 2016
                  timezone: Europe/Vienna
                  calendar: un-vienna
                  schedule: asap
                  start: 2014-01-01
                  end: 2016-12-31
                  updated: 2016-04-22T12:00Z
                calendars:
                  un-vienna:
                    weekends: [sat, sun]
                    holidays:
                      - { date: 2015-04-03, name: Good Friday }
                      - 2015-04-06
                    hours: 08:30-17:30
                  un-new-york:
                    holidays: [2016-01-01, 2016-01-18, 2016-02-15]
                venues:
                  vic:    { name: Vienna International Centre, city: Vienna, timezone: Europe/Vienna, calendar: un-vienna, parallel: true }
                  unhq:   { name: United Nations Headquarters, city: New York, timezone: America/New_York, calendar: un-new-york }
                  online: { name: Online, timezone: UTC, calendar: none, online: true, parallel: true }
                  hall:   { name: Hall, capacity: 3 }
                parties:
                  cnd:   Commission on Narcotic Drugs
                  cstf:  Civil Society Task Force
                events:
                  - id: cnd58
                    title: CND 58th session
                    kind: session
                    venue: vic
                    start: 2015-03-09
                    end: 2015-03-17
                    parties: [cnd]
                    source: "CND res. 58/8; E/CN.7/2015/1"
                  - id: hearing-cnd58
                    title: Civil society hearing at CND 58
                    venue: vic
                    start: 2015-03-09T14:45
                    end: 2015-03-09T19:00
                    during: cnd58
                  - id: survey
                    title: Global civil society survey
                    kind: activity
                    duration: 15 weeks
                    after: { event: cnd58, gap: 4 weeks }
                    parties: cstf
                  - id: consultation
                    title: "Regional consultation: {region}"
                    for_each: { region: [Africa, Asia, Europe, Latin America, North America] }
                    venue: online
                    duration: 2 hours
                    after: survey
                    before: { event: ny-hearing, gap: 30 days }
                  - id: ny-hearing
                    title: Informal interactive stakeholder consultation
                    kind: hearing
                    venue: unhq
                    duration: 1 day
                    before:
                      - { event: ungass, gap: 60 days }
                      - { event: cnd59, gap: 4 weeks }
                    not_before: 2016-01-04
                    schedule: alap
                  - id: task-force-call
                    title: Task force call
                    venue: online
                    start: 2015-05-06T15:00
                    duration: 1 hour
                    repeat: { every: 2 weeks, until: 2016-04-15, except: [2015-12-23] }
                  - id: cnd59
                    title: CND 59th session
                    venue: vic
                    start: 2016-03-14
                    end: 2016-03-22
                  - id: outcome-approved
                    title: Outcome document approved for the General Assembly
                    kind: milestone
                    during: cnd59
                  - id: ungass
                    title: UNGASS on the world drug problem
                    venue: unhq
                    start: 2016-04-19
                    end: 2016-04-21
                    after: { event: outcome-approved, gap: 3 weeks, max: 8 weeks }
                    status: confirmed
                    tags: [plenary, round-tables]
                    url: https://www.unodc.org/ungass2016/
                    description: The thirtieth special session.
                checks:
                  AG301: warning
                  AG305: off
                """))

        #expect(agenda.id == "ungass-2016")
        #expect(agenda.title == "From CND 58 to UNGASS 2016")
        #expect(agenda.timeZone.identifier == "Europe/Vienna")
        #expect(agenda.calendar == "un-vienna")
        #expect(agenda.start == LocalDate(year: 2014, month: 1, day: 1))
        #expect(agenda.updated == Instant(secondsSinceEpoch: 1_461_326_400))
        #expect(agenda.checkSeverities["AG301"]?.level == .warning)
        #expect(agenda.checkSeverities["AG305"]?.level == .off)

        let vienna = try #require(agenda.calendars["un-vienna"])
        #expect(vienna.weekends == [.sat, .sun])
        #expect(vienna.holidays[LocalDate(year: 2015, month: 4, day: 3)!] == "Good Friday")
        #expect(vienna.holidays[LocalDate(year: 2015, month: 4, day: 6)!] == "holiday")
        #expect(vienna.hours == 30_600..<63_000)
        #expect(agenda.calendars["un-new-york"]?.weekends == [.sat, .sun])
        #expect(agenda.calendars["un-new-york"]?.hours == 32_400..<64_800)

        #expect(agenda.venues["vic"]?.capacity == nil)
        #expect(agenda.venues["unhq"]?.capacity == 1)
        #expect(agenda.venues["hall"]?.capacity == 3)
        #expect(agenda.venues["hall"]?.city == "Hall")
        #expect(agenda.venues["online"]?.online == true)
        #expect(agenda.venues["unhq"]?.timeZone?.identifier == "America/New_York")
        #expect(agenda.parties["cnd"]?.name == "Commission on Narcotic Drugs")

        let ids = agenda.events.map(\.id)
        #expect(
            ids == [
                "cnd58", "hearing-cnd58", "survey", "consultation-africa", "consultation-asia", "consultation-europe",
                "consultation-latin-america", "consultation-north-america", "ny-hearing", "task-force-call", "cnd59",
                "outcome-approved", "ungass",
            ])
        let events = Dictionary(uniqueKeysWithValues: agenda.events.map { ($0.id, $0) })

        let cnd58 = try #require(events["cnd58"])
        #expect(cnd58.kind == .session)
        #expect(cnd58.start?.value == .date(LocalDate(year: 2015, month: 3, day: 9)!))
        #expect(cnd58.end?.value == .date(LocalDate(year: 2015, month: 3, day: 17)!))
        #expect(cnd58.source == "CND res. 58/8; E/CN.7/2015/1")
        #expect(cnd58.parties.map(\.value) == ["cnd"])

        let hearing = try #require(events["hearing-cnd58"])
        #expect(hearing.kind == .meeting)
        #expect(hearing.start?.value.instant(in: agenda.venues["vic"]!.timeZone!) == Instant(secondsSinceEpoch: 1_425_908_700))
        #expect(hearing.constraints == [Constraint(.during, "cnd58", at: hearing.constraints[0].location)])

        let survey = try #require(events["survey"])
        #expect(!survey.isFixed)
        #expect(survey.duration?.value == Duration(15, .weeks))
        #expect(survey.constraints.first?.gap == Duration(4, .weeks))
        #expect(survey.parties.map(\.value) == ["cstf"])

        let asia = try #require(events["consultation-asia"])
        #expect(asia.title == "Regional consultation: Asia")
        #expect(asia.expandedFrom == "consultation")
        #expect(asia.constraints.map(\.event) == ["survey", "ny-hearing"])
        #expect(asia.constraints.map(\.relation) == [.after, .before])

        let ny = try #require(events["ny-hearing"])
        #expect(ny.schedule == .alap)
        #expect(ny.notBefore?.value == .date(LocalDate(year: 2016, month: 1, day: 4)!))
        #expect(ny.constraints.map(\.gap) == [Duration(60, .days), Duration(4, .weeks)])

        let call = try #require(events["task-force-call"])
        #expect(call.repeatRule?.every == Duration(2, .weeks))
        #expect(call.repeatRule?.end == .until(LocalDate(year: 2016, month: 4, day: 15)!))
        #expect(call.repeatRule?.except == [LocalDate(year: 2015, month: 12, day: 23)!])
        #expect(call.duration?.value == Duration(1, .hours))

        #expect(events["outcome-approved"]?.kind == .milestone)
        #expect(events["outcome-approved"]?.isFixed == false)
        let ungass = try #require(events["ungass"])
        #expect(ungass.constraints.first?.max == Duration(8, .weeks))
        #expect(ungass.status == .confirmed)
        #expect(ungass.tags == ["plenary", "round-tables"])
        #expect(ungass.url == "https://www.unodc.org/ungass2016/")
        #expect(ungass.description == "The thirtieth special session.")
    }

    @Test func scalarsAreReadBySchemaNotByYAMLGuessing() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: NO }
                parties: { "yes": NO, off: "012" }
                venues: { hall: { capacity: 012 } }
                events:
                  - { id: "on", title: 2016-04-19, kind: deadline, on: 2016-04-19T9:30 }
                """))
        #expect(agenda.id == "NO")
        #expect(agenda.parties["yes"]?.name == "NO")
        #expect(agenda.parties["off"]?.name == "012")
        #expect(agenda.venues["hall"]?.capacity == 12)
        #expect(agenda.events[0].title == "2016-04-19")
        #expect(agenda.events[0].start?.value == .local(LocalDateTime(date: LocalDate(year: 2016, month: 4, day: 19)!, secondOfDay: 34_200)))
    }

    @Test func timesTakeEveryWrittenForm() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: t, timezone: America/New_York }
                events:
                  - { id: a, title: A, kind: milestone, on: 2016-03-07 }
                  - { id: b, title: B, kind: deadline, on: 2016-03-07T23:59 }
                  - { id: c, title: C, kind: deadline, on: "2016-03-07 23:59" }
                  - { id: d, title: D, kind: deadline, on: 2016-03-08T04:59Z }
                  - { id: e, title: E, kind: deadline, on: 2016-03-07T23:59-05:00 }
                  - { id: f, title: F, kind: deadline, on: 2016-03-07T23:59-0500 }
                """))
        let zone = agenda.timeZone
        let instants = agenda.events.map { $0.start!.value.instant(in: zone).secondsSinceEpoch }
        let deadline: Int64 = 1_457_413_140  // 2016-03-08T04:59Z
        #expect(instants == [1_457_326_800, deadline, deadline, deadline, deadline, deadline])
    }

    @Test(arguments: [
        ("30 minutes", Duration(30, .minutes)), ("1 minute", Duration(1, .minutes)), ("30min", Duration(30, .minutes)),
        ("2 hours", Duration(2, .hours)), ("1 hour", Duration(1, .hours)), ("2h", Duration(2, .hours)),
        ("3 days", Duration(3, .days)), ("1 day", Duration(1, .days)), ("3d", Duration(3, .days)),
        ("2 weeks", Duration(2, .weeks)), ("1 week", Duration(1, .weeks)), ("2w", Duration(2, .weeks)),
        ("1 month", Duration(1, .months)), ("6 months", Duration(6, .months)), ("1mo", Duration(1, .months)),
        ("10 working days", Duration(10, .workingDays)), ("1 working day", Duration(1, .workingDays)),
    ])
    func durationsInEveryUnitAndShortForm(_ text: String, _ expected: Duration) throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: d, start: 2016-01-01, end: 2016-01-01 }
                events:
                  - { id: x, title: X, duration: \(text) }
                """))
        #expect(agenda.events[0].duration?.value == expected)
    }

    @Test func forEachSlugsFoldAccentsAndJoinSeveralKeys() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: s, start: 2016-01-01, end: 2016-01-01 }
                events:
                  - id: c
                    title: "{region} / {mode} {{literal}}"
                    for_each: { region: [Amérique Latine, "  Côte d'Ivoire!  "], mode: [online, in person] }
                    duration: 1 hour
                """))
        #expect(
            agenda.events.map(\.id) == [
                "c-amerique-latine-online", "c-amerique-latine-in-person", "c-cote-d-ivoire-online",
                "c-cote-d-ivoire-in-person",
            ])
        #expect(agenda.events[0].title == "Amérique Latine / online {literal}")
    }

    @Test func aReferenceToAForEachEntryMeansEveryExpandedEvent() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: g, start: 2016-01-01, end: 2016-01-01 }
                events:
                  - { id: c, title: "C {n}", for_each: { n: [one, two] }, duration: 1 hour }
                  - { id: report, title: Report, duration: 1 day, after: { event: c, gap: 2 days } }
                """))
        let report = try #require(agenda.events.last)
        #expect(report.constraints.map(\.event) == ["c-one", "c-two"])
        #expect(report.constraints.allSatisfy { $0.gap == Duration(2, .days) })
    }

    @Test func mergeKeysAndAliasesWork() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: m, start: 2016-01-01, end: 2016-01-01 }
                venues:
                  vic: { name: VIC }
                events:
                  - &call { id: base, title: Base, venue: vic, duration: 1 hour }
                  - { <<: *call, id: a, title: A }
                  - { <<: *call, id: b, title: B, duration: 2 hours }
                """))
        #expect(agenda.events.map(\.id) == ["base", "a", "b"])
        #expect(agenda.events[1].duration?.value == Duration(1, .hours))
        #expect(agenda.events[1].venue?.value == "vic")
        #expect(agenda.events[2].duration?.value == Duration(2, .hours))
    }

    @Test func aRepeatMayCountOccurrences() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: r }
                events:
                  - { id: call, title: Call, start: 2015-05-06T15:00, duration: 1h, repeat: { every: 1 month, count: 12 } }
                """))
        #expect(agenda.events[0].repeatRule?.end == .count(12))
        #expect(agenda.events[0].repeatRule?.every == Duration(1, .months))
    }

    @Test func defaultsApplyWhereTheFormatIsSilent() throws {
        let agenda = try #require(loadValid("agenda: { id: bare }\nvenues: { room: ~ }\nparties: { p: ~ }\n"))
        #expect(agenda.timeZone.identifier == "UTC")
        #expect(agenda.calendar == "none")
        #expect(agenda.schedule == .asap)
        #expect(agenda.venues["room"]?.name == "room")
        #expect(agenda.venues["room"]?.capacity == 1)
        #expect(agenda.parties["p"]?.name == "p")
        #expect(agenda.events.isEmpty)
    }

    @Test func singleValuesStandForListsOfOne() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: one, start: 2016-01-01 }
                events:
                  id: c
                  title: "C {n}"
                  for_each: { n: "!! Asia", m: x }
                  duration: 1h
                """))
        // One slug over all the values: no empty piece, no double dash.
        #expect(agenda.events.map(\.id) == ["c-asia-x"])
    }
}
