package org.warmline.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DateUtil;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

/**
 * Turns the rows of the tables into the model, checking every value and every reference. Units are read first, then
 * staff, then the other tables, so references are checked as rows arrive.
 */
final class Collector {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?");
    /** A number in scientific notation, as Excel writes a long number in a General column ({@code 1.8986E+10}). */
    static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+([.,]\\d+)?[eE][+-]?\\d+");
    private static final int SHOWN_CHARS = 60;

    private final Problems problems;
    private final Values values;
    private final Scheme scheme;
    private final LedgerReader.Limits limits;
    /** Whether the workbook being read uses the 1904 date system. */
    boolean date1904;
    private long rows;

    final List<Unit> units = new ArrayList<>();
    final List<Staff> staff = new ArrayList<>();
    ChunkList<CaseRecord> cases = new ChunkList<>();
    /** The instants of the cases read by this collector (each part of a reading has its own). */
    private final CaseRecord.InstantBlocks instants = new CaseRecord.InstantBlocks();
    final List<Regulation> regulations = new ArrayList<>();
    final List<Training> trainings = new ArrayList<>();
    final List<Outage> outages = new ArrayList<>();
    final List<SpecialTask> tasks = new ArrayList<>();
    final List<Adjustment> adjustments = new ArrayList<>();

    private final Map<String, Integer> unitRows;
    private final Map<String, UnitKind> unitKinds;
    private final Map<String, Integer> staffRows;
    private final Map<String, Post> staffPosts;
    private RowTable caseRows = new RowTable();
    private final Map<String, Integer> regulationRows = new HashMap<>();
    private final Map<String, String> interned = new HashMap<>();
    private final List<Object[]> parentRefs = new ArrayList<>();
    private String unitsFile;
    private String unitsParentHeader;
    private int hqRow;
    private final java.util.Set<LedgerTable> unreadable = java.util.EnumSet.noneOf(LedgerTable.class);
    /** The files or sheets of the cases table read so far (a case number's first row is kept with its index). */
    private final List<String> caseFiles = new ArrayList<>();
    /** Case numbers' first rows are kept as {@code index << ROW_BITS | row} for the sheets after the first. */
    private static final int ROW_BITS = 21;
    /**
     * The columns of the cases table in the order a row is read: the required ones first (so that a row's missing case
     * number and submission are reported before what else is wrong with it), then the others in their order.
     */
    private static final List<CaseColumn<?>> REQUIRED_FIRST = java.util.stream.Stream.concat(
            CaseColumn.ALL.stream().filter(CaseColumn::required),
            CaseColumn.ALL.stream().filter(c -> !c.required())).toList();
    /** The first column read after the required ones: the case number is checked for uniqueness before it. */
    private static final CaseColumn<?> FIRST_OPTIONAL = CaseColumn.ALL.stream().filter(c -> !c.required())
            .findFirst().orElseThrow();

    Collector(Problems problems, Values values, Scheme scheme, LedgerReader.Limits limits) {
        this.problems = problems;
        this.values = values;
        this.scheme = scheme;
        this.limits = limits;
        this.unitRows = new HashMap<>();
        this.unitKinds = new HashMap<>();
        this.staffRows = new HashMap<>();
        this.staffPosts = new HashMap<>();
    }

    /**
     * A part of this collector for reading a part of the cases table in another thread: it shares the units and staff
     * read so far (only read from then on) and has its own problems, cases, first rows of case numbers and caches.
     */
    private Collector(Collector whole) {
        this.problems = new Problems(whole.problems.messages);
        this.values = whole.values;
        this.scheme = whole.scheme;
        this.limits = whole.limits;
        this.date1904 = whole.date1904;
        this.unitRows = whole.unitRows;
        this.unitKinds = whole.unitKinds;
        this.staffRows = whole.staffRows;
        this.staffPosts = whole.staffPosts;
        this.unitsFile = whole.unitsFile;
        this.unitsParentHeader = whole.unitsParentHeader;
        this.hqRow = whole.hqRow;
    }

    Collector part() {
        return new Collector(this);
    }

