package org.warmline.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.warmline.scheme.Scheme;

/**
 * Reads a ledger data set (spec/ledger.md): a folder of UTF-8 CSV files, or one {@code .xlsx} workbook with one sheet
 * per table. Reading succeeds whole or throws a {@link LedgerException} with every problem found (at most 200), each
 * located as {@code FILE:ROW:COLUMN}; it never returns partial data.
 *
 * <p>Limits (hostile input gets a problem, never an out-of-memory error): {@value #MAX_ROWS} data rows in all tables
 * together, {@value #MAX_FILE_MB} MB per file, {@value #MAX_CELL_CHARS} characters per cell, {@value #MAX_COLUMNS}
 * columns; in a workbook, {@value #MAX_PART_MB} MB unpacked per part (sheet, shared strings) and
 * {@value #MAX_SHARED_STRINGS} shared strings, besides POI's zip-bomb check of the inflation ratio.
 */
public final class LedgerReader {

    /** Data rows in all tables together. */
    public static final int MAX_ROWS = 2_000_000;
    /** Size of one file (a CSV file, or the workbook), in MB. */
    public static final int MAX_FILE_MB = 1024;
    /** Characters in one cell. */
    public static final int MAX_CELL_CHARS = 100_000;
    /** Columns in one table. */
    public static final int MAX_COLUMNS = 1_000;
    /** Unpacked size of one part of a workbook, in MB. */
    public static final int MAX_PART_MB = 2048;
    /** Shared strings of a workbook. */
    public static final int MAX_SHARED_STRINGS = 10_000_000;

    /** The limits of a reading; tests lower them to show that reading streams and stops. */
    record Limits(long maxRows, long maxFileBytes, int maxCellChars, int maxRecordChars, int maxColumns,
                  long maxPartBytes, int maxSharedStrings) {

        static final Limits DEFAULT = new Limits(MAX_ROWS, MAX_FILE_MB * 1024L * 1024L, MAX_CELL_CHARS,
                4_000_000, MAX_COLUMNS, MAX_PART_MB * 1024L * 1024L, MAX_SHARED_STRINGS);
    }

    private final Scheme scheme;
    private final Locale locale;
    private final Limits limits;
    private final Values values;

    /**
     * @param scheme the scheme: its zone reads instants without an offset, its subjects say which items apply
     * @param locale the language of the messages: Chinese by default, English when the language is {@code en}
     */
    public LedgerReader(Scheme scheme, Locale locale) {
        this(scheme, locale, Limits.DEFAULT);
    }

    LedgerReader(Scheme scheme, Locale locale, Limits limits) {
        this.scheme = scheme;
        this.locale = locale == null ? Locale.CHINESE : locale;
        this.limits = limits;
        this.values = new Values(ZoneId.of(scheme.zone()));
    }

    /**
     * Reads a data set.
     *
     * @param path a folder of CSV files or an {@code .xlsx} workbook
     * @return the data set and the warnings
     * @throws LedgerException with every problem found, when the data set cannot be read whole
     */
    public LedgerReading read(Path path) {
        return read(path, true);
    }

    /**
     * Reads a data set for its organisation (units and staff), as the server's import does: like {@link #read(Path)},
     * every table present is read and checked, but the {@code cases} table may be missing.
     */
    public LedgerReading readOrganization(Path path) {
        return read(path, false);
    }

