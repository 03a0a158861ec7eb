package org.warmline.assessing;

import java.io.ByteArrayOutputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.warmline.ledger.Instants;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.ledger.DataSet;
import org.warmline.administration.Calendars;
import org.warmline.administration.SchemeVersions;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.scheme.Scheme;

/**
 * The live assessment (实时考核): the data set of a period composed from the database (units, staff, the cases the
 * period needs, the manual records) and scored by the same {@link AssessmentEngine} as {@code warmline assess}, so that
 * its {@link ResultJson} is the command's JSON for the same data.
 *
 * <p>The cases read are those submitted in the period plus the complaints of the repeat window before it (the only
 * earlier cases the engine looks at); {@link #dataSet(Period)} is also what the export of a period writes, so that
 * assessing the exported workbook gives the same result. Consequence: a warning about an inconsistent case outside the
 * period (which {@code assess} on the whole ledger would list) is not listed.
 */
@Service
public class LiveAssessment {

    private final Scheme activeScheme;
    private final SchemeVersions versions;
    private final Calendars calendars;
    private final OrganizationStore organization;
    private final CaseLedgerStore cases;
    private final ManualRecords records;

    public LiveAssessment(Scheme activeScheme, SchemeVersions versions, Calendars calendars,
                          OrganizationStore organization, CaseLedgerStore cases, ManualRecords records) {
        this.activeScheme = activeScheme;
        this.versions = versions;
        this.calendars = calendars;
        this.organization = organization;
        this.cases = cases;
        this.records = records;
    }

    /**
     * The scheme a period is assessed with: the version in force on the period's first day (scheme administration),
     * so a result keeps the version it used even after a later version is activated.
     */
    public Scheme schemeOf(Period period) {
        return versions.forPeriod(period).scheme();
    }

    /** The scheme in force now (reading a workbook to import, periods' labels). */
    public Scheme currentScheme() {
        return versions.today().scheme();
    }

    /**
     * The working calendar of a run: the administered one (shipped and imported years), a fresh instance per run since
     * the engine resets and fills its years-without-schedule.
     */
    WorkingCalendar calendarOf(Scheme scheme) {
        return calendars.forRun();
    }

    /** The zone periods and instants are read in. */
    public ZoneId zone() {
        return ZoneId.of(activeScheme.zone());
    }

    /**
     * Reads a period as the command does: {@code 2026-01}, {@code 2026-Q1} or {@code 2026}.
     *
     * @throws AssessmentRefused naming the field {@code period}
     */
    public Period period(String text) {
        try {
            return Period.parse(text, activeScheme.yearStartMonth());
        } catch (IllegalArgumentException e) {
            throw new AssessmentRefused("assessing.error.period", "period", text == null ? "" : text);
        }
    }

    /**
     * Reads an instant as the command's {@code --as-of} does (a date, a local date-time in the scheme's zone, or with
     * an offset), within the desk's range ({@link Instants#parseWithin}: from 2000 to a day after now); blank is now.
     *
     * @throws AssessmentRefused naming the field {@code asOf}
     */
    public Instant asOf(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            return Instants.parseWithin(text, zone(), now);
        } catch (DateTimeException e) {
            throw new AssessmentRefused("assessing.error.asOf", "asOf", text);
        }
    }

    /** The data set a period's assessment reads: all units, staff and manual records, and the period's cases. */
    public DataSet dataSet(Period period) {
        Scheme scheme = schemeOf(period);
        ZoneId zone = ZoneId.of(scheme.zone());
        Instant from = period.start().atStartOfDay(zone).toInstant();
        Instant to = period.end().atStartOfDay(zone).toInstant();
        // one second more than the window: the engine measures the window in whole seconds
        Duration lookback = scheme.items().repeat().window().plusSeconds(1);
        return new DataSet(organization.units(), organization.staff(), cases.forAssessment(from, to, lookback),
                records.regulations(), records.trainings(), records.outages(), records.tasks(), records.adjustments());
    }

    /**
     * What the engine reads for a period: {@link #dataSet(Period)} with the cases read lean
     * ({@link CaseLedgerStore#forAssessmentLean}: free texts only as present or absent), which scores the same.
     */
    DataSet assessmentData(Period period) {
        return assessmentData(period, schemeOf(period).items().repeat().window());
    }

    /**
     * As {@link #assessmentData(Period)}, with the complaints of a given repeat window before the period: the longer
     * window of two schemes, so that the same data serves both (the engine looks back only as far as its own window).
     */
    DataSet assessmentData(Period period, Duration repeatWindow) {
        ZoneId zone = zone();
        Instant from = period.start().atStartOfDay(zone).toInstant();
        Instant to = period.end().atStartOfDay(zone).toInstant();
        Duration lookback = repeatWindow.plusSeconds(1);
        return new DataSet(organization.units(), organization.staff(), cases.forAssessmentLean(from, to, lookback),
                records.regulations(), records.trainings(), records.outages(), records.tasks(), records.adjustments());
    }

    /** Every record of the desk: all cases (not withdrawn), the organisation and the manual records. */
    public DataSet everything() {
        return new DataSet(organization.units(), organization.staff(), cases.all(), records.regulations(),
                records.trainings(), records.outages(), records.tasks(), records.adjustments());
    }

    /** Assesses a period as of an instant, reasons in the locale's language (Chinese unless English). */
    public AssessmentResult assess(Period period, Instant asOf, Locale locale) {
        return assess(assessmentData(period), period, asOf, locale);
    }

    /** Assesses a given data set as the command does. */
    public AssessmentResult assess(DataSet data, Period period, Instant asOf, Locale locale) {
        return assessWith(schemeOf(period), data, period, asOf, locale);
    }

    /**
     * Assesses a data set with a given scheme instead of the version in force on the period (the what-if of a scheme
     * version, {@link SchemeWhatIf}): the same engine and working calendar as every other assessment.
     */
    AssessmentResult assessWith(Scheme scheme, DataSet data, Period period, Instant asOf, Locale locale) {
        return new AssessmentEngine(scheme, calendarOf(scheme), language(locale)).assess(data, period, asOf);
    }

    /** The result as {@code warmline assess} prints it (pretty {@link ResultJson}, without the final line break). */
    public static byte[] json(AssessmentResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ResultJson.write(result, out, true);
        return out.toByteArray();
    }

    /** The engine's languages: English, or Chinese for anything else. */
    public static Locale language(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