    /** Makes room for about this many case numbers at once (a part of a large cases table, see CsvSource). */
    void expectCases(long count) {
        if (caseRows.size() == 0) {
            caseRows = new RowTable((int) Math.min(count, 1 << 21));
        }
    }

    Problems problems() {
        return problems;
    }

    /**
     * Joins two parts of the cases table read apart, the first part first ({@link CsvSource#readSplit}); returns false,
     * changing nothing, when the table must be read again whole: a part found a problem, the rows are too many, or a
     * case number of the second part is in the first.
     */
    boolean join(Collector first, Collector second) {
        if (first.problems.any() || second.problems.any() || caseRows.size() > 0
                || rows + first.rows + second.rows > limits.maxRows()) {
            return false;
        }
        // a case number of the second part that the first part has: read again whole (that reports the duplicate);
        // no table of all the case numbers is made, since no row of the cases table comes after the two parts
        RowTable table = first.caseRows;
        for (CaseRecord c : second.cases) {
            if (table.row(c.caseNo()) >= 0) {
                return false;
            }
        }
        caseRows = table;
        rows += first.rows + second.rows;
        for (String warning : first.problems.warnings()) {
            problems.warnAsIs(warning);
        }
        if (!problems.any()) {
            if (cases.isEmpty()) {
                cases = first.cases;
            } else {
                cases.appendAll(first.cases);
            }
            cases.appendAll(second.cases);
        }
        return true;
    }

    DataSet dataSet() {
        return new DataSet(units, staff, cases.frozen(), regulations, trainings, outages, tasks, adjustments);
    }

    /** The reader of a whole table, or of one of the files or sheets that make it up (cases by month, say). */
    Cells.RowSink open(LedgerTable table, String file) {
        return new TableReader(table, file, true);
    }

    /**
     * Notes that a table's file could not be read at all (its encoding, its CSV structure): references to that table
     * are then not checked, since every one of them would be a follow-on problem of the one already reported.
     */
    void unreadable(LedgerTable table) {
        unreadable.add(table);
    }

    /**
     * A reader of the cases table that also takes records from {@link CaseFields} (see {@link CaseSink}), with the
     * handler that reads them for this collector.
     */
    CaseSink openCases(String file) {
        return new TableReader(LedgerTable.CASES, file, false);
    }

    /** The FastCSV handler that reads the records of the cases table for this collector (see {@link CaseFields}). */
    CaseFields caseFields() {
        return new CaseFields(values, this::intern, text -> intern(Topic.normalize(text)), unitRows::containsKey,
                staffRows::containsKey, limits);
    }

    /** Receives the cases table: the header as cells, then records as {@link CaseFields}. */
    interface CaseSink extends Cells.RowSink {
        /** The position of each column of the table in the records, -1 when missing (known after the header). */
        int[] positions();

        void row(int row, CaseFields fields);
    }

    /** Checks the unit tree once the units table is read: parents that exist, no cycles. */
    void finishUnits() {
        Map<String, String> parents = new HashMap<>();
        for (Object[] ref : parentRefs) {
            String code = (String) ref[0];
            String parent = (String) ref[1];
            int row = (Integer) ref[2];
            if (!unitRows.containsKey(parent)) {
                problems.add(unitsFile, row, unitsParentHeader, "unknownUnit", parent);
            } else {
                parents.put(code, parent);
            }
        }
        Set<String> done = new HashSet<>();
        for (String start : parents.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            String at = start;
            while (at != null && !done.contains(at) && !onPath.contains(at)) {
                path.add(at);
                onPath.add(at);
                at = parents.get(at);
            }
            if (at != null && onPath.contains(at)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
                String first = cycle.stream().min((a, b) -> Integer.compare(unitRows.get(a), unitRows.get(b)))
                        .orElseThrow();
                problems.add(unitsFile, unitRows.get(first), unitsParentHeader, "cycle", String.join(" → ", cycle));
            }
            done.addAll(path);
        }
    }

    private String intern(String s) {
        if (s == null) {
            return null;
        }
        String known = interned.putIfAbsent(s, s);
        return known != null ? known : s;
    }

