package org.warmline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.LedgerReader;
import org.warmline.ledger.LedgerReading;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * {@code bench --data DIR [--month 2026-01] [--year 2026] [--rounds 5] [--as-of 2027-01-15T00:00+08:00] [--no-json]}:
 * measures, in one JVM and interleaved over rounds (after one warm-up round), the plain FastCSV parse of
 * {@code cases.csv} (the baseline), the full ledger read, read + assess a month, read + assess the year, and read +
 * assess the year + write its JSON to a null stream. Prints a Markdown table: median and min seconds per phase, the
 * ratios to the baseline and the peak heap. A tool for docs/benchmarks.md, never part of the unit tests.
 */
final class Benchmark {

    private static final List<String> OPTIONS = List.of("--data", "--month", "--year", "--rounds", "--as-of", "--phases");

    private final Path data;
    private final YearMonth month;
    private final int year;
    private final int rounds;
    private final Instant asOf;
    private final boolean json;
    private final Scheme scheme;
    private final Locale locale = Locale.SIMPLIFIED_CHINESE;
    private final PrintStream out;
    /** Keeps phase results reachable until the phase's memory is measured, so nothing is optimised away. */
    private Object sink;
    /** The phases to run (letters a–e); the baseline (a) always runs, the ratios need it. */
    private String only = "abcde";
    private long checksum;

    private Benchmark(Path data, YearMonth month, int year, int rounds, Instant asOf, boolean json, PrintStream out) {
        this.data = data;
        this.month = month;
        this.year = year;
        this.rounds = rounds;
        this.asOf = asOf;
        this.json = json;
        this.out = out;
        this.scheme = SchemeLoader.defaultScheme();
    }

    /** Runs the benchmark; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = true;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-json")) {
                json = false;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                err.println("unknown option: " + arg);
                err.println(usage());
                return 2;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    err.println("missing value: " + name);
                    return 2;
                }
                value = args[++i];
            }
            options.put(name, value);
        }
        if (!options.containsKey("--data")) {
            err.println(usage());
            return 2;
        }
        Path data = Path.of(options.get("--data"));
        if (!Files.isRegularFile(data.resolve("cases.csv"))) {
            err.println("no cases.csv in " + data);
            return 2;
        }
        try {
            YearMonth month = YearMonth.parse(options.getOrDefault("--month", "2026-01"));
            int year = Integer.parseInt(options.getOrDefault("--year", "2026"));
            int rounds = Integer.parseInt(options.getOrDefault("--rounds", "5"));
            Instant asOf = OffsetDateTime.parse(options.getOrDefault("--as-of", "2027-01-15T00:00+08:00")).toInstant();
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            Benchmark bench = new Benchmark(data, month, year, rounds, asOf, json, out);
            bench.only = options.getOrDefault("--phases", "abcde");
            bench.measure();
            return 0;
        } catch (RuntimeException e) {
            err.println("bench failed: " + e);
            return 1;
        } catch (IOException e) {
            err.println("bench failed: " + e);
            return 1;
        }
    }

    private static String usage() {
        return "usage: bench --data DIR [--month 2026-01] [--year 2026] [--rounds 5] "
                + "[--as-of 2027-01-15T00:00+08:00] [--no-json] [--phases abcde]";
    }

    /** A phase: a name and the work it times. */
    private record Phase(String key, String label, Work work) {
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws IOException;
    }

