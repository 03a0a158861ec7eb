package org.warmline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * Writing a data set and reading it back gives the same data set (modulo the {@code row} components, which the
 * reader numbers itself) and the same scores: the "export, then assess, gives the same scores" guarantee.
 */
class LedgerRoundTripTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Scheme SCHEME = SchemeLoader.defaultScheme();
    static final Path EXAMPLE = Path.of("examples", "ledger").toAbsolutePath();
    static DataSet generated;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        generated = new DataSetGenerator(20260415L, 2026, ZONE).generate(800);
        assertThat(generated.cases()).hasSize(800);
    }

    static DataSet read(Path path) {
        return new LedgerReader(SCHEME, Locale.ENGLISH).read(path).data();
    }

    @Test
    void csvFolderRoundTrip() {
        Path dir = tmp.resolve("csv");
        new LedgerWriter(ZONE).writeCsvFolder(generated, dir);
        DataSet back = read(dir);
        assertSameData(back, generated);
        assertSameScores(back, generated);
    }

    @Test
    void xlsxRoundTrip() {
        Path file = tmp.resolve("ledger.xlsx");
        new LedgerWriter(ZONE).writeXlsx(generated, file);
        DataSet back = read(file);
        assertSameData(back, generated);
        assertSameScores(back, generated);
    }

    @Test
    void generatorCsvFolderIsTheGeneratedDataSet() {
        Path dir = tmp.resolve("gen");
        new DataSetGenerator(20260415L, 2026, ZONE).writeCsvFolder(800, dir);
        assertSameData(read(dir), generated);
    }

    @Test
    void exampleReadFromCsvWrittenToXlsxAssessesIdentically() {
        DataSet fromCsv = read(EXAMPLE);
        Path file = tmp.resolve("example.xlsx");
        new LedgerWriter(ZONE).writeXlsx(fromCsv, file);
        DataSet fromXlsx = read(file);
        assertSameData(fromXlsx, fromCsv);
        assertSameScores(fromXlsx, fromCsv);
        for (String period : List.of("2026-01", "2026-02", "2026-03", "2026-Q1", "2026")) {
            assertThat(json(fromXlsx, period, "2026-04-15T00:00:00+08:00"))
                    .as(period).isEqualTo(json(fromCsv, period, "2026-04-15T00:00:00+08:00"));
        }

        Path dir = tmp.resolve("example-csv");
        new LedgerWriter(ZONE).writeCsvFolder(fromXlsx, dir);
        DataSet again = read(dir);
        assertSameData(again, fromCsv);
        assertSameScores(again, fromCsv);
    }

    static void assertSameScores(DataSet actual, DataSet expected) {
        for (String period : List.of("2026-01", "2026-11", "2026")) {
            String as = json(actual, period, "2027-01-15T00:00:00+08:00");
            assertThat(as).as("assessment of %s", period).isEqualTo(json(expected, period, "2027-01-15T00:00:00+08:00"));
        }
    }

    static String json(DataSet data, String period, String asOf) {
        AssessmentEngine engine = new AssessmentEngine(SCHEME, WorkingCalendar.shipped(ZONE), Locale.ENGLISH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultJson.write(engine.assess(data, Period.parse(period, SCHEME.yearStartMonth()),
                OffsetDateTime.parse(asOf).toInstant()), out, true);
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertSameData(DataSet actual, DataSet expected) {
        assertThat(actual.units()).isEqualTo(expected.units());
        assertThat(actual.staff()).isEqualTo(expected.staff());
        assertThat(actual.regulations()).isEqualTo(expected.regulations());
        assertThat(actual.trainings()).isEqualTo(expected.trainings());
        assertThat(actual.tasks()).isEqualTo(expected.tasks());
        assertThat(normalised(actual.outages())).isEqualTo(normalised(expected.outages()));
        assertThat(normalised(actual.adjustments())).isEqualTo(normalised(expected.adjustments()));
        List<CaseRecord> a = actual.cases().stream().map(c -> c.withRow(0)).toList();
        List<CaseRecord> e = expected.cases().stream().map(c -> c.withRow(0)).toList();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("case %d", i).isEqualTo(e.get(i));
        }
    }

    /** Records with {@code row} set to 0 and decimals without trailing zeros. */
    static List<Record> normalised(List<? extends Record> records) {
        return records.stream().map(LedgerRoundTripTest::normalised).toList();
    }

    static Record normalised(Record record) {
        try {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object v = components[i].getAccessor().invoke(record);
                if (components[i].getName().equals("row")) {
                    v = 0;
                } else if (v instanceof BigDecimal d) {
                    v = d.stripTrailingZeros();
                }
                values[i] = v;
            }
            Constructor<?> constructor = record.getClass().getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (Record) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