    /**
     * One copy of a text that many rows repeat (names, template demands and solutions, short comments): a small
     * direct-mapped cache returns the equal string seen last in the same slot. Equal strings, so the data is the same;
     * a million cases then keep far fewer strings alive (less memory, less for the collector to copy).
     */
    private String repeated(String s) {
        if (s == null) {
            return null;
        }
        int slot = (s.hashCode() * 0x9E3779B9 >>> 20) & (recent.length - 1);
        String known = recent[slot];
        if (s.equals(known)) {
            return known;
        }
        recent[slot] = s;
        return s;
    }

    private final String[] recent = new String[1 << 12];

    private static String shown(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }

    /** Words of the rows clerks put under a ledger: totals, who made, checked and approved it. */
    private static final List<String> FOOTER_WORDS = List.of("合计", "总计", "小计", "共计", "累计", "制表", "填表",
            "填报人", "审核", "审批", "批准", "负责人", "签字", "签名", "盖章", "total", "prepared by", "checked by",
            "approved by", "signature");

    /** Whether a row holds a text with a footer word (合计, 制表人, 审核, …). */
    static boolean footerRow(Object[] cells) {
        return footerText(cells) != null;
    }

    /** The first text of a row with a footer word, or null. */
    static String footerText(Object[] cells) {
        for (Object cell : cells) {
            if (cell instanceof String s) {
                String lower = s.toLowerCase(java.util.Locale.ROOT);
                for (String word : FOOTER_WORDS) {
                    if (lower.contains(word)) {
                        return shown(s.trim());
                    }
                }
            }
        }
        return null;
    }

    /** Reads the rows of one table. */
    private final class TableReader implements CaseSink {

        private final LedgerTable table;
        private final String file;
        private final int[] pos;
        private final String[] headers;
        private boolean broken;
        private Object[] cells;
        private int row;
        /** The columns (by table index) of the current row whose cell was rejected. */
        private long badMask;
        /** The record being read when it comes from {@link CaseFields}: the values it took, or null. */
        private CaseFields taken;
        /**
         * Whether the reader sees its file to the end (not a part of it): then rows without a case number are held
         * until a later row has one, and a trailing block of them holding totals or signatures is skipped.
         */
        private final boolean whole;
        private final int caseFile;
        private final List<Object[]> pending = new ArrayList<>();
        private final List<Integer> pendingRows = new ArrayList<>();
        private boolean flushing;

        TableReader(LedgerTable table, String file, boolean whole) {
            this.table = table;
            this.file = file;
            this.whole = whole && table == LedgerTable.CASES;
            if (table == LedgerTable.CASES) {
                caseFile = caseFiles.size();
                caseFiles.add(file);
            } else {
                caseFile = 0;
            }
            this.pos = new int[table.columns.size()];
            Arrays.fill(pos, -1);
            this.headers = new String[table.columns.size()];
            for (int i = 0; i < headers.length; i++) {
                headers[i] = table.columns.get(i).english();
            }
        }

        @Override
        public void header(int row, Object[] cells) {
            for (int i = 0; i < cells.length; i++) {
                Object cell = cells[i];
                String name;
                if (cell == Cells.FORMULA) {
                    problems.add(file, row, Cells.letters(i), "formula");
                    broken = true;
                    continue;
                } else if (cell == Cells.TOO_LONG) {
                    problems.add(file, row, Cells.letters(i), "headerTooLong");
                    broken = true;
                    continue;
                } else if (cell instanceof Cells.Error error) {
                    problems.add(file, row, Cells.letters(i), "cellError", error.text());
                    broken = true;
                    continue;
                } else if (cell instanceof Cells.Number n) {
                    name = Values.plain(n.value());
                } else {
                    name = cell == null ? "" : ((String) cell).replace("\uFEFF", "").trim();
                }
                if (name.isEmpty()) {
                    continue;
                }
                int index = table.column(name);
                if (index < 0) {
                    problems.warn(file, row, shown(name), "unknownColumn");
                } else if (pos[index] >= 0) {
                    problems.add(file, row, name, "duplicateColumn", headers[index]);
                    broken = true;
                } else {
                    pos[index] = i;
                    headers[index] = name;
                }
            }
            for (int i = 0; i < pos.length; i++) {
                LedgerTable.Column column = table.columns.get(i);
                if (pos[i] < 0 && column.required()) {
                    problems.add(file, row, column.english(), "missingColumn", column.english(), column.chinese());
                    broken = true;
                }
            }
            if (table == LedgerTable.UNITS) {
                unitsFile = file;
                unitsParentHeader = headers[3];
            }
        }

