package org.warmline.administration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseIntake;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.scheme.SchemeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scheme versions and holiday calendars stored in the database, on H2 and PostgreSQL, with "today" fixed at
 * 2026-11-28 in Shanghai: upload, activation from a coming month, the version of a day and of a period, the desk's
 * clocks following the version of the case's day, and imported calendars over the shipped ones.
 */
class AdministrationStoresTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock TODAY = Clock.fixed(LocalDateTime.parse("2026-11-28T10:00").atZone(SHANGHAI).toInstant(),
            SHANGHAI);

    private record Fixture(JdbcClient jdbc, SchemeVersions versions, Calendars calendars) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        SchemeVersions versions = new SchemeVersions(new SchemeVersionStore(jdbc), TODAY);
        return new Fixture(jdbc, versions, new Calendars(new HolidayCalendarStore(jdbc), versions, TODAY, event -> { }));
    }

    private static int rows(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aVersionAppliesFromItsDayAndAPeriodKeepsTheVersionOfItsFirstDay(String name, Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        SchemeVersions versions = f.versions();
        assertThat(versions.forDay(LocalDate.of(2026, 11, 28)).version()).isEqualTo("default");
        assertThat(versions.list()).extracting(SchemeVersions.Listed::version).containsExactly("default");

        assertThat(versions.upload("v2027.yaml", Schemes.version("v2027", "PT60M"), "root")).isEqualTo("v2027");
        assertThat(versions.upload("v2027b.yml", Schemes.version("v2027b", "PT45M"), "root")).isEqualTo("v2027b");
        // uploaded, not active yet
        assertThat(versions.forDay(LocalDate.of(2030, 1, 1)).version()).isEqualTo("default");

        versions.activate("v2027", LocalDate.of(2026, 12, 1), "root");
        assertThat(versions.forDay(LocalDate.of(2026, 11, 30)).version()).isEqualTo("default");
        assertThat(versions.forDay(LocalDate.of(2026, 12, 1)).version()).isEqualTo("v2027");
        assertThat(versions.forDay(LocalDate.of(2026, 12, 1)).scheme().items().response().acceptance().allowance())
                .isEqualTo(Duration.ofMinutes(60));
        Period december = Period.month(YearMonth.of(2026, 12));
        assertThat(versions.forPeriod(december).version()).isEqualTo("v2027");
        assertThat(versions.forPeriod(Period.month(YearMonth.of(2026, 11))).version()).isEqualTo("default");
        assertThat(versions.forPeriod(Period.quarter(2026, 4))).as("Q4 begins on 1 October")
                .extracting(SchemeVersions.Active::version).isEqualTo("default");

        // a later version does not change the version of December: a result keeps the version it used
        versions.activate("v2027b", LocalDate.of(2027, 2, 1), "root");
        assertThat(versions.forPeriod(december).version()).isEqualTo("v2027");
        assertThat(versions.forPeriod(Period.month(YearMonth.of(2027, 1))).version()).isEqualTo("v2027");
        assertThat(versions.forPeriod(Period.month(YearMonth.of(2027, 2))).version()).isEqualTo("v2027b");
        assertThat(versions.forPeriod(Period.year(2027, 1)).version()).isEqualTo("v2027");
        assertThat(versions.timeline()).containsKeys(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 2, 1));

        // what is stored reads back, on a fresh instance too (another server)
        SchemeVersions other = new SchemeVersions(new SchemeVersionStore(f.jdbc()), TODAY);
        assertThat(other.forPeriod(december).version()).isEqualTo("v2027");
        SchemeVersions.Listed listed = other.find("v2027").orElseThrow();
        assertThat(listed.activeFrom()).contains(LocalDate.of(2026, 12, 1));
        assertThat(listed.activatedBy()).isEqualTo("root");
        assertThat(listed.uploadedBy()).isEqualTo("root");
        assertThat(listed.scheduled()).isTrue();
        assertThat(listed.content()).contains("version: v2027").contains("allowance: PT60M");
        assertThat(other.find("default").orElseThrow().inForce()).isTrue();

        // withdrawing a scheduled activation
        versions.withdraw("v2027b", "root");
        assertThat(versions.forPeriod(Period.month(YearMonth.of(2027, 2))).version()).isEqualTo("v2027");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void activationIsRefusedInThePastOffTheFirstOfAMonthTwiceOnADayOrForTheBuiltIn(String name,
                                                                                   Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        SchemeVersions versions = f.versions();
        versions.upload("a.yaml", Schemes.version("a", "PT60M"), "root");
        versions.upload("b.yaml", Schemes.version("b", "PT60M"), "root");
        assertThatThrownBy(() -> versions.activate("a", LocalDate.of(2026, 11, 1), "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.past"));
        assertThatThrownBy(() -> versions.activate("a", LocalDate.of(2026, 12, 15), "root"))
                .isInstanceOfSatisfying(VersionRefused.class,
                        e -> assertThat(e.key()).isEqualTo("scheme.refused.notFirstOfMonth"));
        assertThatThrownBy(() -> versions.activate("default", LocalDate.of(2027, 1, 1), "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.builtIn"));
        assertThatThrownBy(() -> versions.activate("nope", LocalDate.of(2027, 1, 1), "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.unknown"));
        versions.activate("a", LocalDate.of(2027, 1, 1), "root");
        assertThatThrownBy(() -> versions.activate("b", LocalDate.of(2027, 1, 1), "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.sameDay"));
        // the database keeps one version per start day even if two administrators race past the check
        SchemeVersionStore store = new SchemeVersionStore(f.jdbc());
        assertThatThrownBy(() -> store.activate("b", LocalDate.of(2027, 1, 1), Instant.now(), "other"))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        // a scheduled activation may be moved before its day
        versions.activate("a", LocalDate.of(2027, 3, 1), "root");
        assertThat(versions.forDay(LocalDate.of(2027, 2, 1)).version()).isEqualTo("default");
        assertThat(versions.forDay(LocalDate.of(2027, 3, 1)).version()).isEqualTo("a");

        // once its day has come, a version in force cannot be moved or withdrawn
        Clock later = Clock.fixed(LocalDateTime.parse("2027-03-02T08:00").atZone(SHANGHAI).toInstant(), SHANGHAI);
        SchemeVersions inMarch = new SchemeVersions(new SchemeVersionStore(f.jdbc()), later);
        assertThatThrownBy(() -> inMarch.activate("a", LocalDate.of(2027, 5, 1), "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.inForce"));
        assertThatThrownBy(() -> inMarch.withdraw("a", "root"))
                .isInstanceOfSatisfying(VersionRefused.class, e -> assertThat(e.key()).isEqualTo("scheme.refused.inForce"));
        assertThat(inMarch.today().version()).isEqualTo("a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aBadSchemeFileIsRefusedWithEveryProblemAndNothingIsStored(String name, Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        SchemeVersions versions = f.versions();
        String bad = new String(Schemes.version("broken", "PT60M"), StandardCharsets.UTF_8)
                .replace("yearStartMonth: 1 ", "yearStartMonth: 2 ").replace("    max: 5\n", "    max: -5\n");
        assertThatThrownBy(() -> versions.upload("broken.yaml", bad.getBytes(StandardCharsets.UTF_8), "root"))
                .isInstanceOfSatisfying(SchemeException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("broken.yaml: yearStartMonth:"))
                        .anyMatch(p -> p.startsWith("broken.yaml: items.basic.institution.max:")));
        assertThatThrownBy(() -> versions.upload("default.yaml", Schemes.defaultYaml().getBytes(StandardCharsets.UTF_8),
                "root")).isInstanceOfSatisfying(SchemeException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("default.yaml: version:"));
        assertThatThrownBy(() -> versions.upload("x.txt", Schemes.version("x", "PT60M"), "root"))
                .isInstanceOf(SchemeException.class);
        assertThatThrownBy(() -> versions.upload("garbage.yaml", "{{{: [".getBytes(StandardCharsets.UTF_8), "root"))
                .isInstanceOfSatisfying(SchemeException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("garbage.yaml:"));
        String otherZone = new String(Schemes.version("tokyo", "PT60M"), StandardCharsets.UTF_8)
                .replace("zone: Asia/Shanghai", "zone: Asia/Tokyo");
        assertThatThrownBy(() -> versions.upload("tokyo.yaml", otherZone.getBytes(StandardCharsets.UTF_8), "root"))
                .isInstanceOfSatisfying(SchemeException.class,
                        e -> assertThat(e.problems()).containsExactly("tokyo.yaml: zone: the desk's days are cut in"
                                + " Asia/Shanghai; a version cannot change the zone"));
        assertThat(rows(f.jdbc(), "scheme_version")).isZero();
        versions.upload("ok.yaml", Schemes.version("ok", "PT60M"), "root");
        assertThatThrownBy(() -> versions.upload("again.yaml", Schemes.version("ok", "PT45M"), "root"))
                .isInstanceOf(SchemeException.class);
        assertThat(rows(f.jdbc(), "scheme_version")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theDesksClocksUseTheVersionOfTheCasesDayFromTheActivationOn(String name, Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        CaseClocks clocks = new CaseClocks(f.versions(), f.calendars(), 0.8);
        Instant before = LocalDateTime.parse("2026-11-30T23:50").atZone(SHANGHAI).toInstant();
        Instant from = LocalDateTime.parse("2026-12-01T00:10").atZone(SHANGHAI).toInstant();
        assertThat(acceptanceAllowance(clocks, before)).isEqualTo(Duration.ofMinutes(30));
        assertThat(acceptanceAllowance(clocks, from)).isEqualTo(Duration.ofMinutes(30));

        f.versions().upload("slow.yaml", Schemes.version("slow", "PT60M"), "root");
        f.versions().activate("slow", LocalDate.of(2026, 12, 1), "root");
        assertThat(acceptanceAllowance(clocks, before)).as("submitted before the day").isEqualTo(Duration.ofMinutes(30));
        assertThat(acceptanceAllowance(clocks, from)).as("submitted from the day on").isEqualTo(Duration.ofMinutes(60));
        assertThat(clocks.schemeAt(from).version()).isEqualTo("slow");
        assertThat(clocks.schemeAt(before).version()).isEqualTo("default");
    }

    private static Duration acceptanceAllowance(CaseClocks clocks, Instant submitted) {
        Case c = Case.submitted(new CaseIntake(Channel.WECHAT, Category.COMPLAINT, false, "TEMPERATURE", "王女士",
                "13800001111", "幸福小区3-2-501", "室温16度", null, submitted, "T1"), submitted, null, null);
        CaseClocks.Clock clock = clocks.at(c, submitted).clock(CaseClocks.Kind.ACCEPTANCE).orElseThrow();
        return Duration.between(clock.start(), clock.deadline());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anImportedYearJoinsTheCalendarAndReplacesAShippedYear(String name, Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Calendars calendars = f.calendars();
        WorkingCalendar shipped = calendars.current();
        assertThat(shipped.scheduledYears()).containsExactly(2024, 2025, 2026);
        LocalDate makeUp = LocalDate.of(2027, 2, 13);  // a Saturday
        assertThat(shipped.isWorkingDay(makeUp)).isFalse();
        assertThat(shipped.isWorkingDay(LocalDate.of(2027, 1, 1))).as("a Friday, without a schedule").isTrue();

        calendars.importFile(2027, "2027.json", HolidayFileTest.JSON_2027.getBytes(StandardCharsets.UTF_8), "root");
        WorkingCalendar withNext = calendars.current();
        assertThat(withNext.scheduledYears()).containsExactly(2024, 2025, 2026, 2027);
        assertThat(withNext.isWorkingDay(makeUp)).isTrue();
        assertThat(withNext.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(calendars.years().get(2027).source()).isEqualTo(Calendars.Source.IMPORTED);
        assertThat(calendars.years().get(2027).importedBy()).isEqualTo("root");

        // this year's schedule re-imported (as .ics) replaces the shipped one: 2026-10-01 becomes an ordinary Thursday
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260101",
                "SUMMARY:元旦 休", "END:VEVENT", "END:VCALENDAR");
        assertThat(withNext.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        calendars.importFile(2026, "2026.ics", ics.getBytes(StandardCharsets.UTF_8), "root");
        assertThat(calendars.current().isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(calendars.current().isWorkingDay(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(rows(f.jdbc(), "holiday_calendar")).isEqualTo(2);

        // another instance reads the same
        Calendars other = new Calendars(new HolidayCalendarStore(f.jdbc()), f.versions(), TODAY, event -> { });
        assertThat(other.current().isWorkingDay(makeUp)).isTrue();
        assertThat(other.current().isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();

        // a bad file, or a year other than this one or the next, stores nothing
        assertThatThrownBy(() -> calendars.importFile(2027, "bad.ics", "garbage".getBytes(StandardCharsets.UTF_8),
                "root")).isInstanceOf(CalendarFileException.class);
        assertThatThrownBy(() -> calendars.importFile(2025, "2025.json",
                HolidayFileTest.JSON_2027.replace("2027", "2025").getBytes(StandardCharsets.UTF_8), "root"))
                .isInstanceOfSatisfying(CalendarFileException.class, e -> assertThat(e.problems())
                        .extracting(CalendarFileException.Problem::key).containsExactly("calendar.problem.yearNotAllowed"));
        assertThat(rows(f.jdbc(), "holiday_calendar")).isEqualTo(2);
        assertThat(calendars.current().isWorkingDay(makeUp)).isTrue();
        assertThat(List.copyOf(calendars.years().keySet())).containsExactly(2024, 2025, 2026, 2027);
    }
}
