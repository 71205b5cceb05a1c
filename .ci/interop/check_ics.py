#!/usr/bin/env python3
"""Read back an `agenda export --format ics` file and check it against the plan JSON.

usage: check_ics.py PLAN.json FILE.ics

Independent of the tool: parsing and recurrence expansion are done by icalendar and
recurring_ical_events, zone offsets come from Python's zoneinfo.
"""
import datetime as dt
import json
import re
import sys
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

UTC_NAMES = ("UTC", "Etc/UTC")
SUBDAILY = ("HOURLY", "MINUTELY", "SECONDLY")
TEXT_PROPS = ("SUMMARY", "LOCATION", "DESCRIPTION")  # single TEXT values: , and ; escaped


def fail(msg):
    sys.exit(f"check_ics: FAIL: {msg}")


def check_lines(raw):
    """RFC 5545 3.1: CRLF line ends, at most 75 octets a line, UTF-8 once unfolded."""
    if not raw.endswith(b"\r\n"):
        fail("file does not end with CRLF")
    for n, line in enumerate(raw[:-2].split(b"\r\n"), 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n}: bare CR or LF (lines must end with CRLF)")
        if len(line) > 75:
            fail(f"line {n}: {len(line)} octets, more than 75")
        try:  # RFC 5545 3.1: folding SHOULD NOT split a multi-octet character
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"line {n}: folding splits a UTF-8 character")
    try:
        text = re.sub(rb"\r\n[ \t]", b"", raw).decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"unfolded text is not valid UTF-8: {e}")
    check_content_lines(text.split("\r\n")[:-1])


def check_content_lines(lines):
    """What icalendar lets pass: BEGIN/END nesting, and TEXT escaping (RFC 5545 3.3.11)."""
    stack, calendars = [], 0
    for line in lines:
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if not stack and (name, value, calendars) != ("BEGIN", "VCALENDAR", 0):
            fail(f"{line!r} outside the one VCALENDAR")
        if name == "BEGIN":
            calendars += value == "VCALENDAR"
            stack.append(value)
        elif name == "END":
            if stack.pop() != value:
                fail(f"{line!r} does not close the open component")
        elif name in TEXT_PROPS:
            # Tokens: an escape (backslash + one char) or a bare , or ;
            for token in re.findall(r"\\.?|[,;]", value):
                if token not in ("\\\\", "\\;", "\\,", "\\n", "\\N"):
                    fail(f"{name}: bad escape or unescaped {token!r} in {value!r}")
    if stack:
        fail(f"unclosed components {stack}")


def parse_strict(raw):
    """icalendar records some property errors instead of raising: treat any as fatal."""
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # noqa: BLE001 - any parse error is a failure
        fail(f"icalendar cannot parse the file: {e}")
    for comp in cal.walk():
        if comp.errors:
            fail(f"icalendar parse errors in {comp.name}: {comp.errors}")
    return cal


def duration(vevent):
    """DTEND - DTSTART: days for dates, elapsed time for date-times (RFC 5545 3.8.5.3)."""
    start = vevent["DTSTART"].dt
    if "DTEND" not in vevent:  # RFC 5545 3.6.1: a date lasts one day, a date-time none
        return dt.timedelta(0 if isinstance(start, dt.datetime) else 1)
    end = vevent["DTEND"].dt
    if isinstance(start, dt.datetime):  # same-tzinfo subtraction would ignore the offsets
        start, end = start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)
    return end - start


def vtimezone_offsets(cal):
    """TZID -> sorted [(onset in UTC, offset)], from the observances themselves."""
    zones = {}
    for tz in cal.walk("VTIMEZONE"):
        tzid = str(tz["TZID"])
        onsets = []
        for obs in tz.subcomponents:
            if obs.name not in ("STANDARD", "DAYLIGHT"):
                continue
            if "RRULE" in obs or "RDATE" in obs:
                # The tool writes one observance per transition; rules would need expansion.
                fail(f"VTIMEZONE {tzid}: observance with RRULE/RDATE, not expected")
            start = obs["DTSTART"].dt  # local wall time, in the offset before the change
            frm = obs["TZOFFSETFROM"].td
            onsets.append((start.replace(tzinfo=dt.timezone.utc) - frm, obs["TZOFFSETTO"].td))
        if not onsets:
            fail(f"VTIMEZONE {tzid} has no observances")
        zones[tzid] = sorted(onsets)
    return zones


def vtimezone_offset_at(zones, tzid, instant):
    """The offset of the last observance whose onset is <= instant."""
    found = None
    for onset, offset in zones[tzid]:
        if onset <= instant:
            found = offset
    if found is None:
        fail(f"VTIMEZONE {tzid} does not cover {instant.isoformat()} (before its first observance)")
    return found