        @Override
        public int[] positions() {
            return pos.clone();
        }

        @Override
        public void row(int row, CaseFields fields) {
            if (broken || fields.blank()) {
                return;
            }
            if (++rows > limits.maxRows()) {
                problems.add(file, row, "", "tooManyRows", limits.maxRows());
                throw new Problems.Full();
            }
            this.cells = fields.cells();
            this.row = row;
            this.badMask = 0;
            this.taken = fields;
            try {
                caseRow();
            } finally {
                this.taken = null;
            }
        }

        @Override
        public void row(int row, Object[] cells) {
            if (broken || Cells.blank(cells)) {
                return;
            }
            if (++rows > limits.maxRows()) {
                problems.add(file, row, "", "tooManyRows", limits.maxRows());
                throw new Problems.Full();
            }
            this.cells = cells;
            this.row = row;
            this.badMask = 0;
            switch (table) {
                case UNITS -> unit();
                case STAFF -> person();
                case CASES -> caseRow();
                case REGULATIONS -> regulation();
                case TRAININGS -> training();
                case OUTAGES -> outage();
                case TASKS -> task();
                case ADJUSTMENTS -> adjustment();
            }
        }

        private void unit() {
            String code = required(0);
            String name = text(1);
            UnitKind kind = coded(2, UnitKind.class, true);
            String parent = code(3);
            if (code == null) {
                return;
            }
            if (!uniqueCode(code)) {
                return;
            }
            unitRows.put(code, row);
            if (kind != null) {
                unitKinds.put(code, kind);
            }
            if (kind == UnitKind.HQ_SERVICE) {
                if (hqRow > 0) {
                    problems.add(file, row, headers[2], "secondHq", hqRow);
                } else {
                    hqRow = row;
                }
            }
            if (parent != null) {
                parentRefs.add(new Object[] {code, parent, row});
            }
            units.add(new Unit(code, name, kind, parent));
        }

        private void person() {
            String code = required(0);
            String name = text(1);
            Post post = coded(2, Post.class, true);
            String unit = unitRef(3);
            if (code == null || !uniqueCode(code)) {
                return;
            }
            staffRows.put(code, row);
            if (post != null) {
                staffPosts.put(code, post);
            }
            staff.add(new Staff(code, name, post, unit));
        }

        private boolean uniqueCode(String code) {
            Integer before = unitRows.get(code);
            String where = unitsFile;
            if (before == null) {
                before = staffRows.get(code);
                where = file;
            }
            if (before != null) {
                problems.add(file, row, headers[0], "duplicateCode", code, where, before);
                return false;
            }
            return true;
        }

        @Override
        public void end() {
            if (pending.isEmpty()) {
                return;
            }
            if (pending.stream().allMatch(Collector::footerRow)) {
                int first = pendingRows.get(0);
                int last = pendingRows.get(pendingRows.size() - 1);
                problems.warn(file, first, "", "footerSkipped", first == last ? Integer.toString(first)
                        : first + "–" + last, footerText(pending.get(0)));
                pending.clear();
                pendingRows.clear();
            } else {
                flushPending();
            }
        }

        /** Reads the held rows without a case number as the rows they are (each then lacks its case number). */
        private void flushPending() {
            Object[] currentCells = cells;
            int currentRow = row;
            long currentBad = badMask;
            flushing = true;
            try {
                for (int i = 0; i < pending.size(); i++) {
                    cells = pending.get(i);
                    row = pendingRows.get(i);
                    badMask = 0;
                    caseRow();
                }
            } finally {
                flushing = false;
                pending.clear();
                pendingRows.clear();
                cells = currentCells;
                row = currentRow;
                badMask = currentBad;
            }
        }

