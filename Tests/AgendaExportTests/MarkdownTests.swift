import AgendaCore
import Testing

@testable import AgendaMarkdown

@Suite("Markdown")
struct MarkdownTests {
    func escaped(_ text: String) -> String {
        var page = MarkdownExporter.Page(bytes: ByteBuffer())
        page.escaped(text)
        return page.bytes.text
    }

    @Test func agendaTextCannotBecomeMarkupOrHTML() {
        #expect(escaped("a | b") == "a \\| b")
        #expect(escaped("<script>x</script>") == "\\<script\\>x\\<\\/script\\>")
        #expect(escaped("*bold* _it_ `code` [link](url) &amp; #1") == "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]\\(url\\) \\&amp\\; \\#1")
        #expect(escaped("two\nlines\r\nhere") == "two lines  here")
        #expect(escaped("🎉 مرحبا ünï") == "🎉 مرحبا ünï")
    }

    @Test func ganttTextKeepsClearOfMermaidSyntax() {
        #expect(MermaidGantt.text("Hearing: a; b # c 50%", fallback: "x") == "Hearing\u{A789} a\u{FF1B} b \u{FF03} c 50\u{FF05}")
        #expect(MermaidGantt.text("<b>R&D</b>", fallback: "x") == "\u{FF1C}b\u{FF1E}R\u{FF06}D\u{FF1C}/b\u{FF1E}")
        #expect(MermaidGantt.text("Call for papers", fallback: "x") == "\u{201C}Call for papers\u{201D}")
        #expect(MermaidGantt.text("section 3 review", fallback: "x") == "\u{201C}section 3 review\u{201D}")
        #expect(MermaidGantt.text("2016 outcome", fallback: "x") == "\u{201C}2016 outcome\u{201D}")
        #expect(MermaidGantt.text("two\n  lines", fallback: "x") == "two lines")
        #expect(MermaidGantt.text(" \n ", fallback: "cnd58") == "cnd58")
    }

    @Test func thePageHasTablesByMonthTheCriticalPathAndAChart() throws {
        let yaml = """
            agenda: { id: page, title: "Road to *UNGASS*", timezone: Europe/Vienna, start: 2015-01-05 }
            venues: { vic: { name: VIC, timezone: Europe/Vienna } }
            events:
              - { id: cnd58, title: CND 58, kind: session, venue: vic, start: 2015-03-09, end: 2015-03-17 }
              - { id: hearing, title: "Hearing | 1", kind: hearing, venue: vic, start: 2015-03-09T14:45, end: 2015-03-09T19:00, status: tentative }
              - { id: survey, title: Survey, kind: activity, duration: 2 weeks, after: cnd58, before: report }
              - { id: report, title: Report, kind: milestone, on: 2015-04-01, status: cancelled }
            """
        let page = try export(try plan(yaml), with: MarkdownExporter())
        let expected = """
            # Road to \\*UNGASS\\*

            4 events from Mon 9 Mar 2015 to Wed 1 Apr 2015: 3 fixed, 1 placed by the plan (1 critical). Times are local to each venue.

            ## March 2015

            | Date | Time | Event | Venue | Kind |
            | --- | --- | --- | --- | --- |
            | Mon 9 Mar – Tue 17 Mar | all day | CND 58 | VIC | session |
            | Mon 9 Mar | 14:45–19:00 CET | Hearing \\| 1 *(tentative)* | VIC | hearing |
            | Wed 18 Mar – Tue 31 Mar | all day | Survey |  | activity, placed, critical |

            ## April 2015

            | Date | Time | Event | Venue | Kind |
            | --- | --- | --- | --- | --- |
            | Wed 1 Apr | all day | ~~Report~~ *(cancelled)* |  | milestone |

            ## Critical path

            These placed events have no slack: moving any of them moves the timeline.

            - Wed 18 Mar – Tue 31 Mar: Survey

            ## Chart

            ```mermaid
            gantt
                title Road to *UNGASS*
                dateFormat YYYY-MM-DD
                axisFormat %b %Y
                todayMarker off
                section Sessions
                CND 58 :2015-03-09, 2015-03-18
                section Hearings
                Hearing | 1 :2015-03-09, 2015-03-10
                section Activities
                Survey :crit, 2015-03-18, 2015-04-01
                section Milestones
                Report :milestone, 2015-04-01, 0d
            ```

            """
        #expect(page == expected)
    }

    @Test func theChartKeepsTheFirstEventsAndSaysSo() throws {
        let events = (1...5).map { "  - { id: e\($0), title: E\($0), kind: session, start: 2015-03-0\($0), end: 2015-03-0\($0) }" }.joined(separator: "\n")
        let plan = try plan("agenda: { id: many, timezone: UTC }\nevents:\n\(events)\n")
        let page = try export(plan, with: MarkdownExporter(chartLimit: 3))
        #expect(page.contains("    E3 :2015-03-03, 2015-03-04\n```\n\nThe chart shows the first 3 of 5 events; the tables above list them all.\n"))
        #expect(!page.contains("    E4 :"))
        #expect(page.contains("| Thu 5 Mar | all day | E5 |  | session |"))
    }
}
