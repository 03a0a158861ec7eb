package org.warmline.administration;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.warmline.administration.CalendarFileException.Problem;
import org.warmline.calendar.HolidaySchedule;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A year's holiday file (节假日安排), read and checked before anything is stored. Two formats:
 * <ul>
 * <li><b>holiday-cn JSON</b> ({@code .json}), as shipped: {@code {"year": 2027, "days": [{"name": "元旦",
 * "date": "2027-01-01", "isOffDay": true}, …]}}.</li>
 * <li><b>iCalendar</b> ({@code .ics}): every {@code VEVENT} is an all-day event ({@code DTSTART;VALUE=DATE:20270101},
 * {@code DTEND} exclusive as RFC 5545 says, or a {@code DURATION} of whole days, or neither for one day). Whether its
 * days are days off or make-up working days (调休上班) is read from {@code CATEGORIES} when it holds {@code HOLIDAY} /
 * {@code 休} / {@code 假} or {@code WORKDAY} / {@code 班}; otherwise from {@code SUMMARY}: a summary with {@code 班}
 * (补班, 调休上班) is a working day — checked first, since 调休上班 also holds 休 — and one with {@code 休} or {@code 假}
 * (元旦（休）, 春节放假) a day off. An event that says neither is a problem, not a guess.</li>
 * </ul>
 * Checked: the file is at most {@value #MAX_BYTES} bytes of UTF-8, every date is a real date inside the year asked
 * for, no day is both a day off and a working day, at most 366 days. Every problem is reported at once, naming the file
 * and the entry (JSON path, or iCalendar line and event number).
 */
final class HolidayFile {

    static final int MAX_BYTES = 1_000_000;
    private static final int MAX_NAME = 40;
    private static final int MAX_EVENT_DAYS = 31;
    private static final int MAX_PROBLEMS = 50;
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern DURATION_DAYS = Pattern.compile("P(\\d{1,2})D");
    private static final Pattern WEEKS = Pattern.compile("P(\\d)W");

    /** One listed date: a day off ({@code off}) or a working day, with the holiday's name. */
    record Day(LocalDate date, String name, boolean off) {
    }

    /** A checked year: its listed days by date. */
    record Parsed(int year, List<Day> days) {

        HolidaySchedule schedule() {
            Map<LocalDate, Boolean> map = new LinkedHashMap<>();
            days.forEach(d -> map.put(d.date(), d.off()));
            return new HolidaySchedule(year, map);
        }

        /** The year as holiday-cn JSON, the form it is stored in. */
        String json() {
            ObjectMapper mapper = JsonMapper.builder().build();
            ObjectNode root = mapper.createObjectNode();
            root.put("year", year);
            ArrayNode array = root.putArray("days");
            for (Day d : days) {
                array.addObject().put("name", d.name()).put("date", d.date().toString()).put("isOffDay", d.off());
            }
            return mapper.writeValueAsString(root);
        }

        long offDays() {
            return days.stream().filter(Day::off).count();
        }

        long workingDays() {
            return days.size() - offDays();
        }
    }

    private final String file;
    private final int year;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<LocalDate, Day> days = new TreeMap<>();
    private final Map<LocalDate, String> firstSeenAt = new LinkedHashMap<>();

    private HolidayFile(String file, int year) {
        this.file = file;
        this.year = year;
    }

    /**
     * Reads a holiday file for {@code year}, JSON or iCalendar by its name's ending.
     *
     * @throws CalendarFileException with every problem when it cannot be imported
     */
    static Parsed read(String fileName, byte[] bytes, int year) {
        HolidayFile reader = new HolidayFile(fileName, year);
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        if (!json && !lower.endsWith(".ics")) {
            throw new CalendarFileException(List.of(new Problem(fileName, "calendar.problem.type")));
        }
        if (bytes.length == 0) {
            throw new CalendarFileException(List.of(new Problem(fileName, "calendar.problem.empty")));
        }
        if (bytes.length > MAX_BYTES) {
            throw new CalendarFileException(List.of(new Problem(fileName, "calendar.problem.tooLarge", Integer.toString(MAX_BYTES))));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CalendarFileException(List.of(new Problem(fileName, "calendar.problem.notUtf8")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (json) {
            reader.json(text);
        } else {
            reader.ics(text);
        }
        if (reader.problems.isEmpty() && reader.days.isEmpty()) {
            reader.problems.add(new Problem(fileName, "calendar.problem.noDays"));
        }
        if (!reader.problems.isEmpty()) {
            throw new CalendarFileException(reader.problems.subList(0, Math.min(MAX_PROBLEMS, reader.problems.size())));
        }
        return new Parsed(year, List.copyOf(reader.days.values()));
    }

    /** Reads a shipped schedule (trusted, but read the same way so its names are known). */
    static Parsed shipped(int year) {
        try (var in = HolidaySchedule.class.getResourceAsStream(year + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no shipped holiday schedule " + year);
            }
            return read(year + ".json", in.readAllBytes(), year);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the shipped holiday schedule " + year, e);
        }
    }

    private void problem(String where, String key, Object... args) {
        if (problems.size() <= MAX_PROBLEMS) {
            problems.add(new Problem(where.isEmpty() ? file : file + ": " + where, key, args));
        }
    }

    /** Adds one date, checking the year and a day given both ways. */
    private void add(LocalDate date, String name, boolean off, String where) {
        if (date.getYear() != year) {
            problem(where, "calendar.problem.outsideYear", date.toString(), Integer.toString(year));
            return;
        }
        Day earlier = days.get(date);
        if (earlier != null) {
            if (earlier.off() != off) {
                problem(where, "calendar.problem.both", date.toString(), firstSeenAt.get(date));
            }
            return;
        }
        if (days.size() >= 366) {
            problem(where, "calendar.problem.tooManyDays");
            return;
        }
        String label = name == null || name.isBlank() ? (off ? "休" : "班") : name.strip();
        days.put(date, new Day(date, label.length() > MAX_NAME ? label.substring(0, MAX_NAME) : label, off));
        firstSeenAt.put(date, where);
    }

    // ------------------------------------------------------------------------------------------------- JSON

    private void json(String text) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            problem("", "calendar.problem.notJson", e.getOriginalMessage());
            return;
        }
        if (root == null || !root.isObject()) {
            problem("", "calendar.problem.notJson", "an object {\"year\": …, \"days\": […]} is expected");
            return;
        }
        JsonNode fileYear = root.path("year");
        if (!fileYear.isIntegralNumber()) {
            problem("year", "calendar.problem.yearMissing");
        } else if (fileYear.asLong() != year) {
            problem("year", "calendar.problem.wrongYear", fileYear.asString(), Integer.toString(year));
        }
        JsonNode list = root.path("days");
        if (!list.isArray()) {
            problem("days", "calendar.problem.daysMissing");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode day = list.get(i);
            String at = "days[" + i + "]";
            if (!day.isObject()) {
                problem(at, "calendar.problem.notAnEntry");
                continue;
            }
            JsonNode off = day.path("isOffDay");
            JsonNode date = day.path("date");
            JsonNode name = day.path("name");
            LocalDate parsed = null;
            if (!date.isString()) {
                problem(at + ".date", "calendar.problem.dateMissing");
            } else {
                try {
                    parsed = LocalDate.parse(date.asString());
                } catch (DateTimeParseException e) {
                    problem(at + ".date", "calendar.problem.badDate", shorten(date.asString()));
                }
            }
            if (!off.isBoolean()) {
                problem(at + ".isOffDay", "calendar.problem.offMissing");
            }
            if (!name.isMissingNode() && !name.isNull() && !name.isString()) {
                problem(at + ".name", "calendar.problem.badName");
            }
            if (parsed != null && off.isBoolean()) {
                add(parsed, name.isString() ? name.asString() : null, off.asBoolean(), at + ".date");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- iCalendar

    /** An unfolded content line and the physical line it starts on. */
    private record Line(int number, String name, Map<String, String> params, String value) {
    }

    private void ics(String text) {
        List<Line> lines = unfold(text);
        if (lines.isEmpty() || !lines.get(0).name().equals("BEGIN") || !lines.get(0).value().equalsIgnoreCase("VCALENDAR")) {
            problem("", "calendar.problem.notIcs");
            return;
        }
        int event = 0;
        List<Line> current = null;
        boolean ended = false;
        int depth = 0;
        for (Line line : lines.subList(1, lines.size())) {
            if (ended) {
                break;
            }
            if (line.name().equals("BEGIN") && line.value().equalsIgnoreCase("VEVENT")) {
                if (current != null) {
                    problem("line " + line.number(), "calendar.problem.nestedEvent");
                }
                event++;
                current = new ArrayList<>();
                current.add(line);
            } else if (line.name().equals("END") && line.value().equalsIgnoreCase("VEVENT")) {
                if (current == null) {
                    problem("line " + line.number(), "calendar.problem.strayEnd");
                } else {
                    event(current, event);
                    current = null;
                }
            } else if (current != null) {
                if (line.name().equals("BEGIN")) {
                    depth++;
                } else if (line.name().equals("END") && depth > 0) {
                    depth--;
                } else if (depth == 0) {
                    current.add(line);
                }
            } else if (line.name().equals("END") && line.value().equalsIgnoreCase("VCALENDAR")) {
                ended = true;
            }
        }
        if (current != null) {
            problem("line " + current.get(0).number() + " (event " + event + ")", "calendar.problem.unclosedEvent");
        }
        if (!ended) {
            problem("", "calendar.problem.unclosedCalendar");
        }
    }

    private static List<Line> unfold(String text) {
        List<Line> out = new ArrayList<>();
        String[] physical = text.split("\r\n|\n|\r", -1);
        StringBuilder logical = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String raw = physical[i];
            if (logical != null && !raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t')) {
                logical.append(raw, 1, raw.length());
                continue;
            }
            if (logical != null) {
                out.add(line(start, logical.toString()));
            }
            logical = raw.isBlank() ? null : new StringBuilder(raw);
            start = i + 1;
        }
        if (logical != null) {
            out.add(line(start, logical.toString()));
        }
        return out;
    }

    /** Splits {@code NAME;PARAM=V;PARAM="V":value} (a colon inside quotes belongs to the parameter). */
    private static Line line(int number, String text) {
        int colon = -1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                colon = i;
                break;
            }
        }
        String head = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        String[] parts = head.split(";");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                params.put(parts[i].substring(0, eq).trim().toUpperCase(Locale.ROOT),
                        parts[i].substring(eq + 1).replace("\"", "").trim());
            }
        }
        return new Line(number, parts[0].trim().toUpperCase(Locale.ROOT), params, value.trim());
    }

    private void event(List<Line> lines, int event) {
        String at = "line " + lines.get(0).number() + " (event " + event + ")";
        Line start = null;
        Line end = null;
        Line duration = null;
        String summary = null;
        List<String> categories = new ArrayList<>();
        for (Line line : lines) {
            switch (line.name()) {
                case "DTSTART" -> start = line;
                case "DTEND" -> end = line;
                case "DURATION" -> duration = line;
                case "SUMMARY" -> summary = unescape(line.value());
                case "CATEGORIES" -> {
                    for (String c : line.value().split(",")) {
                        categories.add(unescape(c).strip().toUpperCase(Locale.ROOT));
                    }
                }
                case "RRULE", "RDATE" -> problem("line " + line.number() + " (event " + event + "): " + line.name(),
                        "calendar.problem.repeating");
                default -> {
                    // other properties (UID, DTSTAMP, DESCRIPTION, …) are not needed
                }
            }
        }
        if (start == null) {
            problem(at + ": DTSTART", "calendar.problem.noStart");
            return;
        }
        LocalDate from = date(start, event, "calendar.problem.notAllDay");
        if (from == null) {
            return;
        }
        LocalDate until;
        if (end != null) {
            until = date(end, event, "calendar.problem.notAllDay");
            if (until == null) {
                return;
            }
        } else if (duration != null) {
            Matcher days = DURATION_DAYS.matcher(duration.value());
            Matcher weeks = WEEKS.matcher(duration.value());
            if (days.matches()) {
                until = from.plusDays(Integer.parseInt(days.group(1)));
            } else if (weeks.matches()) {
                until = from.plusWeeks(Integer.parseInt(weeks.group(1)));
            } else {
                problem(where(duration, event), "calendar.problem.badDuration", shorten(duration.value()));
                return;
            }
        } else {
            until = from.plusDays(1);
        }
        if (!until.isAfter(from)) {
            problem(where(end != null ? end : duration, event), "calendar.problem.endBeforeStart",
                    from.toString(), until.toString());
            return;
        }
        if (until.toEpochDay() - from.toEpochDay() > MAX_EVENT_DAYS) {
            problem(at, "calendar.problem.eventTooLong", MAX_EVENT_DAYS);
            return;
        }
        Boolean off = kind(categories, summary);
        if (off == null) {
            problem(at + ": SUMMARY", "calendar.problem.kindUnknown", shorten(summary == null ? "" : summary));
            return;
        }
        String name = summary == null ? null : summary.replaceAll("[（(]?[休班][）)]?$", "").strip();
        for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
            add(d, name, off, where(start, event));
        }
    }

    /** Whether an event's days are off (true), working (false), or unknown (null); see the class comment. */
    static Boolean kind(List<String> categories, String summary) {
        for (String c : categories) {
            if (c.equals("HOLIDAY") || c.equals("OFF") || c.equals("休") || c.equals("假")) {
                return true;
            }
            if (c.equals("WORKDAY") || c.equals("WORKING") || c.equals("WORK") || c.equals("班")) {
                return false;
            }
        }
        if (summary == null) {
            return null;
        }
        if (summary.contains("班")) {
            return false;
        }
        if (summary.contains("休") || summary.contains("假")) {
            return true;
        }
        return null;
    }

    private LocalDate date(Line line, int event, String notAllDay) {
        String value = line.value();
        boolean dateOnly = "DATE".equalsIgnoreCase(line.params().get("VALUE"));
        if (!dateOnly && value.contains("T")) {
            problem(where(line, event), notAllDay, shorten(value));
            return null;
        }
        try {
            if (value.length() != 8) {
                throw new DateTimeParseException("not 8 digits", value, 0);
            }
            return LocalDate.parse(value, BASIC_DATE);
        } catch (DateTimeException e) {
            problem(where(line, event), "calendar.problem.badIcsDate", shorten(value));
            return null;
        }
    }

    private static String where(Line line, int event) {
        return "line " + line.number() + " (event " + event + "): " + line.name();
    }

    private static String unescape(String value) {
        return value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";")
                .replace("\\\\", "\\");
    }

    private static String shorten(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    /** Whether a date is a Saturday or Sunday. */
    static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