        private boolean caseNoMissing() {
            int p = pos[CaseColumn.CASE_NO.index()];
            Object cell = p < 0 || p >= cells.length ? null : cells[p];
            // empty, or a footer's text where the case number would be (合计, 制表人:…)
            return cell == null || (cell instanceof String s && (s.isBlank() || footerRow(new Object[] {s})));
        }

        private void caseRow() {
            if (whole && !flushing) {
                if (caseNoMissing()) {
                    pending.add(cells);
                    pendingRows.add(row);
                    return;
                }
                if (!pending.isEmpty()) {
                    flushPending();
                }
            }
            CaseRecord.Builder record = CaseRecord.builder(instants).row(row);
            for (CaseColumn<?> column : REQUIRED_FIRST) {
                if (column == FIRST_OPTIONAL) {
                    unique(record.get(CaseColumn.CASE_NO));
                }
                read(column, record);
            }
            if (!problems.any()) {
                cases.append(record.build(instants));
            }
        }

        /** Reads a column of the current row of the cases table into the record, reporting what is wrong with it. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private void read(CaseColumn<?> column, CaseRecord.Builder record) {
            int i = column.index();
            if (column.kind() == CaseColumn.Kind.INSTANT) {
                long value = instant(i);
                record.at(column.asInstant(), value);
                if (value == Instants.NONE && column.required() && !isBad(i)) {
                    problems.add(file, row, headers[i], "required");
                }
                return;
            }
            Object value = switch (column.kind()) {
                case TEXT -> column.repeated() ? repeatedText(i) : text(i);
                case PHONE -> phone(i);
                case TOPIC -> topic(i);
                case CODE -> coded(i, (Class) column.type(), false);
                case FLAG -> bool(i);
                case UNIT -> unitRef(i);
                case STAFF -> staffRef(i);
                case INSTANT -> throw new IllegalStateException();
            };
            record.set((CaseColumn) column, value);
            if (value == null && column.required() && !isBad(i)) {
                problems.add(file, row, headers[i], "required");
            }
        }

        /** Reports a case number given before, in this file or sheet or in an earlier one of the cases table. */
        private void unique(String caseNo) {
            if (caseNo == null) {
                return;
            }
            int i = CaseColumn.CASE_NO.index();
            int first = caseRows.putIfAbsent(caseNo,
                    caseFile > 0 && row < (1 << ROW_BITS) ? caseFile << ROW_BITS | row : row);
            if (first >= 0) {
                int firstFile = caseFiles.size() > 1 && first >= 1 << ROW_BITS ? first >>> ROW_BITS : 0;
                int firstRow = firstFile > 0 ? first & ((1 << ROW_BITS) - 1) : first;
                if (firstFile == caseFile) {
                    problems.add(file, row, headers[i], "duplicateCase", caseNo, firstRow);
                } else {
                    problems.add(file, row, headers[i], "duplicateCaseIn", caseNo, caseFiles.get(firstFile),
                            firstRow);
                }
            }
        }

        private void regulation() {
            String unit = requiredUnit(0);
            Regulation regulation = new Regulation(unit, bool(1), bool(2), bool(3), bool(4), bool(5));
            if (unit != null) {
                Integer first = regulationRows.putIfAbsent(unit, row);
                if (first != null) {
                    problems.add(file, row, headers[0], "secondRegulation", unit, first);
                    return;
                }
            }
            regulations.add(regulation);
        }

        private void training() {
            String unit = requiredUnit(0);
            LocalDate heldOn = date(1);
            if (heldOn == null && !isBad(1)) {
                problems.add(file, row, headers[1], "required");
            }
            trainings.add(new Training(unit, heldOn, text(2), bool(3), bool(4), bool(5)));
        }

        private void outage() {
            String channel = intern(text(0));
            String unit = unitRef(1);
            long startedAt = instant(2);
            if (startedAt == Instants.NONE && !isBad(2)) {
                problems.add(file, row, headers[2], "required");
            }
            outages.add(new Outage(channel, unit, startedAt, instant(3), row));
        }

