package org.warmline.administration;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.util.CompatibilityHints;
import org.warmline.administration.CalendarFileException.Location;
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
 * <li><b>iCalendar</b> ({@code .ics}), read with ical4j: every {@code VEVENT} covers whole days, either all-day
 * ({@code DTSTART;VALUE=DATE:20270101}) or timed from midnight to midnight in its time zone
 * ({@code DTSTART;TZID=Asia/Shanghai:20270101T000000}, a UTC time in the scheme's zone), ending at {@code DTEND}
 * (exclusive, RFC 5545) or after a {@code DURATION}, one day without either; a multi-day event gives each of its days.
 * Whether its days are days off or make-up working days (调休上班) is read from {@code CATEGORIES}, then from
 * {@code SUMMARY}: a working day when it says 调休, 补班, 上班 or 班, or in English work day, working day, make-up;
 * checked first, since 调休上班 also holds 休; a day off when it says 休, 假 or 放假, or holiday, day off, off. An
 * event that says neither is a problem, not a guess. Events of other years (a feed of several years) are left out
 * and counted.</li>
 * </ul>
 * Checked: the file is at most {@value #MAX_BYTES} bytes of UTF-8, every date is a real date, no day is both a day off
 * and a working day, at most 366 days. Problems name the file and the entry (JSON path, or event and its summary).
 */
final class HolidayFile {

    static final int MAX_BYTES = 1_000_000;
    private static final int MAX_NAME = 40;
    private static final int MAX_EVENT_DAYS = 31;
    private static final int MAX_PROBLEMS = 50;

    /** One listed date: a day off ({@code off}) or a working day, with the holiday's name. */
    record Day(LocalDate date, String name, boolean off) {
    }

    /**
     * A checked year: its listed days by date, and the days of other years that an iCalendar file also listed (left
     * out).
     */
    record Parsed(int year, List<Day> days, int otherYearDays) {

        Parsed(int year, List<Day> days) {
            this(year, days, 0);
        }

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
    private int otherYearDays;

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
        return read(fileName, bytes, year, ZoneId.of("Asia/Shanghai"));
    }

    /** As {@link #read(String, byte[], int)}, UTC times of an iCalendar file read in {@code zone}. */
    static Parsed read(String fileName, byte[] bytes, int year, ZoneId zone) {
        HolidayFile reader = new HolidayFile(fileName, year);
        reader.zone = zone;
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
        return new Parsed(year, List.copyOf(reader.days.values()), reader.otherYearDays);
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

    private void problem(Location where, String key, Object... args) {
        if (problems.size() <= MAX_PROBLEMS) {
            problems.add(new Problem(file, where, key, args));
        }
    }

    private static Location path(String path) {
        return new Location("calendar.where.path", path);
    }

    /** Adds one date, checking the year and a day given both ways. */
    private void add(LocalDate date, String name, boolean off, Location where) {
        if (date.getYear() != year) {
            problem(where, "calendar.problem.outsideYear", date.toString(), Integer.toString(year));
            return;
        }
        Day earlier = days.get(date);
        if (earlier != null) {
            if (earlier.off() != off) {
                problem(where, "calendar.problem.both", date.toString());
            }
            return;
        }
        if (days.size() >= 366) {
            problem(where, "calendar.problem.tooManyDays");
            return;
        }
        String label = name == null || name.isBlank() ? (off ? "休" : "班") : name.strip();
        days.put(date, new Day(date, label.length() > MAX_NAME ? label.substring(0, MAX_NAME) : label, off));
    }

    // ------------------------------------------------------------------------------------------------- JSON

    private void json(String text) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            problem(null, "calendar.problem.notJson", e.getOriginalMessage());
            return;
        }
        if (root == null || !root.isObject()) {
            problem(null, "calendar.problem.notJsonObject");
            return;
        }
        JsonNode fileYear = root.path("year");
        if (!fileYear.isIntegralNumber()) {
            problem(path("year"), "calendar.problem.yearMissing");
        } else if (fileYear.asLong() != year) {
            problem(path("year"), "calendar.problem.wrongYear", fileYear.asString(), Integer.toString(year));
        }
        JsonNode list = root.path("days");
        if (!list.isArray()) {
            problem(path("days"), "calendar.problem.daysMissing");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode day = list.get(i);
            String at = "days[" + i + "]";
            if (!day.isObject()) {
                problem(path(at), "calendar.problem.notAnEntry");
                continue;
            }
            JsonNode off = day.path("isOffDay");
            JsonNode date = day.path("date");
            JsonNode name = day.path("name");
            LocalDate parsed = null;
            if (!date.isString()) {
                problem(path(at + ".date"), "calendar.problem.dateMissing");
            } else {
                try {
                    parsed = LocalDate.parse(date.asString());
                } catch (DateTimeParseException e) {
                    problem(path(at + ".date"), "calendar.problem.badDate", shorten(date.asString()));
                }
            }
            if (!off.isBoolean()) {
                problem(path(at + ".isOffDay"), "calendar.problem.offMissing");
            }
            if (!name.isMissingNode() && !name.isNull() && !name.isString()) {
                problem(path(at + ".name"), "calendar.problem.badName");
            }
            if (parsed != null && off.isBoolean()) {
                add(parsed, name.isString() ? name.asString() : null, off.asBoolean(), path(at + ".date"));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- iCalendar

    static {
        // a published feed is read as it is (folding, quirks of common writers); no time zone is fetched from anywhere
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    /** The zone of UTC times in a feed (a holiday is a day of the scheme's zone). */
    private ZoneId zone = ZoneId.of("Asia/Shanghai");

    private void ics(String text) {
        net.fortuna.ical4j.model.Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            problem(e.getLineNo() > 0 ? new Location("calendar.where.line", e.getLineNo()) : null,
                    "calendar.problem.notIcs", shorten(rootMessage(e)));
            return;
        } catch (IOException | RuntimeException e) {
            problem(null, "calendar.problem.notIcs", shorten(rootMessage(e)));
            return;
        }
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        for (int i = 0; i < events.size(); i++) {
            try {
                event(events.get(i), i + 1);
            } catch (RuntimeException e) {
                problem(new Location("calendar.where.event", i + 1, summaryOf(events.get(i))),
                        "calendar.problem.badEvent", shorten(rootMessage(e)));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage() == null ? e.getMessage() : t.getMessage());
    }

    private static String summaryOf(VEvent event) {
        return event.getProperty(Property.SUMMARY).map(Property::getValue).map(HolidayFile::shorten).orElse("");
    }

    private void event(VEvent event, int number) {
        String summary = event.<Summary>getProperty(Property.SUMMARY).map(Summary::getValue).orElse(null);
        Location at = new Location("calendar.where.event", number, summary == null ? "" : shorten(summary));
        if (event.getProperty(Property.RRULE).isPresent() || event.getProperty(Property.RDATE).isPresent()) {
            problem(at, "calendar.problem.repeating");
            return;
        }
        Optional<DtStart<Temporal>> start = event.getProperty(Property.DTSTART);
        if (start.isEmpty() || start.get().getDate() == null) {
            problem(at, "calendar.problem.noStart");
            return;
        }
        Temporal from = start.get().getDate();
        Optional<DtEnd<Temporal>> endProperty = event.getProperty(Property.DTEND);
        Optional<net.fortuna.ical4j.model.property.Duration> duration = event.getProperty(Property.DURATION);
        Temporal until;
        if (endProperty.isPresent() && endProperty.get().getDate() != null) {
            until = endProperty.get().getDate();
        } else if (duration.isPresent()) {
            until = from.plus(duration.get().getDuration());
        } else if (from instanceof LocalDate day) {
            until = day.plusDays(1);
        } else {
            problem(at, "calendar.problem.notWholeDays", shown(from), shown(from));
            return;
        }
        LocalDate first = wholeDay(from);
        LocalDate end = wholeDay(until);
        if (first == null || end == null || (from instanceof LocalDate) != (until instanceof LocalDate)) {
            problem(at, "calendar.problem.notWholeDays", shown(from), shown(until));
            return;
        }
        if (!end.isAfter(first)) {
            problem(at, "calendar.problem.endBeforeStart", first.toString(), end.toString());
            return;
        }
        if (end.toEpochDay() - first.toEpochDay() > MAX_EVENT_DAYS) {
            problem(at, "calendar.problem.eventTooLong", MAX_EVENT_DAYS);
            return;
        }
        List<String> categories = new ArrayList<>();
        for (Property p : event.getProperties(Property.CATEGORIES)) {
            for (String c : ((Categories) p).getCategories().getTexts()) {
                categories.add(c.strip());
            }
        }
        Boolean off = kind(categories, summary);
        if (off == null) {
            problem(at, "calendar.problem.kindUnknown", shorten(summary == null ? "" : summary));
            return;
        }
        String name = summary == null ? null : NAME_MARKS.matcher(summary).replaceAll("").strip();
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            if (d.getYear() != year) {
                otherYearDays++;
                continue;
            }
            add(d, name, off, at);
        }
    }

    /** The marks that say what a day is, left out of its name: 元旦（休）, 春节调休上班, 国庆节补班 → 元旦, 春节, 国庆节. */
    private static final Pattern NAME_MARKS = Pattern.compile("[（(]?(调休上班|调休|补班|上班|放假|休息|休|班)[）)]?$");

    /**
     * The date a whole-day boundary falls on: a date, or a time at midnight in its own zone (a floating time as it
     * is, a UTC time in the scheme's zone); null when it is not at midnight.
     */
    private LocalDate wholeDay(Temporal t) {
        java.time.LocalDateTime local;
        if (t instanceof LocalDate d) {
            return d;
        } else if (t instanceof java.time.LocalDateTime l) {
            local = l;
        } else if (t instanceof ZonedDateTime z) {
            local = z.getZone().normalized() instanceof ZoneOffset offset && offset.getTotalSeconds() == 0
                    ? z.withZoneSameInstant(zone).toLocalDateTime() : z.toLocalDateTime();
        } else if (t instanceof OffsetDateTime o) {
            local = o.getOffset().getTotalSeconds() == 0 ? o.atZoneSameInstant(zone).toLocalDateTime()
                    : o.toLocalDateTime();
        } else if (t instanceof Instant i) {
            local = i.atZone(zone).toLocalDateTime();
        } else {
            return null;
        }
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate() : null;
    }

    private static String shown(Temporal t) {
        return shorten(String.valueOf(t));
    }

    private static final List<String> WORKING_WORDS = List.of("调休", "补班", "上班", "班", "WORKDAY", "WORK DAY",
            "WORKING DAY", "WORKING", "WORK", "MAKE-UP", "MAKEUP", "MAKE UP");
    private static final List<String> OFF_WORDS = List.of("放假", "休", "假", "HOLIDAY", "DAY OFF", "OFF");

    /**
     * Whether an event's days are off (true), working (false), or unknown (null), from its categories and, when they
     * say nothing, its summary; working words first (调休上班 holds 休), see the class comment.
     */
    static Boolean kind(List<String> categories, String summary) {
        for (String c : categories) {
            Boolean kind = words(c);
            if (kind != null) {
                return kind;
            }
        }
        return summary == null ? null : words(summary);
    }

    private static Boolean words(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (String word : WORKING_WORDS) {
            if (contains(upper, word)) {
                return false;
            }
        }
        for (String word : OFF_WORDS) {
            if (contains(upper, word)) {
                return true;
            }
        }
        return null;
    }

    /** Whether the text holds the word: Chinese anywhere, English as a whole word. */
    private static boolean contains(String upper, String word) {
        if (word.charAt(0) > 0x7F) {
            return upper.contains(word);
        }
        return Pattern.compile("(^|[^A-Z])" + Pattern.quote(word) + "([^A-Z]|$)").matcher(upper).find();
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
