// Read calendars with Mozilla's ical.js (Thunderbird's parser) and print their events as JSON.
// Usage: node icaljs_events.js FILE...
const fs = require("fs");
const ICAL = require("ical.js");

const out = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  out[file] = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = vevent.getFirstProperty("dtstart");
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate ? event.endDate.toString() : null,
      tzid: start.getParameter("tzid") || null,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
    };
  });
}
process.stdout.write(JSON.stringify(out));