        private void task() {
            String taskNo = text(0);
            String unit = requiredUnit(1);
            String title = text(2);
            LocalDate due = date(3);
            if (due == null && !isBad(3)) {
                problems.add(file, row, headers[3], "required");
            }
            tasks.add(new SpecialTask(taskNo, unit, title, due, bool(4), date(5), boolOrNull(6)));
        }

        private void adjustment() {
            String subject = required(0);
            SubjectKind kind = null;
            if (subject != null) {
                if (unitRows.containsKey(subject)) {
                    UnitKind unitKind = unitKinds.get(subject);
                    kind = unitKind == null ? null : SubjectKind.valueOf(unitKind.name());
                } else if (staffRows.containsKey(subject)) {
                    Post post = staffPosts.get(subject);
                    kind = post == null ? null : SubjectKind.valueOf(post.name());
                } else if (!unreadable.contains(LedgerTable.UNITS) && !unreadable.contains(LedgerTable.STAFF)) {
                    problems.add(file, row, headers[0], "unknownSubject", subject);
                }
            }
            String period = required(1);
            if (period != null && !PERIOD.matcher(period).matches()) {
                problems.add(file, row, headers[1], "badPeriod", shown(period));
            }
            if (period != null) {
                period = period.toUpperCase(java.util.Locale.ROOT);
            }
            String item = required(2);
            if (item != null) {
                ItemCode code = ItemCode.ofCode(item);
                if (code == null) {
                    problems.add(file, row, headers[2], "unknownItem", shown(item));
                } else if (kind != null && scheme.subject(kind) != null
                        && !scheme.subject(kind).items().contains(code.code())) {
                    problems.add(file, row, headers[2], "itemNotApplicable", code.code(), subject, kind.name());
                }
            }
            BigDecimal points = number(3);
            if (points == null && !isBad(3)) {
                problems.add(file, row, headers[3], "required");
            }
            String reason = required(4);
            String assessor = text(5);
            adjustments.add(new Adjustment(subject, period, item, points, reason, assessor, row));
        }

        // ---- cells

        /** The cell of a column, null when empty or rejected (a formula or a too long cell is reported here). */
        private Object raw(int index) {
            int p = pos[index];
            if (p < 0 || p >= cells.length) {
                return null;
            }
            Object cell = cells[p];
            if (cell == null || isBad(index)) {
                return null;
            }
            if (cell == Cells.FORMULA) {
                problems.add(file, row, headers[index], "formula");
                bad(index);
                return null;
            }
            if (cell == Cells.TOO_LONG) {
                problems.add(file, row, headers[index], "cellTooLong", limits.maxCellChars());
                bad(index);
                return null;
            }
            if (cell instanceof Cells.Error error) {
                problems.add(file, row, headers[index], "cellError", error.text());
                bad(index);
                return null;
            }
            if (cell instanceof String s) {
                if (s.length() > limits.maxCellChars()) {
                    problems.add(file, row, headers[index], "cellTooLong", limits.maxCellChars());
                    bad(index);
                    return null;
                }
                String trimmed = s.trim();
                return trimmed.isEmpty() ? null : trimmed;
            }
            return cell;
        }

        /** Whether the cell of a column was rejected (so "required" is not reported on top). */
        private boolean isBad(int index) {
            return (badMask & (1L << index)) != 0;
        }

        private void bad(int index) {
            badMask |= 1L << index;
        }

        /** Whether {@link CaseFields} took the value of a column of the current record. */
        private boolean isTaken(int index) {
            return taken != null && taken.taken(index);
        }

        private String topic(int index) {
            return isTaken(index) ? (String) taken.value(index) : intern(Topic.normalize(text(index)));
        }

        private String repeatedText(int index) {
            return isTaken(index) ? (String) taken.value(index) : repeated(text(index));
        }

        private String text(int index) {
            if (isTaken(index)) {
                return (String) taken.value(index);
            }
            Object cell = raw(index);
            if (cell == null) {
                return null;
            }
            if (cell instanceof Cells.Number n) {
                if (n.date()) {
                    LocalDateTime t = DateUtil.getLocalDateTime(n.value(), date1904, true);
                    if (t != null) {
                        return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString()
                                : t.toString().replace('T', ' ');
                    }
                }
                return Values.plain(n.value());
            }
            return (String) cell;
        }

