package org.warmline.administration;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmline.calendar.HolidaySchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading a year's holiday file, JSON or iCalendar, including files that are wrong or hostile. */
class HolidayFileTest {

    static final String JSON_2027 = """
            {"year": 2027, "papers": [], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-02-06", "isOffDay": true},
              {"name": "春节", "date": "2027-02-07", "isOffDay": true},
              {"name": "春节", "date": "2027-02-13", "isOffDay": false}
            ]}""";

    static final String ICS_2027 = String.join("\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//holidays//CN",
            "BEGIN:VEVENT",
            "UID:1@test",
            "DTSTART;VALUE=DATE:20270101",
            "DTEND;VALUE=DATE:20270104",
            "SUMMARY:元旦（休）",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:2@test",
            "DTSTART;VALUE=DATE:20270213",
            "SUMMARY:春节调休上",
            " 班",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:3@test",
            "DTSTART;VALUE=DATE:20270206",
            "DURATION:P2D",
            "SUMMARY:Spring Festival",
            "CATEGORIES:HOLIDAY",
            "BEGIN:VALARM",
            "TRIGGER:-PT15M",
            "ACTION:DISPLAY",
            "END:VALARM",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART:20270214",
            "SUMMARY:Make-up day",
            "CATEGORIES:WORKDAY",
            "END:VEVENT",
            "END:VCALENDAR", "");

    private static HolidayFile.Parsed read(String name, String text, int year) {
        return HolidayFile.read(name, text.getBytes(StandardCharsets.UTF_8), year);
    }

    private static List<String> problems(String name, byte[] bytes, int year) {
        CalendarFileException e = catchThrowableOfType(CalendarFileException.class,
                () -> HolidayFile.read(name, bytes, year));
        assertThat(e).as("a problem is reported").isNotNull();
        return e.problems().stream().map(p -> p.file() + (p.location() == null ? ""
                : ": " + p.location().key() + " " + p.location().args()) + " " + p.key() + " " + p.args()).toList();
    }

    private static List<String> problems(String name, String text, int year) {
        return problems(name, text.getBytes(StandardCharsets.UTF_8), year);
    }

    private static Map<LocalDate, Boolean> offByDate(HolidayFile.Parsed parsed) {
        return parsed.days().stream().collect(Collectors.toMap(HolidayFile.Day::date, HolidayFile.Day::off));
    }

    @Test
    void theShippedJsonFilesReadTheSameAsTheCalendarModuleReadsThem() {
        for (var entry : HolidaySchedule.shipped().entrySet()) {
            HolidayFile.Parsed parsed = HolidayFile.shipped(entry.getKey());
            assertThat(parsed.schedule()).isEqualTo(entry.getValue());
            assertThat(parsed.days()).allSatisfy(d -> assertThat(d.name()).isNotBlank());
        }
    }