    private void measure() throws IOException {
        keepHeap();
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("a", "(a) baseline: plain FastCSV parse of cases.csv", this::parseOnly));
        phases.add(new Phase("b", "(b) LedgerReader.read (all tables)", this::read));
        phases.add(new Phase("c", "(c) read + assess month " + month, () -> assessBoth(Period.month(month))));
        phases.add(new Phase("d", "(d) read + assess year " + year + " (12 months + 4 quarters + year)",
                () -> assessBoth(Period.year(year, scheme.yearStartMonth()))));
        if (json) {
            phases.add(new Phase("e", "(e) read + assess year + JSON to a null stream", this::assessYearJson));
        }
        phases.removeIf(p -> !p.key().equals("a") && only.indexOf(p.key().charAt(0)) < 0);
        int n = phases.size();
        double[][] seconds = new double[n][rounds];
        long[] peak = new long[n];
        long[] retained = new long[n];
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        try {
            for (int round = -1; round < rounds; round++) {
                for (int p = 0; p < n; p++) {
                    settle();
                    sampler.reset();
                    resetPeaks();
                    long start = System.nanoTime();
                    sink = phases.get(p).work().run();
                    long elapsed = System.nanoTime() - start;
                    long sampled = sampler.peak();
                    long pools = poolPeaks();
                    settle();
                    long live = used();
                    sink = null;
                    if (round >= 0) {
                        seconds[p][round] = elapsed / 1e9;
                        peak[p] = Math.max(peak[p], Math.max(sampled, 0));
                        retained[p] = Math.max(retained[p], live);
                        poolPeak[p] = Math.max(poolPeak[p], pools);
                    }
                    out.printf(Locale.ROOT, "%s %s %s: %.2f s%n", round < 0 ? "warm-up" : "round " + (round + 1),
                            phases.get(p).key(), phases.get(p).label(), elapsed / 1e9);
                    out.flush();
                }
            }
        } finally {
            sampler.interrupt();
        }
        report(phases, seconds, peak, retained);
    }

    private final long[] poolPeak = new long[5];

    private void report(List<Phase> phases, double[][] seconds, long[] peak, long[] retained) throws IOException {
        Runtime rt = Runtime.getRuntime();
        long size = Files.size(data.resolve("cases.csv"));
        out.println();
        out.printf(Locale.ROOT, "- JVM: %s %s (%s), GC: %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), gcNames());
        out.printf(Locale.ROOT, "- OS: %s %s %s, available processors: %d%n", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), rt.availableProcessors());
        out.printf(Locale.ROOT, "- max heap (Runtime.maxMemory): %d MB; JVM arguments: %s; %s%n", rt.maxMemory() >> 20,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), heapNote);
        out.printf(Locale.ROOT, "- data: %s, cases.csv %.1f MB, %d records; rounds: %d after 1 warm-up round, "
                        + "phases interleaved; checksum %d%n",
                data, size / 1e6, caseCount, rounds, checksum);
        out.println();
        out.println("| phase | median s | min s | median / (a) | min / (a) | peak heap used MB (sampled) "
                + "| heap pools peak MB | live after phase MB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        double baseMedian = median(seconds[0]);
        double baseMin = min(seconds[0]);
        for (int p = 0; p < phases.size(); p++) {
            double med = median(seconds[p]);
            double mn = min(seconds[p]);
            out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %d | %d | %d |%n", phases.get(p).label(), med,
                    mn, med / baseMedian, mn / baseMin, peak[p] >> 20, poolPeak[p] >> 20, retained[p] >> 20);
        }
        out.println();
        out.println("All rounds (s):");
        for (int p = 0; p < phases.size(); p++) {
            StringBuilder b = new StringBuilder();
            for (double s : seconds[p]) {
                b.append(String.format(Locale.ROOT, " %.2f", s));
            }
            out.println("- " + phases.get(p).key() + ":" + b);
        }
        out.flush();
    }

    private long caseCount;

    // ---- the phases

    /** Plain FastCSV: every record, every field touched (the sum of the field lengths), nothing converted. */
    private Object parseOnly() throws IOException {
        long fields = 0;
        long chars = 0;
        long records = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(data.resolve("cases.csv"))) {
            for (CsvRecord record : csv) {
                records++;
                int count = record.getFieldCount();
                fields += count;
                for (int i = 0; i < count; i++) {
                    chars += record.getField(i).length();
                }
            }
        }
        checksum += chars + fields;
        return new long[] {records, fields, chars};
    }

    private LedgerReading read() {
        LedgerReading reading = new LedgerReader(scheme, locale).read(data);
        caseCount = reading.data().cases().size();
        return reading;
    }

    private Object assessYearJson() {
        Object[] both = assessBoth(Period.year(year, scheme.yearStartMonth()));
        AssessmentResult result = (AssessmentResult) both[1];
        CountingStream counter = new CountingStream();
        ResultJson.write(result, counter, true);
        checksum += counter.count;
        return both;
    }

    private Object[] assessBoth(Period period) {
        LedgerReading reading = read();
        AssessmentEngine engine = new AssessmentEngine(scheme, WorkingCalendar.shipped(ZoneId.of(scheme.zone())),
                locale);
        AssessmentResult result = engine.assess(reading.data(), period, asOf);
        checksum += result.subjects().size();
        return new Object[] {reading, result};
    }

    // ---- memory

    /**
     * The System.gc() between phases would shrink the heap back to a few MB each time (a fresh JVM starts with
     * 1/64 of the memory), and every phase would then pay for growing it again: MaxHeapFreeRatio=100 (a manageable
     * flag) keeps the committed heap. -Xmx is unchanged.
     */
    private void keepHeap() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            bean.setVMOption("MaxHeapFreeRatio", "100");
            heapNote = "MaxHeapFreeRatio=100 set by the bench (no heap shrinking after its System.gc() between phases)";
        } catch (RuntimeException e) {
            heapNote = "MaxHeapFreeRatio unchanged (" + e.getMessage() + ")";
        }
    }

    private String heapNote = "";

    private static void settle() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound (the pools peak at different times). */
    private static long poolPeaks() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
        return String.join(", ", names);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** Samples the used heap every 5 ms (a lower bound of the true peak, but one reached at one moment). */
    private static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        void reset() {
            peak.set(used());
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A null output stream that counts the bytes. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
