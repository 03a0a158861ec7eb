package org.warmline.assessing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerReader;
import org.warmline.administration.Calendars;
import org.warmline.administration.SchemeVersions;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * The live assessment's speed benchmark (docs/benchmarks.md): one month assessed for every subject from 1,000,000
 * cases in PostgreSQL, against a bare SQL aggregate over the same rows. Not a test; run by
 * {@code bench/assess-bench.sh}, which makes the cluster, loads the cases ({@code bench/load-cases.sql}) and calls
 *
 * <pre>
 * java -cp target/warmline.jar -Dloader.main=org.warmline.assessing.DatabaseBenchmark \
 *     org.springframework.boot.loader.launch.PropertiesLauncher migrate|records|run JDBC_URL USER PASSWORD [DATA_DIR]
 *     [--month 2026-01] [--rounds 5] [--as-of 2026-04-01T00:00+08:00]
 * </pre>
 *
 * {@code migrate} applies the Flyway migrations; {@code records} loads the staff and manual records of a generated
 * ledger folder (everything but its cases); {@code run} times, interleaved over rounds after one warm-up round:
 * (a) a bare SQL aggregate grouping the month's rows by unit and counting every column the assessment reads, and
 * (b) the live assessment of the month for every subject (the data set read from the database and the engine), and
 * prints a Markdown table of medians and minimums.
 */
public final class DatabaseBenchmark {