    @Test
    void aJsonYearReadsAndIsStoredAsJsonThatReadsBackTheSame() {
        HolidayFile.Parsed parsed = read("2027.json", JSON_2027, 2027);
        assertThat(offByDate(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of(LocalDate.of(2027, 1, 1), true,
                LocalDate.of(2027, 2, 6), true, LocalDate.of(2027, 2, 7), true, LocalDate.of(2027, 2, 13), false));
        assertThat(parsed.offDays()).isEqualTo(3);
        assertThat(parsed.workingDays()).isEqualTo(1);
        HolidayFile.Parsed again = read("stored.json", parsed.json(), 2027);
        assertThat(again).isEqualTo(parsed);
        assertThat(HolidaySchedule.parse(new java.io.ByteArrayInputStream(parsed.json()
                .getBytes(StandardCharsets.UTF_8)), "stored")).isEqualTo(parsed.schedule());
    }

    @Test
    void anIcsYearReadsAllDayEventsWithFoldingDurationsCategoriesAndSummaries() {
        HolidayFile.Parsed parsed = read("holidays.ics", ICS_2027, 2027);
        Map<LocalDate, Boolean> days = offByDate(parsed);
        // DTEND is exclusive: 1-3 January
        assertThat(days).containsEntry(LocalDate.of(2027, 1, 1), true).containsEntry(LocalDate.of(2027, 1, 3), true)
                .doesNotContainKey(LocalDate.of(2027, 1, 4));
        // a folded SUMMARY "春节调休上班" holds both 休 and 班: it is a working day; no DTEND is one day
        assertThat(days).containsEntry(LocalDate.of(2027, 2, 13), false);
        // DURATION:P2D with CATEGORIES:HOLIDAY, an alarm inside the event ignored
        assertThat(days).containsEntry(LocalDate.of(2027, 2, 6), true).containsEntry(LocalDate.of(2027, 2, 7), true)
                .doesNotContainKey(LocalDate.of(2027, 2, 8));
        assertThat(days).containsEntry(LocalDate.of(2027, 2, 14), false);
        assertThat(days).hasSize(7);
        assertThat(parsed.days()).filteredOn(d -> d.date().equals(LocalDate.of(2027, 1, 1)))
                .extracting(HolidayFile.Day::name).containsExactly("元旦");
        // LF line ends and a byte-order mark are read too
        assertThat(read("lf.ics", "\uFEFF" + ICS_2027.replace("\r\n", "\n"), 2027)).isEqualTo(parsed);
    }

    @Test
    void badDatesAreListedEachWithItsPlace() {
        String json = """
                {"year": 2027, "days": [
                  {"name": "x", "date": "2027-02-30", "isOffDay": true},
                  {"name": "x", "date": "27-1-1", "isOffDay": true},
                  {"name": "x", "isOffDay": true},
                  {"name": "x", "date": "2027-03-01", "isOffDay": "yes"},
                  {"name": "x", "date": "2027-03-02", "isOffDay": true}
                ]}""";
        assertThat(problems("bad.json", json, 2027)).containsExactly(
                "bad.json: calendar.where.path [days[0].date] calendar.problem.badDate [2027-02-30]",
                "bad.json: calendar.where.path [days[1].date] calendar.problem.badDate [27-1-1]",
                "bad.json: calendar.where.path [days[2].date] calendar.problem.dateMissing []",
                "bad.json: calendar.where.path [days[3].isOffDay] calendar.problem.offMissing []");
        // ical4j stops at the first date it cannot read, naming its line
        String ics = ICS_2027.replace("DTSTART;VALUE=DATE:20270213", "DTSTART;VALUE=DATE:20271332");
        assertThat(problems("bad.ics", ics, 2027)).singleElement().asString()
                .startsWith("bad.ics: calendar.where.line [12] calendar.problem.notIcs [");
        // a time of day that is not midnight: not a whole day, not guessed
        String timed = ICS_2027.replace("DTSTART:20270214", "DTSTART:20270214T090000");
        assertThat(problems("timed.ics", timed, 2027)).containsExactly("timed.ics: calendar.where.event [4, "
                + "Make-up day] calendar.problem.notWholeDays [2027-02-14T09:00, 2027-02-14T09:00]");
    }

    @Test
    void theWrongYearIsRefusedAndOtherYearsOfAFeedAreLeftOut() {
        assertThat(problems("2027.json", JSON_2027, 2028)).contains(
                "2027.json: calendar.where.path [year] calendar.problem.wrongYear [2027, 2028]",
                "2027.json: calendar.where.path [days[0].date] calendar.problem.outsideYear [2027-01-01, 2028]");
        // a feed of 2027 asked for 2026: nothing of 2026 in it
        assertThat(problems("holidays.ics", ICS_2027, 2026)).containsExactly(
                "holidays.ics calendar.problem.noDays []");
        // an event running over New Year: the days of 2027 taken, the one of 2026 left out and counted
        String over = ICS_2027.replace("DTSTART;VALUE=DATE:20270101", "DTSTART;VALUE=DATE:20261231");
        HolidayFile.Parsed parsed = read("over.ics", over, 2027);
        assertThat(offByDate(parsed)).containsEntry(LocalDate.of(2027, 1, 1), true)
                .doesNotContainKey(LocalDate.of(2026, 12, 31));
        assertThat(parsed.otherYearDays()).isEqualTo(1);
    }

    @Test
    void aDayCannotBeBothADayOffAndAWorkingDay() {
        String json = JSON_2027.replace("\"date\": \"2027-02-13\", \"isOffDay\": false",
                "\"date\": \"2027-02-06\", \"isOffDay\": false");
        assertThat(problems("both.json", json, 2027)).containsExactly(
                "both.json: calendar.where.path [days[3].date] calendar.problem.both [2027-02-06]");
        String ics = ICS_2027.replace("DTSTART:20270214", "DTSTART:20270102");
        assertThat(problems("both.ics", ics, 2027)).containsExactly(
                "both.ics: calendar.where.event [4, Make-up day] calendar.problem.both [2027-01-02]");
    }

    @Test
    void anEventThatSaysNeitherHolidayNorWorkingDayIsAProblemNotAGuess() {
        String ics = ICS_2027.replace("SUMMARY:元旦（休）", "SUMMARY:元旦");
        assertThat(problems("neither.ics", ics, 2027)).containsExactly(
                "neither.ics: calendar.where.event [1, 元旦] calendar.problem.kindUnknown [元旦]");
        assertThat(HolidayFile.kind(List.of(), "国庆节放假")).isTrue();
        assertThat(HolidayFile.kind(List.of(), "补班")).isFalse();
        assertThat(HolidayFile.kind(List.of(), "国庆节调休")).isFalse();
        assertThat(HolidayFile.kind(List.of(), "春节调休上班")).isFalse();
        assertThat(HolidayFile.kind(List.of(), "劳动节上班")).isFalse();
        assertThat(HolidayFile.kind(List.of(), "Working day (Spring Festival)")).isFalse();
        assertThat(HolidayFile.kind(List.of(), "Spring Festival Holiday")).isTrue();
        assertThat(HolidayFile.kind(List.of(), "Day off")).isTrue();
        assertThat(HolidayFile.kind(List.of(), "Office party")).as("no word: unknown").isNull();
        assertThat(HolidayFile.kind(List.of(), "国庆节")).isNull();
        assertThat(HolidayFile.kind(List.of("班"), "元旦（休）")).as("CATEGORIES wins").isFalse();
        assertThat(HolidayFile.kind(List.of("Holiday"), "Spring Festival")).isTrue();
    }

    @Test
    void brokenIcsStructureIsReported() {
        assertThat(problems("cut.ics", ICS_2027.substring(0, ICS_2027.indexOf("END:VEVENT")), 2027))
                .singleElement().asString().startsWith("cut.ics: calendar.where.line [9] calendar.problem.notIcs [");
        String repeating = ICS_2027.replace("UID:1@test", "RRULE:FREQ=YEARLY");
        assertThat(problems("rrule.ics", repeating, 2027)).containsExactly(
                "rrule.ics: calendar.where.event [1, 元旦（休）] calendar.problem.repeating []");
        String backwards = ICS_2027.replace("DTEND;VALUE=DATE:20270104", "DTEND;VALUE=DATE:20270101");
        assertThat(problems("back.ics", backwards, 2027)).containsExactly(
                "back.ics: calendar.where.event [1, 元旦（休）] calendar.problem.endBeforeStart [2027-01-01, 2027-01-01]");
        String long_ = ICS_2027.replace("DTEND;VALUE=DATE:20270104", "DTEND;VALUE=DATE:20271231");
        assertThat(problems("long.ics", long_, 2027)).containsExactly(
                "long.ics: calendar.where.event [1, 元旦（休）] calendar.problem.eventTooLong [31]");
        String noStart = ICS_2027.replace("DTSTART;VALUE=DATE:20270101\r\n", "");
        assertThat(problems("nostart.ics", noStart, 2027)).containsExactly(
                "nostart.ics: calendar.where.event [1, 元旦（休）] calendar.problem.noStart []");
    }

    /**
     * A published feed as calendar programs write it: its days as timed events from midnight to midnight in
     * Asia/Shanghai (with the feed's VTIMEZONE), or in UTC (16:00Z is midnight in Shanghai), several days in one
     * event, make-up working days in Chinese words; events of other years in the same feed.
     */
    @Test
    void aPublishedFeedWithTimedWholeDaysIsReadAsWholeDays() {
        String feed = String.join("\r\n",
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//China Holidays//ZH", "X-WR-TIMEZONE:Asia/Shanghai",
                "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE",
                "BEGIN:VEVENT", "UID:a@example", "DTSTAMP:20261101T000000Z",
                "DTSTART;TZID=Asia/Shanghai:20271001T000000", "DTEND;TZID=Asia/Shanghai:20271008T000000",
                "SUMMARY:国庆节 放假", "END:VEVENT",
                "BEGIN:VEVENT", "UID:b@example", "DTSTAMP:20261101T000000Z",
                "DTSTART;TZID=Asia/Shanghai:20270926T000000", "DTEND;TZID=Asia/Shanghai:20270927T000000",
                "SUMMARY:国庆节补班", "END:VEVENT",
                "BEGIN:VEVENT", "UID:c@example", "DTSTAMP:20261101T000000Z",
                "DTSTART:20270209T160000Z", "DTEND:20270211T160000Z", "SUMMARY:春节（休）", "END:VEVENT",
                "BEGIN:VEVENT", "UID:d@example", "DTSTAMP:20261101T000000Z",
                "DTSTART:20270213T000000", "DURATION:P1D", "SUMMARY:春节调休", "END:VEVENT",
                "BEGIN:VEVENT", "UID:e@example", "DTSTAMP:20251101T000000Z",
                "DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20260104", "SUMMARY:元旦 放假", "END:VEVENT",
                "END:VCALENDAR", "");
        HolidayFile.Parsed parsed = read("feed.ics", feed, 2027);
        Map<LocalDate, Boolean> days = offByDate(parsed);
        for (int d = 1; d <= 7; d++) {
            assertThat(days).containsEntry(LocalDate.of(2027, 10, d), true);
        }
        assertThat(days).doesNotContainKey(LocalDate.of(2027, 10, 8));
        assertThat(days).containsEntry(LocalDate.of(2027, 9, 26), false);
        assertThat(days).containsEntry(LocalDate.of(2027, 2, 10), true).containsEntry(LocalDate.of(2027, 2, 11), true)
                .doesNotContainKey(LocalDate.of(2027, 2, 9)).doesNotContainKey(LocalDate.of(2027, 2, 12));
        assertThat(days).containsEntry(LocalDate.of(2027, 2, 13), false);
        assertThat(days).hasSize(11);
        assertThat(parsed.otherYearDays()).isEqualTo(3);
        assertThat(parsed.days()).filteredOn(d -> d.date().equals(LocalDate.of(2027, 9, 26)))
                .extracting(HolidayFile.Day::name).containsExactly("国庆节");
        // the same feed an hour off midnight is refused, not rounded
        String shifted = feed.replace("20271001T000000", "20271001T010000");
        assertThat(problems("shifted.ics", shifted, 2027)).singleElement().asString()
                .contains("calendar.problem.notWholeDays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1, 2, 3]", "null", "\"text\"", "{\"year\": \"2027\"}", "<html></html>",
            "{\"year\": 2027, \"days\": {}}", "{\"year\": 2027, \"days\": [1, \"a\", null]}"})
    void garbageJsonIsReportedNotThrown(String text) {
        assertThat(problems("garbage.json", text, 2027)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("garbage.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "BEGIN:VEVENT\nEND:VEVENT", "BEGIN:VCALENDAR\nEND:VCALENDAR",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:\nSUMMARY:休\nEND:VEVENT\nEND:VCALENDAR",
            "BEGIN:VCALENDAR\nEND:VEVENT\nEND:VCALENDAR", "::::;;;;\n\n\n"})
    void garbageIcsIsReportedNotThrown(String text) {
        assertThat(problems("garbage.ics", text, 2027)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("garbage.ics"));
    }

    @Test
    void hugeBinaryEmptyAndWronglyNamedFilesAreRefusedBeforeParsing() {
        byte[] huge = new byte[HolidayFile.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(problems("huge.json", huge, 2027)).containsExactly("huge.json calendar.problem.tooLarge [1000000]");
        assertThat(problems("binary.ics", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3}, 2027))
                .containsExactly("binary.ics calendar.problem.notUtf8 []");
        assertThat(problems("empty.ics", new byte[0], 2027)).containsExactly("empty.ics calendar.problem.empty []");
        assertThat(problems("holidays.xlsx", JSON_2027, 2027))
                .containsExactly("holidays.xlsx calendar.problem.type []");
        // very many events (well under 1 MB): each date once, the file is read, never more than the year's days
        StringBuilder many = new StringBuilder("BEGIN:VCALENDAR\n");
        for (int i = 0; i < 5000; i++) {
            many.append("BEGIN:VEVENT\nDTSTART;VALUE=DATE:2027").append(String.format("%02d", i % 12 + 1))
                    .append("10\nSUMMARY:休\nEND:VEVENT\n");
        }
        many.append("END:VCALENDAR\n");
        assertThat(read("many.ics", many.toString(), 2027).days()).hasSize(12);
    }

    @Test
    void aProblemListIsBounded() {
        StringBuilder json = new StringBuilder("{\"year\": 2027, \"days\": [");
        for (int i = 0; i < 10_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"date\": \"nope\", \"isOffDay\": true}");
        }
        json.append("]}");
        assertThatThrownBy(() -> read("many.json", json.toString(), 2027))
                .isInstanceOfSatisfying(CalendarFileException.class, e -> assertThat(e.problems()).hasSize(50));
    }
}