    private LedgerReading read(Path path, boolean casesRequired) {
        Problems problems = new Problems(new Messages(locale));
        Collector collector = new Collector(problems, values, scheme, limits);
        try {
            if (Files.isDirectory(path)) {
                readFolder(path, collector, problems, casesRequired);
            } else if (Files.isRegularFile(path)) {
                String name = path.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".xlsx")) {
                    readWorkbook(path, name, collector, problems, casesRequired);
                } else if (lower.endsWith(".xls")) {
                    problems.add(name, 0, "", "xls");
                } else {
                    problems.add(name, 0, "", "notDataSet");
                }
            } else {
                problems.add(String.valueOf(path), 0, "", "noSuchPath");
            }
        } catch (Problems.Full full) {
            // the list is full: report what was found
        } catch (OutOfMemoryError e) {
            throw new LedgerException(List.of(new LedgerProblem(String.valueOf(path.getFileName()), 0, "",
                    new Messages(locale).get("outOfMemory"))));
        }
        if (problems.any()) {
            throw new LedgerException(problems.problems());
        }
        return new LedgerReading(collector.dataSet(), List.copyOf(problems.warnings()));
    }

    private void readFolder(Path folder, Collector collector, Problems problems, boolean casesRequired) {
        Map<LedgerTable, Path> files = new EnumMap<>(LedgerTable.class);
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.sorted().forEach(entries::add);
        } catch (IOException e) {
            problems.add(folder.getFileName().toString(), 0, "", "unreadable", String.valueOf(e.getMessage()));
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("~$") || Files.isDirectory(entry)) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".csv")) {
                LedgerTable table = LedgerTable.named(stripExtension(name));
                if (table != null) {
                    problems.add(name, 0, "", "notCsv");
                } else {
                    problems.warn(name, 0, "", "unknownFile");
                }
                continue;
            }
            LedgerTable table = LedgerTable.named(name.substring(0, name.length() - 4));
            if (table == null) {
                problems.warn(name, 0, "", "unknownFile");
            } else if (files.containsKey(table)) {
                problems.add(name, 0, "", "duplicateTable", files.get(table).getFileName().toString());
            } else {
                files.put(table, entry);
            }
        }
        for (LedgerTable table : LedgerTable.values()) {
            Path file = files.get(table);
            if (file == null) {
                if (required(table, casesRequired)) {
                    problems.add(table.english + ".csv", 0, "", "missingTable", table.english, table.chinese);
                }
            } else {
                String name = file.getFileName().toString();
                if (table == LedgerTable.CASES) {
                    CsvSource.readSplit(file, name, collector, table, problems, limits);
                } else {
                    CsvSource.read(file, name, collector.open(table, name), problems, limits);
                }
            }
            if (table == LedgerTable.UNITS) {
                collector.finishUnits();
            }
        }
    }

    private void readWorkbook(Path path, String name, Collector collector, Problems problems,
            boolean casesRequired) {
        Map<LedgerTable, String> seen = new EnumMap<>(LedgerTable.class);
        boolean[] unitsDone = {false};
        boolean whole = XlsxSource.read(path, name, sheet -> {
            LedgerTable table = LedgerTable.named(sheet);
            if (table == null) {
                problems.warn(name + "[" + sheet + "]", 0, "", "unknownSheet");
                return null;
            }
            if (table != LedgerTable.UNITS && !unitsDone[0]) {
                unitsDone[0] = true;
                collector.finishUnits();
            }
            if (seen.containsKey(table)) {
                problems.add(name + "[" + sheet + "]", 0, "", "duplicateTable", name + "[" + seen.get(table) + "]");
                return null;
            }
            seen.put(table, sheet);
            return collector.open(table, name + "[" + sheet + "]");
        }, sheet -> {
            LedgerTable table = LedgerTable.named(sheet);
            return table == null ? Integer.MAX_VALUE : table.ordinal();
        }, collector, problems, limits);
        if (!unitsDone[0]) {
            collector.finishUnits();
        }
        if (!whole) {
            return;
        }
        for (LedgerTable table : LedgerTable.values()) {
            if (required(table, casesRequired) && !seen.containsKey(table)) {
                problems.add(name + "[" + table.english + "]", 0, "", "missingTable", table.english, table.chinese);
            }
        }
    }

    private static boolean required(LedgerTable table, boolean casesRequired) {
        return table.required && (casesRequired || table != LedgerTable.CASES);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