    private DatabaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: migrate|records|run JDBC_URL USER PASSWORD [DATA_DIR] [--month 2026-01] "
                    + "[--rounds 5] [--as-of ...]");
            System.exit(2);
        }
        DriverManagerDataSource ds = new DriverManagerDataSource(args[1], args[2], args[3]);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(4, args.length));
        switch (args[0]) {
            case "migrate" -> Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            case "records" -> records(ds, Path.of(rest.get(0)));
            case "run" -> run(ds, rest, System.out);
            default -> {
                System.err.println("unknown step " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Loads staff and manual records of a generated folder: its CSV files, the cases left out. */
    private static void records(DataSource ds, Path folder) throws Exception {
        Path copy = Files.createTempDirectory("bench-records");
        for (String table : List.of("units", "staff", "regulations", "trainings", "outages", "tasks", "adjustments")) {
            Files.copy(folder.resolve(table + ".csv"), copy.resolve(table + ".csv"));
        }
        try (var lines = Files.lines(folder.resolve("cases.csv"))) {
            Files.writeString(copy.resolve("cases.csv"), lines.findFirst().orElseThrow() + "\n");
        }
        Scheme scheme = SchemeLoader.defaultScheme();
        DataSet data = new LedgerReader(scheme, Locale.ENGLISH).read(copy).data();
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        new OrganizationStore(jdbc, tx).saveAll(data.units(), data.staff());
        new ManualRecords(jdbc, tx).importAll(data.regulations(), data.trainings(), data.outages(), data.tasks(),
                data.adjustments(), "bench", Instant.now());
        System.out.printf("loaded %d units, %d staff, %d manual records%n", data.units().size(), data.staff().size(),
                data.regulations().size() + data.trainings().size() + data.outages().size() + data.tasks().size()
                        + data.adjustments().size());
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static void run(DataSource ds, List<String> args, PrintStream out) throws Exception {
        Scheme scheme = SchemeLoader.defaultScheme();
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        SchemeVersions versions = SchemeVersions.of(jdbc);
        CaseLedgerStore store = new CaseLedgerStore(jdbc, tx, ds);
        LiveAssessment live = new LiveAssessment(scheme, versions,
                Calendars.of(jdbc, versions),
                new OrganizationStore(jdbc, tx), store, new ManualRecords(jdbc, tx));
        Period month = live.period(option(args, "--month", "2026-01"));
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        // read as the assess command reads --as-of: a benchmark may assess as of any time
        Instant asOf = org.warmline.ledger.Instants.parse(option(args, "--as-of", month.end().plusMonths(1) + "T00:00"),
                live.zone());
        ZoneId zone = live.zone();
        Instant from = month.start().atStartOfDay(zone).toInstant();
        Instant to = month.end().atStartOfDay(zone).toInstant();
        java.time.Duration lookback = live.schemeOf(month).items().repeat().window().plusSeconds(1);

        long total = jdbc.sql("select count(*) from petition_case").query(Long.class).single();
        long inMonth = aggregate(ds, from, to);
        int read = live.dataSet(month).cases().size();
        out.printf("petition_case rows: %,d; submitted in %s: %,d; read by the assessment (with the repeat "
                + "look-back complaints): %,d%n", total, month.label(), inMonth, read);

        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        List<Long> load = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        int subjects = 0;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            aggregate(ds, from, to);
            long t1 = System.nanoTime();
            AssessmentResult result = live.assess(month, asOf, Locale.SIMPLIFIED_CHINESE);
            long t2 = System.nanoTime();
            live.assessmentData(month);
            long t3 = System.nanoTime();
            long copied = store.leanCopyDiscarded(from, to, lookback);
            long t4 = System.nanoTime();
            subjects = result.subjects().size();
            if (round > 0) { // round 0 warms up
                a.add(t1 - t0);
                b.add(t2 - t1);
                load.add(t3 - t2);
                c.add(t4 - t3);
            }
            out.printf("round %d: (a) %.3f s, (b) %.3f s, data set alone %.3f s, (c) rows out by COPY %.3f s "
                    + "(%,d bytes)%n", round, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                    copied);
        }
        double ma = median(a);
        double mb = median(b);
        out.println();
        out.printf("| phase | median s | min s | ratio to (a) |%n|---|---|---|---|%n");
        out.printf("| (a) bare SQL aggregate over the month's %,d rows (group by unit, count of every column read) "
                + "| %.3f | %.3f | 1.00 |%n", inMonth, ma, min(a));
        out.printf("| (b) live assessment of %s for every subject (%d subjects): read from PostgreSQL + engine "
                + "| %.3f | %.3f | **%.2f** |%n", month.label(), subjects, mb, min(b), mb / ma);
        out.printf("| … of which reading the data set from PostgreSQL | %.3f | %.3f | %.2f |%n", median(load),
                min(load), median(load) / ma);
        out.printf("| (c) floor of any design that reads the rows: the lean read's two COPYs, the bytes received and "
                + "discarded, not decoded | %.3f | %.3f | %.2f |%n", median(c), min(c), median(c) / ma);
        out.printf("%ntarget (b) <= 2 x (a): %s%n", mb <= 2 * ma ? "met" : "NOT met");
    }


    /** The bare SQL aggregate: the month's rows grouped by unit, every column the assessment reads counted. */
    static long aggregate(DataSource ds, Instant from, Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder("select unit, count(*)");
        for (String column : CaseColumns.NAMES) {
            sql.append(", count(").append(column).append(')');
        }
        sql.append(" from petition_case where submitted_at >= ? and submitted_at < ? and withdrawn_at is null "
                + "group by unit");
        long rows = 0;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            s.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows += rs.getLong(2);
                }
            }
        }
        return rows;
    }

    /** The columns of the ledger's cases (as {@code CaseLedgerStore} reads them). */
    static final class CaseColumns {
        static final List<String> NAMES = List.of("case_no", "channel", "category", "complex", "topic",
                "citizen_name", "citizen_phone", "address", "demand", "occurred_at", "submitted_at", "recorded_at",
                "accepted_at", "accepted_by", "dispatched_at", "unit", "handler", "contacted_at", "site_survey",
                "surveyed_at", "solution", "solution_at", "completed_at", "resolved", "evaluation",
                "evaluation_channel", "evaluated_at", "evaluation_comment", "unsatisfied_at", "reviewed_at",
                "review_finding", "rehandled_at", "explained_at");

        private CaseColumns() {
        }
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e9;
    }

    private static double min(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e9;
    }
}