        private String code(int index) {
            return intern(text(index));
        }

        /**
         * A phone number: text as written, except one in scientific notation ({@code 1.8986E+10}, what Excel shows
         * and saves for a long number in a General column: digits are lost); a numeric cell is its digits when it
         * holds a whole number of 11 digits (a mobile number), and refused otherwise.
         */
        private String phone(int index) {
            if (isTaken(index)) {
                return (String) taken.value(index);
            }
            Object cell = raw(index);
            if (cell == null) {
                return null;
            }
            if (cell instanceof Cells.Number n) {
                double v = n.value();
                if (v == Math.rint(v) && v >= 1e10 && v < 1e11) {
                    return Long.toString((long) v);
                }
                problems.add(file, row, headers[index], "phoneNumeric", Values.plain(v));
                bad(index);
                return null;
            }
            String text = (String) cell;
            if (SCIENTIFIC.matcher(text).matches()) {
                problems.add(file, row, headers[index], "phoneScientific", shown(text));
                bad(index);
                return null;
            }
            return text;
        }

        private String required(int index) {
            String value = text(index);
            if (value == null && !isBad(index)) {
                problems.add(file, row, headers[index], "required");
            }
            return value;
        }

        private String unitRef(int index) {
            if (isTaken(index)) {
                return (String) taken.value(index);
            }
            String code = code(index);
            if (code != null && !unitRows.containsKey(code) && !unreadable.contains(LedgerTable.UNITS)) {
                problems.add(file, row, headers[index], "unknownUnit", shown(code));
            }
            return code;
        }

        private String requiredUnit(int index) {
            String code = unitRef(index);
            if (code == null && !isBad(index)) {
                problems.add(file, row, headers[index], "required");
            }
            return code;
        }

        private String staffRef(int index) {
            if (isTaken(index)) {
                return (String) taken.value(index);
            }
            String code = code(index);
            if (code != null && !staffRows.containsKey(code) && !unreadable.contains(LedgerTable.STAFF)) {
                problems.add(file, row, headers[index], "unknownStaff", shown(code));
            }
            return code;
        }

        private long instant(int index) {
            if (isTaken(index)) {
                return taken.instant(index);
            }
            Object cell = raw(index);
            if (cell == null) {
                return Instants.NONE;
            }
            if (cell instanceof Cells.Number n) {
                LocalDateTime t = DateUtil.isValidExcelDate(n.value())
                        ? DateUtil.getLocalDateTime(n.value(), date1904, true) : null;
                if (t == null) {
                    problems.add(file, row, headers[index], "badInstant", Values.plain(n.value()));
                    bad(index);
                    return Instants.NONE;
                }
                return values.localToEpochMillis(t);
            }
            String s = (String) cell;
            long value = values.instant(s);
            if (value == Values.BAD) {
                problems.add(file, row, headers[index], "badInstant", shown(s));
                bad(index);
                return Instants.NONE;
            }
            return value;
        }

        private LocalDate date(int index) {
            Object cell = raw(index);
            if (cell == null) {
                return null;
            }
            LocalDate value;
            String shown;
            if (cell instanceof Cells.Number n) {
                LocalDateTime t = DateUtil.isValidExcelDate(n.value())
                        ? DateUtil.getLocalDateTime(n.value(), date1904, true) : null;
                value = t == null ? null : t.toLocalDate();
                shown = Values.plain(n.value());
            } else {
                shown = (String) cell;
                value = Values.date(shown);
            }
            if (value == null) {
                problems.add(file, row, headers[index], "badDate", shown(shown));
                bad(index);
            }
            return value;
        }

