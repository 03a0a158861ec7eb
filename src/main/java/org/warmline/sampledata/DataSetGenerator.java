package org.warmline.sampledata;

import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseCsvStream;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.LedgerColumns.Table;
import org.warmline.ledger.LedgerWriter;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Post;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Realistic random ledger data sets of any size, deterministic per seed (a {@link SplittableRandom}; no clock, no hash
 * order): an org tree scaled with the number of cases, cases over the chosen months (heating season heavier) with most
 * of them on time and a tail of late, missing, open, inconsistent, repeat and dissatisfied ones, and the manual records
 * (regulations, trainings, outages, special tasks, adjustments).
 *
 * <p>Instances are immutable; {@link #months(int, int)} and {@link #branches(int, int)} return configured copies.
 * {@link #generate(int)} and {@link #writeCsvFolder(int, Path)} produce the same data for the same arguments.
 */
public final class DataSetGenerator {

    private static final long MIN = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    private static final double[] MONTH_WEIGHT = {10, 8, 5, 1.5, 1, 1, 1, 1, 1.5, 3, 8, 10};
    private static final double[] HOUR_WEIGHT = {0.3, 0.15, 0.1, 0.1, 0.1, 0.3, 1, 2.5, 4, 4.5, 4, 3, 2, 2.5, 3, 3, 3,
            3, 3.5, 4, 3.5, 2.5, 1.2, 0.5};
    private static final double[] HOUR_CUMULATIVE = cumulative(HOUR_WEIGHT);
    /** Topic weights: the seven Topic codes, then free-text topics. */
    private static final double[] SEASON_TOPICS = cumulative(new double[]{42, 12, 12, 7, 8, 6, 5, 8});
    private static final double[] OFF_SEASON_TOPICS = cumulative(new double[]{5, 25, 15, 12, 2, 10, 10, 21});

    private final long seed;
    private final int year;
    private final ZoneId zone;
    private final int firstMonth;
    private final int lastMonth;
    private final int minBranches;
    private final int maxBranches;

    public DataSetGenerator(long seed, int year, ZoneId zone) {
        this(seed, year, zone, 1, 12, 2, 6);
    }

    private DataSetGenerator(long seed, int year, ZoneId zone, int firstMonth, int lastMonth, int minBranches,
                             int maxBranches) {
        if (firstMonth < 1 || lastMonth > 12 || firstMonth > lastMonth) {
            throw new IllegalArgumentException("months must satisfy 1 <= first <= last <= 12");
        }
        if (minBranches < 1 || maxBranches > Texts.BRANCHES.length || minBranches > maxBranches) {
            throw new IllegalArgumentException("branches must satisfy 1 <= min <= max <= " + Texts.BRANCHES.length);
        }
        this.seed = seed;
        this.year = year;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.firstMonth = firstMonth;
        this.lastMonth = lastMonth;
        this.minBranches = minBranches;
        this.maxBranches = maxBranches;
    }

    /** A copy that spreads cases (and manual records) over months {@code first..last} of the year only. */
    public DataSetGenerator months(int first, int last) {
        return new DataSetGenerator(seed, year, zone, first, last, minBranches, maxBranches);
    }

    /** A copy with between {@code min} and {@code max} branches (default 2-6). */
    public DataSetGenerator branches(int min, int max) {
        return new DataSetGenerator(seed, year, zone, firstMonth, lastMonth, min, max);
    }

    /** Generates a whole data set in memory. */
    public DataSet generate(int cases) {
        Parts parts = parts(cases);
        List<CaseRecord> list = new ArrayList<>(cases);
        new CaseFactory(parts.org, parts.caseRng).forEach(cases, list::add);
        return new DataSet(parts.org.units, parts.org.staff, list, parts.manual.regulations, parts.manual.trainings,
                parts.manual.outages, parts.manual.tasks, parts.manual.adjustments);
    }

    /**
     * Writes the data set {@link #generate(int)} would give as a CSV folder, streaming the cases to {@code cases.csv}
     * one by one (a million cases fit in a small heap).
     */
    public void writeCsvFolder(int cases, Path folder) {
        Parts parts = parts(cases);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LedgerWriter writer = new LedgerWriter(zone);
        DataSet small = new DataSet(parts.org.units, parts.org.staff, List.of(), parts.manual.regulations,
                parts.manual.trainings, parts.manual.outages, parts.manual.tasks, parts.manual.adjustments);
        for (Table table : Table.values()) {
            if (table != Table.CASES) {
                writer.writeCsv(table, small, folder.resolve(table.fileName()));
            }
        }
        try (CaseCsvStream out = LedgerWriter.openCasesCsv(folder.resolve(Table.CASES.fileName()), zone)) {
            new CaseFactory(parts.org, parts.caseRng).forEach(cases, out::write);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private record Parts(Org org, Manual manual, SplittableRandom caseRng) {
    }

    private Parts parts(int cases) {
        if (cases < 0) {
            throw new IllegalArgumentException("cases must not be negative");
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom orgRng = root.split();
        SplittableRandom caseRng = root.split();
        SplittableRandom manualRng = root.split();
        Org org = new Org(orgRng, cases);
        Manual manual = new Manual(org, manualRng);
        return new Parts(org, manual, caseRng);
    }

    private long startOfMonth(int month) {
        LocalDate d = month > 12 ? LocalDate.of(year + 1, 1, 1) : LocalDate.of(year, month, 1);
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long startOfDay(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i];
            c[i] = s;
        }
        return c;
    }

    private static int pickWeighted(SplittableRandom r, double[] cumulative) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static long between(SplittableRandom r, long from, long to) {
        return from >= to ? from : r.nextLong(from, to + 1);
    }

    private static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    private static String personName(SplittableRandom r) {
        return pick(r, Texts.SURNAMES) + pick(r, Texts.GIVEN);
    }

    // ---------------------------------------------------------------------------------------------------- org tree

    /** A place cases can be dispatched to. */
    private record Target(Unit unit, List<String> stewards, String district, String compound) {
    }

    private final class Org {
        final List<Unit> units = new ArrayList<>();
        final List<Staff> staff = new ArrayList<>();
        final Unit hq;
        final List<String> agents = new ArrayList<>();
        final List<Unit> branches = new ArrayList<>();
        final List<Unit> stations = new ArrayList<>();
        final List<Target> areas = new ArrayList<>();
        final List<Target> teams = new ArrayList<>();
        final List<Target> stationTargets = new ArrayList<>();
        final List<Target> branchTargets = new ArrayList<>();
        final double[] areaCumulative;

        Org(SplittableRandom r, int cases) {
            hq = new Unit("HQ", "客户服务部", UnitKind.HQ_SERVICE, null);
            units.add(hq);
            int agentCount = Math.max(3, (int) Math.round(cases / 4000.0));
            int stewardCount = Math.max(4, (int) Math.round(cases / 2000.0));
            int branchCount = minBranches + r.nextInt(maxBranches - minBranches + 1);
            int areaCount = Math.max(branchCount, (int) Math.ceil(stewardCount / 1.6));

            List<Unit> areaParents = new ArrayList<>();
            List<String> stationNames = new ArrayList<>(List.of(Texts.STATIONS));
            List<String[]> branchInfo = new ArrayList<>();
            for (int b = 0; b < branchCount; b++) {
                String[] info = Texts.BRANCHES[b];
                Unit branch = new Unit(String.format("B%02d", b + 1), info[0], UnitKind.BRANCH, null);
                branches.add(branch);
                branchInfo.add(info);
                units.add(branch);
                branchTargets.add(new Target(branch, List.of(), info[1], null));
                int stationCount = 1 + r.nextInt(3);
                for (int s = 0; s < stationCount; s++) {
                    String name = stationNames.isEmpty() ? "第" + (stations.size() + 1)
                            : stationNames.remove(r.nextInt(stationNames.size()));
                    Unit station = new Unit(branch.code() + "S" + (s + 1), name + "供热站", UnitKind.STATION,
                            branch.code());
                    stations.add(station);
                    units.add(station);
                    areaParents.add(station);
                    int teamCount = 1 + (chance(r, 0.4) ? 1 : 0) + cases / 150_000;
                    for (int t = 0; t < teamCount; t++) {
                        Unit team = new Unit(station.code() + "T" + (t + 1),
                                name + "站维修" + numeral(t) + "班", UnitKind.TEAM, station.code());
                        units.add(team);
                        teams.add(new Target(team, List.of(), info[1], null));
                    }
                }
                if (chance(r, 0.3)) {
                    Unit team = new Unit(branch.code() + "T1", info[0].replace("分公司", "") + "抢修班", UnitKind.TEAM,
                            branch.code());
                    units.add(team);
                    teams.add(new Target(team, List.of(), info[1], null));
                }
                if (chance(r, 0.3)) {
                    areaParents.add(branch);
                }
            }
            // areas: every station (and branch chosen above) gets one, the rest are spread at random
            int[] perParent = new int[areaParents.size()];
            for (int i = 0; i < areaCount; i++) {
                perParent[i < areaParents.size() ? i : r.nextInt(areaParents.size())]++;
            }
            int compound = 0;
            List<List<String>> areaStewards = new ArrayList<>();
            List<String> areaDistricts = new ArrayList<>();
            List<String> areaCompounds = new ArrayList<>();
            List<Unit> areaUnits = new ArrayList<>();
            for (int p = 0; p < areaParents.size(); p++) {
                Unit parent = areaParents.get(p);
                String district = districtOf(parent, branchInfo);
                for (int a = 0; a < perParent[p]; a++) {
                    String c = compoundName(compound++);
                    Unit area = new Unit(parent.code() + String.format("A%02d", a + 1), c + "片区", UnitKind.AREA,
                            parent.code());
                    units.add(area);
                    areaUnits.add(area);
                    areaStewards.add(new ArrayList<>());
                    areaDistricts.add(district);
                    areaCompounds.add(c);
                }
            }
            // stewards: one per area first, the rest in areas (mostly) or stations
            List<List<String>> stationStewards = new ArrayList<>();
            for (int s = 0; s < stations.size(); s++) {
                stationStewards.add(new ArrayList<>());
            }
            for (int i = 0; i < stewardCount; i++) {
                String code = String.format("GJ%04d", i + 1);
                Unit home;
                if (i < areaUnits.size()) {
                    home = areaUnits.get(i);
                    areaStewards.get(i).add(code);
                } else if (chance(r, 0.75) || stations.isEmpty()) {
                    int a = r.nextInt(areaUnits.size());
                    home = areaUnits.get(a);
                    areaStewards.get(a).add(code);
                } else {
                    int s = r.nextInt(stations.size());
                    home = stations.get(s);
                    stationStewards.get(s).add(code);
                }
                staff.add(new Staff(code, personName(r), Post.STEWARD, home.code()));
            }
            for (int i = 0; i < agentCount; i++) {
                String code = String.format("KF%03d", i + 1);
                agents.add(code);
                staff.add(i, new Staff(code, personName(r), Post.AGENT, hq.code()));
            }
            for (int a = 0; a < areaUnits.size(); a++) {
                areas.add(new Target(areaUnits.get(a), List.copyOf(areaStewards.get(a)), areaDistricts.get(a),
                        areaCompounds.get(a)));
            }
            for (int s = 0; s < stations.size(); s++) {
                Unit st = stations.get(s);
                stationTargets.add(new Target(st, List.copyOf(stationStewards.get(s)), districtOf(st, branchInfo),
                        null));
            }
            double[] w = new double[areas.size()];
            for (int a = 0; a < w.length; a++) {
                w[a] = 1 + areas.get(a).stewards().size();
            }
            areaCumulative = cumulative(w);
        }

        private String districtOf(Unit unit, List<String[]> branchInfo) {
            String branchCode = unit.kind() == UnitKind.BRANCH ? unit.code() : unit.parent();
            for (int b = 0; b < branches.size(); b++) {
                if (branches.get(b).code().equals(branchCode)) {
                    return branchInfo.get(b)[1];
                }
            }
            return "市区";
        }

        /** Units scored on all 13 items: the HQ, branches and stations. */
        List<Unit> fullUnits() {
            List<Unit> list = new ArrayList<>();
            list.add(hq);
            for (Unit u : units) {
                if (u.kind() == UnitKind.BRANCH || u.kind() == UnitKind.STATION) {
                    list.add(u);
                }
            }
            return list;
        }
    }

    private static String numeral(int i) {
        return i < Texts.NUMERALS.length ? Texts.NUMERALS[i] : String.valueOf(i + 1);
    }

    private static String compoundName(int i) {
        int n = Texts.COMPOUNDS.length;
        String base = Texts.COMPOUNDS[i % n];
        int round = i / n;
        return round == 0 ? base : base + (round < 9 ? numeral(round) : String.valueOf(round + 1)) + "期";
    }

    // -------------------------------------------------------------------------------------------- manual records

    private final class Manual {
        final List<Regulation> regulations = new ArrayList<>();
        final List<Training> trainings = new ArrayList<>();
        final List<Outage> outages = new ArrayList<>();
        final List<SpecialTask> tasks = new ArrayList<>();
        final List<Adjustment> adjustments = new ArrayList<>();

        Manual(Org org, SplittableRandom r) {
            int months = lastMonth - firstMonth + 1;
            // regulations: most HQ/branch/station rows, a few for teams and areas, some elements missing
            for (Unit u : org.units) {
                boolean full = u.kind() == UnitKind.HQ_SERVICE || u.kind() == UnitKind.BRANCH
                        || u.kind() == UnitKind.STATION;
                if (!chance(r, full ? 0.9 : 0.12)) {
                    continue;
                }
                if (chance(r, 0.04)) {
                    regulations.add(new Regulation(u.code(), false, false, false, false, false));
                } else {
                    regulations.add(new Regulation(u.code(), true, !chance(r, 0.08), !chance(r, 0.1),
                            !chance(r, 0.12), !chance(r, 0.08)));
                }
            }
            // trainings: per unit and quarter, some quarters missing, some records incomplete
            List<Unit> trained = new ArrayList<>();
            for (Unit u : org.units) {
                boolean full = u.kind() == UnitKind.HQ_SERVICE || u.kind() == UnitKind.BRANCH
                        || u.kind() == UnitKind.STATION;
                if (full || chance(r, 0.25)) {
                    trained.add(u);
                }
            }
            for (int q = (firstMonth - 1) / 3; q <= (lastMonth - 1) / 3; q++) {
                int from = Math.max(firstMonth, q * 3 + 1);
                int to = Math.min(lastMonth, q * 3 + 3);
                for (Unit u : trained) {
                    if (chance(r, 0.1)) {
                        continue; // no training this quarter
                    }
                    int sessions = chance(r, 0.3) ? 2 : 1;
                    for (int s = 0; s < sessions; s++) {
                        LocalDate day = workday(r, from, to);
                        boolean incomplete = chance(r, 0.12);
                        int missing = incomplete ? r.nextInt(3) : -1;
                        trainings.add(new Training(u.code(), day, pick(r, Texts.TRAINING_TITLES), missing != 0,
                                missing != 1, missing != 2));
                    }
                }
            }
            trainings.sort((a, b) -> {
                int c = a.heldOn().compareTo(b.heldOn());
                return c != 0 ? c : Integer.compare(org.units.indexOf(find(org, a.unit())),
                        org.units.indexOf(find(org, b.unit())));
            });
            // outages: a few, mostly the HQ's hotline; some with late or no backup answering
            int outageCount = 1 + (int) Math.round(months * 0.4) + r.nextInt(2);
            List<long[]> starts = new ArrayList<>();
            for (int i = 0; i < outageCount; i++) {
                int month = firstMonth + r.nextInt(months);
                long from = startOfMonth(month);
                long start = between(r, from, startOfMonth(month + 1) - DAY) / MIN * MIN;
                starts.add(new long[]{start, i});
            }
            starts.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] s : starts) {
                String unit = chance(r, 0.75) ? null : pick(r, org.branches).code();
                String channel = pick(r, Texts.OUTAGE_CHANNELS);
                double x = r.nextDouble();
                long backup = x < 0.78 ? s[0] + between(r, 3, 28) * MIN
                        : x < 0.95 ? s[0] + between(r, 35, 150) * MIN : Instants.NONE;
                outages.add(new Outage(channel, unit, s[0], backup, outages.size() + 1));
            }
            // special tasks: per branch, some late, without plan, or of poor quality
            LocalDate end = LocalDate.of(year, lastMonth, 1).plusMonths(1);
            int perBranch = Math.max(1, (int) Math.ceil(months / 4.0));
            int taskNo = 1;
            for (Unit b : org.branches) {
                int count = perBranch + (chance(r, 0.5) ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    LocalDate due = workday(r, firstMonth, lastMonth);
                    boolean plan = !chance(r, 0.12);
                    double x = r.nextDouble();
                    LocalDate done = x < 0.7 ? due.minusDays(r.nextInt(10))
                            : x < 0.9 ? due.plusDays(1 + r.nextInt(6)) : null;
                    if (done != null && !done.isBefore(end)) {
                        done = null;
                    }
                    Boolean quality = done == null ? null
                            : chance(r, 0.8) ? Boolean.TRUE : chance(r, 0.6) ? Boolean.FALSE : null;
                    tasks.add(new SpecialTask(String.format("RW%d%03d", year, taskNo++), b.code(),
                            pick(r, Texts.TASK_TITLES), due, plan, done, quality));
                }
            }
            // adjustments of keywork.other for branches and stations
            List<Unit> full = org.fullUnits().subList(1, org.fullUnits().size());
            int adjustmentCount = 1 + (int) Math.round(months / 3.0) + r.nextInt(2);
            String[] points = {"-1", "-2", "-0.5", "1", "-3"};
            for (int i = 0; i < adjustmentCount; i++) {
                Unit u = pick(r, full);
                int month = firstMonth + r.nextInt(months);
                String p = pick(r, points);
                String reason = p.startsWith("-") ? pick(r, List.of(Texts.ADJUSTMENT_REASONS.get(0),
                        Texts.ADJUSTMENT_REASONS.get(1), Texts.ADJUSTMENT_REASONS.get(3),
                        Texts.ADJUSTMENT_REASONS.get(4)))
                        : pick(r, List.of(Texts.ADJUSTMENT_REASONS.get(2), Texts.ADJUSTMENT_REASONS.get(5)));
                adjustments.add(new Adjustment(u.code(), String.format("%d-%02d", year, month), "keywork.other",
                        new BigDecimal(p), reason, "考核办" + personName(r), i + 1));
            }
        }

        private Unit find(Org org, String code) {
            for (Unit u : org.units) {
                if (u.code().equals(code)) {
                    return u;
                }
            }
            return null;
        }

        private LocalDate workday(SplittableRandom r, int fromMonth, int toMonth) {
            LocalDate from = LocalDate.of(year, fromMonth, 1);
            LocalDate to = LocalDate.of(year, toMonth, 1).plusMonths(1);
            int days = (int) (to.toEpochDay() - from.toEpochDay());
            for (int attempt = 0; ; attempt++) {
                LocalDate d = from.plusDays(r.nextInt(days));
                if (attempt > 20 || (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)) {
                    return d;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ cases

    /** Makes cases in submission order, one at a time. */
    private final class CaseFactory {

        private static final int RECENT = 4096;

        private final Org org;
        private final SplittableRandom r;
        private final long cutoff;
        private final long seasonEnd;
        private final long seasonStart;
        // recent complaints, for repeats (a ring buffer)
        private final long[] recentAt = new long[RECENT];
        private final String[][] recentCitizen = new String[RECENT][];
        private final Target[] recentTarget = new Target[RECENT];
        private int recentCount;

        CaseFactory(Org org, SplittableRandom r) {
            this.org = org;
            this.r = r;
            this.cutoff = startOfMonth(lastMonth + 1);
            this.seasonEnd = startOfMonth(4);
            this.seasonStart = startOfMonth(11);
        }

        void forEach(int total, Consumer<CaseRecord> sink) {
            LocalDate first = LocalDate.of(year, firstMonth, 1);
            LocalDate end = LocalDate.of(year, lastMonth, 1).plusMonths(1);
            int days = (int) (end.toEpochDay() - first.toEpochDay());
            double[] w = new double[days];
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                double weight = MONTH_WEIGHT[day.getMonthValue() - 1] * (0.8 + 0.5 * r.nextDouble());
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    weight *= 0.75;
                }
                w[d] = weight;
            }
            double[] cum = cumulative(w);
            double sum = cum[days - 1];
            int row = 0;
            int done = 0;
            int month = -1;
            int seq = 0;
            for (int d = 0; d < days; d++) {
                int upTo = d == days - 1 ? total : (int) Math.round(total * cum[d] / sum);
                int k = upTo - done;
                if (k <= 0) {
                    continue;
                }
                done = upTo;
                LocalDate day = first.plusDays(d);
                if (day.getMonthValue() != month) {
                    month = day.getMonthValue();
                    seq = 0;
                }
                long dayStart = startOfDay(day);
                int[] seconds = new int[k];
                for (int i = 0; i < k; i++) {
                    int hour = pickWeighted(r, HOUR_CUMULATIVE);
                    seconds[i] = hour * 3600 + r.nextInt(3600);
                }
                Arrays.sort(seconds);
                String prefix = String.format("C%d%02d", year, month);
                for (int i = 0; i < k; i++) {
                    seq++;
                    String no = prefix + (seq < 10_000 ? String.format("%04d", seq) : String.valueOf(seq));
                    sink.accept(makeCase(++row, no, dayStart + seconds[i] * 1000L));
                }
            }
        }

        /** Ledgers hold whole seconds. */
        private long sec(long t) {
            return t == Instants.NONE ? t : Math.floorDiv(t, 1000L) * 1000L;
        }

        private long cut(long t) {
            return t == Instants.NONE || t > cutoff ? Instants.NONE : t;
        }

        private String phone() {
            StringBuilder b = new StringBuilder(pick(r, Texts.MOBILE_PREFIXES));
            for (int i = 0; i < 8; i++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
            String p = b.toString();
            double x = r.nextDouble();
            if (x < 0.04) {
                return "+86 " + p.substring(0, 3) + " " + p.substring(3, 7) + " " + p.substring(7);
            } else if (x < 0.07) {
                return p.substring(0, 3) + " " + p.substring(3, 7) + " " + p.substring(7);
            } else if (x < 0.08) {
                return "+86" + p;
            }
            return p;
        }

        private String citizenName() {
            if (chance(r, 0.08)) {
                return pick(r, Texts.SURNAMES) + (chance(r, 0.5) ? "女士" : "先生");
            }
            return personName(r);
        }

        private String address(Target t) {
            String district = t == null ? pick(r, Texts.BRANCHES)[1] : t.district();
            String compound = t != null && t.compound() != null ? t.compound() : pick(r, Texts.COMPOUNDS);
            int floor = 1 + r.nextInt(chance(r, 0.3) ? 30 : 7);
            return district + pick(r, Texts.ROADS) + (1 + r.nextInt(300)) + "号" + compound + "小区"
                    + (1 + r.nextInt(24)) + "号楼" + (1 + r.nextInt(4)) + "单元" + floor + "0" + (1 + r.nextInt(4))
                    + "室";
        }

        private Target target() {
            double x = r.nextDouble();
            if (x < 0.70 && !org.areas.isEmpty()) {
                return org.areas.get(pickWeighted(r, org.areaCumulative));
            } else if (x < 0.85 && !org.teams.isEmpty()) {
                return pick(r, org.teams);
            } else if (x < 0.95 && !org.stationTargets.isEmpty()) {
                return pick(r, org.stationTargets);
            }
            return pick(r, org.branchTargets);
        }

        private boolean heatingSeason(long t) {
            // Jan-Mar and Nov-Dec
            return t < seasonEnd || t >= seasonStart;
        }

        /** Returns a Topic index 0-6, or 7 + i for free topic i. */
        private int topic(boolean season) {
            int i = pickWeighted(r, season ? SEASON_TOPICS : OFF_SEASON_TOPICS);
            return i < 7 ? i : 7 + r.nextInt(Texts.FREE_TOPICS.length);
        }

        private String format(String template) {
            return template.contains("%d") ? String.format(template, 12 + r.nextInt(6)) : template;
        }

        private CaseRecord makeCase(int row, String caseNo, long submitted) {
            boolean season = heatingSeason(submitted);
            // what it is
            double cx = r.nextDouble();
            Category category = cx < 0.48 ? Category.COMPLAINT : cx < 0.88 ? Category.CONSULTATION
                    : Category.SUGGESTION;
            boolean complex = chance(r, category == Category.CONSULTATION ? 0.02 : 0.07);
            double chx = r.nextDouble();
            Channel channel = chx < 0.50 ? Channel.HOTLINE : chx < 0.65 ? Channel.GOV_HOTLINE
                    : chx < 0.82 ? Channel.WECHAT : chx < 0.94 ? Channel.APP : Channel.WALK_IN;
            int topicIndex = topic(season);
            String topic = topicIndex < 7 ? Topic.values()[topicIndex].name()
                    : Texts.FREE_TOPICS[topicIndex - 7];
            String demand = topicIndex < 7 ? format(pick(r, Texts.DEMANDS[topicIndex]))
                    : pick(r, Texts.FREE_TOPIC_DEMANDS[topicIndex - 7]);
            boolean onTheSpot = category == Category.CONSULTATION && !complex && chance(r, 0.45);
            Target target = onTheSpot ? null : target();

            // who
            String name;
            String phone;
            String address;
            if (category == Category.COMPLAINT && chance(r, 0.035) && (target = repeatOf(submitted, target)) != null
                    && lastRepeat != null) {
                name = lastRepeat[0];
                phone = lastRepeat[1];
                address = lastRepeat[2];
                topic = lastRepeat[3];
                demand = lastRepeat[4].startsWith("再次反映：") ? lastRepeat[4] : "再次反映：" + lastRepeat[4];
                topicIndex = topicIndexOf(topic);
            } else {
                if (target == null && !onTheSpot) {
                    target = target();
                }
                name = citizenName();
                phone = phone();
                address = address(target);
            }
            lastRepeat = null;
            if (category == Category.COMPLAINT) {
                remember(submitted, new String[]{name, phone, address, topic, demand}, target);
            }

            // timeline
            long occurred = submitted - (chance(r, 0.05) ? between(r, 2 * DAY, 7 * DAY) : between(r, 5 * MIN, 36 * HOUR));
            occurred = occurred / MIN * MIN;
            long recorded;
            double rx = r.nextDouble();
            if (rx < 0.02) {
                recorded = submitted + between(r, 25 * HOUR, 80 * HOUR);
            } else if (rx < 0.025) {
                recorded = Instants.NONE;
            } else {
                recorded = submitted + switch (channel) {
                    case HOTLINE, WALK_IN -> between(r, 0, 3 * MIN);
                    case WECHAT, APP -> between(r, MIN, 30 * MIN);
                    case GOV_HOTLINE -> between(r, 5 * MIN, 4 * HOUR);
                };
            }
            String agent = pick(r, org.agents);
            long accepted = submitted + (chance(r, 0.05) ? between(r, 31 * MIN, 4 * HOUR) : between(r, MIN, 20 * MIN));
            long deadline = submitted + (complex || category == Category.SUGGESTION ? 3 * DAY
                    : category == Category.CONSULTATION ? 4 * HOUR : 24 * HOUR);
            long dispatched = Instants.NONE;
            long contacted = Instants.NONE;
            boolean siteSurvey = false;
            long surveyed = Instants.NONE;
            long solutionAt;
            long completed;
            String unit = null;
            String handler = null;
            boolean contactNeverTyped = false;
            if (onTheSpot) {
                solutionAt = accepted + between(r, MIN, 15 * MIN);
                completed = solutionAt;
            } else {
                unit = target.unit().code();
                if (!target.stewards().isEmpty() && chance(r, 0.95)) {
                    handler = pick(r, target.stewards());
                }
                dispatched = accepted + between(r, MIN, 8 * MIN);
                contacted = dispatched + (chance(r, 0.07) ? between(r, 2 * HOUR + MIN, 12 * HOUR)
                        : between(r, 5 * MIN, 110 * MIN));
                long planned = chance(r, 0.07)
                        ? deadline + (complex ? between(r, DAY, 7 * DAY) : between(r, HOUR, 4 * DAY))
                        : submitted + (long) ((deadline - submitted) * (0.15 + 0.7 * r.nextDouble()));
                if (topicIndex == 0 || topicIndex == 2 || topicIndex == 3 || topicIndex == 4) {
                    siteSurvey = category != Category.CONSULTATION && chance(r, 0.55);
                }
                if (siteSurvey) {
                    surveyed = contacted + between(r, 30 * MIN, 5 * HOUR);
                    if (chance(r, 0.04)) {
                        planned = Math.max(planned, surveyed + between(r, 30 * MIN, 3 * HOUR));
                        surveyed = Instants.NONE; // survey done but never typed
                    } else {
                        planned = Math.max(planned, surveyed + between(r, 30 * MIN, 3 * HOUR));
                    }
                }
                solutionAt = Math.max(planned, contacted + between(r, 10 * MIN, 60 * MIN));
                completed = category == Category.CONSULTATION ? solutionAt
                        : solutionAt + (topicIndex == 2 ? between(r, 2 * HOUR, 3 * DAY) : between(r, 0, 2 * DAY));
                contactNeverTyped = chance(r, 0.03);
                if (chance(r, 0.015)) {
                    completed = Instants.NONE; // stuck: never finished
                    if (chance(r, 0.5)) {
                        solutionAt = Instants.NONE;
                    }
                }
            }
            boolean resolved = chance(r, category == Category.COMPLAINT ? 0.9 : 0.95);
            String solution = onTheSpot ? pick(r, Texts.ON_THE_SPOT)
                    : topicIndex < 7 ? format(pick(r, Texts.SOLUTIONS[topicIndex])) : pick(r, Texts.SOLUTIONS[6]);

            // evaluation and review
            EvaluationLevel level = null;
            EvaluationChannel evalChannel = null;
            long evaluated = Instants.NONE;
            String comment = null;
            long unsatisfied = Instants.NONE;
            long reviewed = Instants.NONE;
            ReviewFinding finding = null;
            long rehandled = Instants.NONE;
            long explained = Instants.NONE;
            if (completed != Instants.NONE && chance(r, 0.92)) {
                evaluated = completed + between(r, HOUR, 48 * HOUR);
                evalChannel = chance(r, 0.7) ? EvaluationChannel.PHONE : EvaluationChannel.ONLINE;
                double lx = r.nextDouble();
                level = resolved ? (lx < 0.85 ? EvaluationLevel.SATISFIED : lx < 0.97 ? EvaluationLevel.BASIC
                        : EvaluationLevel.UNSATISFIED)
                        : (lx < 0.2 ? EvaluationLevel.SATISFIED : lx < 0.6 ? EvaluationLevel.BASIC
                        : EvaluationLevel.UNSATISFIED);
                comment = comment(level);
                if (level == EvaluationLevel.UNSATISFIED) {
                    unsatisfied = evaluated;
                    double vx = r.nextDouble();
                    if (vx < 0.78) {
                        reviewed = unsatisfied + between(r, HOUR, 20 * HOUR);
                    } else if (vx < 0.9) {
                        reviewed = unsatisfied + between(r, 25 * HOUR, 72 * HOUR);
                    }
                    if (reviewed != Instants.NONE) {
                        finding = chance(r, 0.55) ? ReviewFinding.SERVICE_PROBLEM : ReviewFinding.MISUNDERSTANDING;
                        long followUp = Instants.NONE;
                        if (chance(r, 0.85)) {
                            followUp = reviewed + (finding == ReviewFinding.SERVICE_PROBLEM
                                    ? between(r, 2 * HOUR, 3 * DAY) : between(r, HOUR, 2 * DAY));
                        }
                        if (finding == ReviewFinding.SERVICE_PROBLEM) {
                            rehandled = followUp;
                        } else {
                            explained = followUp;
                        }
                        if (followUp != Instants.NONE && chance(r, 0.4)) {
                            long again = followUp + between(r, HOUR, 2 * DAY);
                            if (again <= cutoff) {
                                evaluated = again;
                                level = chance(r, 0.6) ? EvaluationLevel.SATISFIED : EvaluationLevel.BASIC;
                                evalChannel = EvaluationChannel.PHONE;
                                comment = comment(level);
                            }
                        }
                    }
                }
            }

            // what has not happened at the cutoff is not in the ledger
            recorded = cut(recorded);
            accepted = cut(accepted);
            dispatched = cut(dispatched);
            contacted = cut(contacted);
            surveyed = cut(surveyed);
            solutionAt = cut(solutionAt);
            completed = cut(completed);
            if (accepted == Instants.NONE) {
                agent = null;
            }
            if (dispatched == Instants.NONE) {
                unit = null;
                handler = null;
            }
            if (solutionAt == Instants.NONE) {
                solution = null;
            }
            if (completed == Instants.NONE) {
                resolved = false;
            }
            if (cut(evaluated) == Instants.NONE || completed == Instants.NONE) {
                evaluated = Instants.NONE;
                level = null;
                evalChannel = null;
                comment = null;
            }
            unsatisfied = completed == Instants.NONE ? Instants.NONE : cut(unsatisfied);
            if (unsatisfied == Instants.NONE) {
                reviewed = Instants.NONE;
            }
            reviewed = cut(reviewed);
            if (reviewed == Instants.NONE) {
                finding = null;
                rehandled = Instants.NONE;
                explained = Instants.NONE;
            }
            rehandled = cut(rehandled);
            explained = cut(explained);
            if (contactNeverTyped && completed != Instants.NONE) {
                contacted = Instants.NONE;
            }

            // a tail of damaged rows: inconsistent (~0.5 %) and missing required fields (~2 %)
            if (completed != Instants.NONE && chance(r, 0.005)) {
                if (evaluated != Instants.NONE && chance(r, 0.5)) {
                    evaluated = completed - between(r, HOUR, DAY);
                } else {
                    completed = submitted - between(r, HOUR, DAY);
                }
            }
            if (chance(r, 0.02)) {
                switch (r.nextInt(7)) {
                    case 0 -> name = null;
                    case 1 -> phone = null;
                    case 2 -> address = null;
                    case 3 -> demand = null;
                    case 4 -> occurred = Instants.NONE;
                    case 5 -> topic = null;
                    default -> {
                        if (completed != Instants.NONE) {
                            solution = null;
                        } else {
                            category = null;
                        }
                    }
                }
            }
            if (comment != null && chance(r, 0.01)) {
                comment = null;
            }
            return CaseRecord.builder().row(row)
                    .set(CaseColumn.CASE_NO, caseNo)
                    .set(CaseColumn.CHANNEL, channel)
                    .set(CaseColumn.CATEGORY, category)
                    .set(CaseColumn.COMPLEX, complex)
                    .set(CaseColumn.TOPIC, topic)
                    .set(CaseColumn.CITIZEN_NAME, name)
                    .set(CaseColumn.CITIZEN_PHONE, phone)
                    .set(CaseColumn.ADDRESS, address)
                    .set(CaseColumn.DEMAND, demand)
                    .at(CaseColumn.OCCURRED_AT, occurred)
                    .at(CaseColumn.SUBMITTED_AT, submitted)
                    .at(CaseColumn.RECORDED_AT, sec(recorded))
                    .at(CaseColumn.ACCEPTED_AT, sec(accepted))
                    .set(CaseColumn.ACCEPTED_BY, agent)
                    .at(CaseColumn.DISPATCHED_AT, sec(dispatched))
                    .set(CaseColumn.UNIT, unit)
                    .set(CaseColumn.HANDLER, handler)
                    .at(CaseColumn.CONTACTED_AT, sec(contacted))
                    .set(CaseColumn.SITE_SURVEY, siteSurvey)
                    .at(CaseColumn.SURVEYED_AT, sec(surveyed))
                    .set(CaseColumn.SOLUTION, solution)
                    .at(CaseColumn.SOLUTION_AT, sec(solutionAt))
                    .at(CaseColumn.COMPLETED_AT, sec(completed))
                    .set(CaseColumn.RESOLVED, resolved)
                    .set(CaseColumn.EVALUATION, level)
                    .set(CaseColumn.EVALUATION_CHANNEL, evalChannel)
                    .at(CaseColumn.EVALUATED_AT, sec(evaluated))
                    .set(CaseColumn.EVALUATION_COMMENT, comment)
                    .at(CaseColumn.UNSATISFIED_AT, sec(unsatisfied))
                    .at(CaseColumn.REVIEWED_AT, sec(reviewed))
                    .set(CaseColumn.REVIEW_FINDING, finding)
                    .at(CaseColumn.REHANDLED_AT, sec(rehandled))
                    .at(CaseColumn.EXPLAINED_AT, sec(explained))
                    .build();
        }

        private String comment(EvaluationLevel level) {
            return switch (level) {
                case SATISFIED -> pick(r, Texts.COMMENT_SATISFIED);
                case BASIC -> pick(r, Texts.COMMENT_BASIC);
                case UNSATISFIED -> pick(r, Texts.COMMENT_UNSATISFIED);
            };
        }

        private String[] lastRepeat;

        /** Picks a recent complaint (within 30 days) to repeat; sets {@link #lastRepeat} and returns its target. */
        private Target repeatOf(long submitted, Target fallback) {
            lastRepeat = null;
            int n = Math.min(recentCount, RECENT);
            if (n == 0) {
                return fallback;
            }
            int window = Math.min(n, 60);
            for (int attempt = 0; attempt < 4; attempt++) {
                int back = 1 + r.nextInt(window);
                int i = Math.floorMod(recentCount - back, RECENT);
                long at = recentAt[i];
                if (at < submitted && submitted - at <= 29 * DAY) {
                    lastRepeat = recentCitizen[i];
                    return recentTarget[i] != null ? recentTarget[i] : fallback;
                }
            }
            return fallback;
        }

        private void remember(long at, String[] citizen, Target target) {
            int i = recentCount % RECENT;
            recentAt[i] = at;
            recentCitizen[i] = citizen;
            recentTarget[i] = target;
            recentCount++;
        }

        private int topicIndexOf(String topic) {
            for (int i = 0; i < Topic.values().length; i++) {
                if (Topic.values()[i].name().equals(topic)) {
                    return i;
                }
            }
            for (int i = 0; i < Texts.FREE_TOPICS.length; i++) {
                if (Texts.FREE_TOPICS[i].equals(topic)) {
                    return 7 + i;
                }
            }
            return 6;
        }
    }
}