def main(plan_path, ics_path):
    plan = json.load(open(plan_path, encoding="utf-8"))
    raw = open(ics_path, "rb").read()
    check_lines(raw)
    cal = parse_strict(raw)
    agenda_id = plan["agenda"]["id"]
    entries = plan["events"]

    # The VEVENTs themselves: unique UIDs, DTSTAMP, finite rules, instants without DTEND.
    vevents = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        if not uid:
            fail("a VEVENT has no UID")
        if uid in vevents:
            fail(f"UID {uid} appears in more than one VEVENT")
        if "DTSTAMP" not in ev:
            fail(f"{uid}: no DTSTAMP")
        rrule = ev.get("RRULE")
        if rrule and not ("COUNT" in rrule or "UNTIL" in rrule):
            fail(f"{uid}: RRULE without COUNT or UNTIL, but the plan is finite")
        vevents[uid] = ev

    # Expand over a window well beyond the plan, so a stray occurrence shows up.
    starts = [dt.datetime.fromisoformat(e["start"]) for e in entries]
    ends = [dt.datetime.fromisoformat(e["end"]) for e in entries]
    lo = (min(starts) if starts else dt.datetime(2000, 1, 1)).date().replace(day=1)
    hi = (max(ends) if ends else dt.datetime(2000, 1, 1)).date().replace(day=1)
    occurrences = recurring_ical_events.of(cal).between(
        lo.replace(year=lo.year - 10), hi.replace(year=hi.year + 10))

    def key(uid, start):
        # All-day: the date. Timed: the instant, in UTC, so zones do not matter.
        if isinstance(start, dt.datetime):
            return (uid, start.astimezone(dt.timezone.utc))
        return (uid, start)

    by_key = {}
    for occ in occurrences:
        k = key(str(occ["UID"]), occ["DTSTART"].dt)
        if k in by_key:
            fail(f"two occurrences of {k[0]} start at {k[1]}")
        by_key[k] = occ

    zones = vtimezone_offsets(cal)
    zone_checks = set()
    matched = set()
    for e in entries:
        uid = f"{e['occurrence_of'] or e['id']}@{agenda_id}"
        start = dt.datetime.fromisoformat(e["start"])
        end = dt.datetime.fromisoformat(e["end"])
        want = key(uid, start.date() if e["all_day"] else start)
        occ = by_key.get(want)
        if occ is None:
            fail(f"{e['id']}: no occurrence of UID {uid} starting {want[1]} in the ics")
        matched.add(want)
        src = vevents[uid]
        if str(occ.get("SUMMARY")) != e["title"]:
            fail(f"{e['id']}: SUMMARY {str(occ.get('SUMMARY'))!r} != title {e['title']!r}")
        o_start = occ["DTSTART"].dt
        # RFC 5545 3.8.5.3: every occurrence lasts the exact duration of DTEND - DTSTART.
        # recurring_ical_events adds it in wall time (wrong across a DST change): redo it.
        length = duration(src)
        if isinstance(o_start, dt.datetime):
            o_end = (o_start.astimezone(dt.timezone.utc) + length).astimezone(o_start.tzinfo)
        else:
            o_end = o_start + length
        if e["all_day"]:
            # Exclusive DATE end: the local midnight after the last day.
            if isinstance(o_start, dt.datetime) or isinstance(o_end, dt.datetime):
                fail(f"{e['id']}: all-day in the plan but timed in the ics")
            if o_end != end.date():
                fail(f"{e['id']}: DTEND {o_end} != plan end {end.date()} (exclusive)")
            continue
        if not isinstance(o_start, dt.datetime):
            fail(f"{e['id']}: timed in the plan but all-day in the ics")
        if o_end != end:  # aware datetimes compare as instants
            fail(f"{e['id']}: ends {o_end.isoformat()} in the ics, {e['end']} in the plan")
        if start == end and "DTEND" in src:
            fail(f"{e['id']}: an instant, but its VEVENT has a DTEND")
        for prop in ("DTSTART", "DTEND"):
            if prop not in src:
                continue
            tzid = src[prop].params.get("TZID")
            if tzid is None:
                # UTC form: for UTC zones, and for series repeating every N hours/minutes.
                freq = (src.get("RRULE") or {}).get("FREQ", [None])[0]
                if src[prop].dt.utcoffset() != dt.timedelta(0) or not (
                        e["timezone"] in UTC_NAMES or freq in SUBDAILY):
                    fail(f"{e['id']}: {prop} has no TZID; expected TZID={e['timezone']}")
                continue
            if tzid != e["timezone"]:
                fail(f"{e['id']}: {prop} TZID={tzid}, plan zone is {e['timezone']}")
            if tzid not in zones:
                fail(f"{e['id']}: TZID={tzid} has no VTIMEZONE")
            # The VTIMEZONE must give the same offset as zoneinfo at both ends.
            for t in (start, end):
                got = vtimezone_offset_at(zones, tzid, t.astimezone(dt.timezone.utc))
                real = t.astimezone(ZoneInfo(tzid)).utcoffset()
                if got != real:
                    fail(f"{e['id']}: VTIMEZONE {tzid} gives {got} at {t.isoformat()}, "
                         f"zoneinfo {real}")
                zone_checks.add((tzid, t))

    extra = sorted(set(by_key) - matched, key=str)
    if extra:
        fail(f"{len(extra)} occurrence(s) in the ics not in the plan, first: {extra[0]}")
    n_zones = len({z for z, _ in zone_checks})
    print(f"ics: {len(entries)} occurrences of {len(vevents)} events match the plan; "
          f"{n_zones} zones checked at {len(zone_checks)} instants")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    main(sys.argv[1], sys.argv[2])