        private Boolean boolOrNull(int index) {
            if (isTaken(index)) {
                return (Boolean) taken.value(index);
            }
            Object cell = raw(index);
            if (cell == null) {
                return null;
            }
            Boolean value;
            String shown;
            if (cell instanceof Cells.Number n) {
                value = n.value() == 1 ? Boolean.TRUE : n.value() == 0 ? Boolean.FALSE : null;
                shown = Values.plain(n.value());
            } else {
                shown = (String) cell;
                value = Values.bool(shown);
            }
            if (value == null) {
                problems.add(file, row, headers[index], "badBoolean", shown(shown));
                bad(index);
            }
            return value;
        }

        private boolean bool(int index) {
            return Boolean.TRUE.equals(boolOrNull(index));
        }

        private BigDecimal number(int index) {
            Object cell = raw(index);
            if (cell == null) {
                return null;
            }
            if (cell instanceof Cells.Number n) {
                return Values.normalise(BigDecimal.valueOf(n.value()));
            }
            BigDecimal value = Values.number((String) cell);
            if (value == null) {
                problems.add(file, row, headers[index], "badNumber", shown((String) cell));
                bad(index);
            }
            return value;
        }

        private <E extends Enum<E> & Coded> E coded(int index, Class<E> type, boolean required) {
            if (isTaken(index)) {
                return type.cast(taken.value(index));
            }
            String text = text(index);
            if (text == null) {
                if (required && !isBad(index)) {
                    problems.add(file, row, headers[index], "required");
                }
                return null;
            }
            E value = Coded.lookup(type, text);
            if (value == null) {
                StringBuilder expected = new StringBuilder();
                for (E e : type.getEnumConstants()) {
                    if (expected.length() > 0) {
                        expected.append(", ");
                    }
                    expected.append(e.name()).append(' ').append(e.chinese());
                }
                problems.add(file, row, headers[index], "unknownValue", shown(text), expected);
                bad(index);
            }
            return value;
        }
    }

    /**
     * The first row of each case number: an open-addressing table of ints (a key's index, its hash and its row), the
     * keys kept in the order first seen (in a {@link ChunkList}, for why no large array of new objects), so that a
     * million cases cost a few arrays instead of a million map entries and boxed rows.
     */
    static final class RowTable {
        /** Per slot: 1 + the index of its key in {@link #keys}, or 0 when free. */
        private int[] slots;
        private int[] hashes;
        private int[] rows;
        private final ChunkList<String> keys = new ChunkList<>();

        RowTable() {
            this(1 << 9);
        }

        /** A table with room for {@code expected} keys before it grows. */
        RowTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(expected, 1 << 9) * 2 - 1) << 1;
            slots = new int[capacity];
            hashes = new int[capacity];
            rows = new int[capacity];
        }

        /** The row recorded for a key, or -1. */
        int row(String key) {
            int slot = find(key, spread(key.hashCode()));
            return slots[slot] == 0 ? -1 : rows[slot];
        }

        /** Records the row of a key unless the key is known; returns the known row, or -1. */
        int putIfAbsent(String key, int row) {
            if (keys.size() * 2 >= slots.length) {
                grow();
            }
            int hash = spread(key.hashCode());
            int slot = find(key, hash);
            if (slots[slot] != 0) {
                return rows[slot];
            }
            keys.append(key);
            slots[slot] = keys.size();
            hashes[slot] = hash;
            rows[slot] = row;
            return -1;
        }

        int size() {
            return keys.size();
        }

        /** The slot of a key, or the free slot where it would go. */
        private int find(String key, int hash) {
            int mask = slots.length - 1;
            int i = hash & mask;
            while (slots[i] != 0) {
                if (hashes[i] == hash && keys.get(slots[i] - 1).equals(key)) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            int[] oldSlots = slots;
            int[] oldHashes = hashes;
            int[] oldRows = rows;
            slots = new int[oldSlots.length * 2];
            hashes = new int[oldSlots.length * 2];
            rows = new int[oldSlots.length * 2];
            int mask = slots.length - 1;
            for (int j = 0; j < oldSlots.length; j++) {
                if (oldSlots[j] != 0) {
                    int i = oldHashes[j] & mask;
                    while (slots[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = oldSlots[j];
                    hashes[i] = oldHashes[j];
                    rows[i] = oldRows[j];
                }
            }
        }

        private static int spread(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
