// An independent iCalendar reader for the interoperability test: ical.js (the parser behind
// Thunderbird's and several web calendars), run by node.
//
// usage: node ical_check.mjs UNTIL_ISO FILE...
// Prints JSON: {files: {FILE: {error} | {timezones, events}}}. Each event lists what ical.js read
// (UID, SUMMARY, STATUS, SEQUENCE, DTSTART/DTEND as UTC and local, properties) and, for a series,
// its occurrences up to UNTIL with the exceptions (RECURRENCE-ID) applied.
import fs from "node:fs";
import ICAL from "ical.js";

const [until, ...files] = process.argv.slice(2);
const limit = ICAL.Time.fromJSDate(new Date(until), true);

function when(time) {
  if (!time) return null;
  return {
    utc: time.isDate ? null : time.toJSDate().toISOString(),
    local: time.toString(),
    isDate: time.isDate,
    tzid: time.zone ? time.zone.tzid : null,
  };
}

function read(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  const timezones = root.getAllSubcomponents("vtimezone").map((vtz) => {
    const zone = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(zone);
    return zone.tzid;
  });
  const vevents = root.getAllSubcomponents("vevent");
  const masters = new Map();
  const exceptions = [];
  for (const vevent of vevents) {
    if (vevent.hasProperty("recurrence-id")) exceptions.push(vevent);
    else masters.set(vevent.getFirstPropertyValue("uid"), new ICAL.Event(vevent));
  }
  for (const vevent of exceptions) {
    const master = masters.get(vevent.getFirstPropertyValue("uid"));
    if (master) master.relateException(vevent);
  }
  const describe = (vevent) => {
    const event = new ICAL.Event(vevent);
    const geo = vevent.getFirstPropertyValue("geo");
    const organizer = vevent.getFirstProperty("organizer");
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: vevent.getFirstPropertyValue("status"),
      sequence: event.sequence,
      dtstamp: vevent.hasProperty("dtstamp")
        ? vevent.getFirstPropertyValue("dtstamp").toJSDate().toISOString()
        : null,
      start: when(event.startDate),
      end: when(event.endDate),
      url: vevent.getFirstPropertyValue("url"),
      geo: geo || null,
      organizer: organizer
        ? { value: organizer.getFirstValue(), cn: organizer.getParameter("cn") }
        : null,
      categories: vevent
        .getAllProperties("categories")
        .flatMap((prop) => prop.getValues()),
      recurrenceId: when(vevent.getFirstPropertyValue("recurrence-id")),
      isRecurring: event.isRecurring(),
    };
  };
  const events = vevents.map(describe);
  for (const [uid, master] of masters) {
    if (!master.isRecurring()) continue;
    const occurrences = [];
    const iterator = master.iterator();
    let next;
    while ((next = iterator.next()) && next.compare(limit) < 0 && occurrences.length < 500) {
      const details = master.getOccurrenceDetails(next);
      occurrences.push({
        recurrenceId: when(details.recurrenceId),
        start: when(details.startDate),
        end: when(details.endDate),
        status: details.item.component.getFirstPropertyValue("status"),
      });
    }
    events.find((e) => e.uid === uid && !e.recurrenceId).occurrences = occurrences;
  }
  return { timezones, events };
}

const result = { files: {} };
for (const file of files) {
  try {
    result.files[file] = read(fs.readFileSync(file, "utf8"));
  } catch (error) {
    result.files[file] = { error: String(error && error.stack ? error.stack : error) };
  }
}
process.stdout.write(JSON.stringify(result));
