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
 * Reads a ledger data set (docs/ledger.md): a folder of CSV files (UTF-8, GB18030 or UTF-16, see
 * {@link TextEncoding}), or one {@code .xlsx} workbook with one sheet per table (several sheets with the cases header,
 * one per month say, are the cases table). The header of each table is found within its first rows
 * ({@link LayoutSearch}). Reading succeeds whole or throws a {@link LedgerException} with every problem found (at most 200), each
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
        List<String> found = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("~$") || Files.isDirectory(entry)) {
                continue;
            }
            found.add(name);
            String lower = name.toLowerCase(Locale.ROOT);
            // .csv, or .txt as Excel saves "Unicode text" (UTF-16, tab-separated)
            if (!lower.endsWith(".csv") && !lower.endsWith(".txt")) {
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
                    problems.add(table.english + ".csv", 0, "", "missingFile", table.english, table.chinese,
                            list(found, problems));
                }
            } else {
                String name = file.getFileName().toString();
                boolean whole = table == LedgerTable.CASES
                        ? CsvSource.readSplit(file, name, collector, table, problems, limits)
                        : CsvSource.read(file, name, LayoutSearch.of(collector, table, name, problems), problems,
                                limits);
                if (!whole) {
                    collector.unreadable(table);
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
        List<String> sheets = new ArrayList<>();
        boolean[] unitsDone = {false};
        Runnable finishUnits = () -> {
            if (!unitsDone[0]) {
                unitsDone[0] = true;
                collector.finishUnits();
            }
        };
        boolean whole = XlsxSource.read(path, name, sheet -> {
            sheets.add(sheet);
            String label = name + "[" + sheet + "]";
            LedgerTable table = LedgerTable.named(sheet);
            if (table == null) {
                // a sheet no table is named after (1月, 1月台账): a part of the cases table if its header is theirs
                return LayoutSearch.byHeader(LedgerTable.CASES, () -> {
                    finishUnits.run();
                    seen.putIfAbsent(LedgerTable.CASES, sheet);
                    return collector.open(LedgerTable.CASES, label);
                }, () -> problems.warn(label, 0, "", "unknownSheet"), problems, label);
            }
            if (table != LedgerTable.UNITS) {
                finishUnits.run();
            }
            if (seen.containsKey(table) && table != LedgerTable.CASES) {
                problems.add(label, 0, "", "duplicateTable", name + "[" + seen.get(table) + "]");
                return null;
            }
            seen.putIfAbsent(table, sheet);
            return LayoutSearch.of(collector, table, label, problems);
        }, sheet -> {
            LedgerTable table = LedgerTable.named(sheet);
            return table == null ? Integer.MAX_VALUE : table.ordinal();
        }, collector, problems, limits);
        finishUnits.run();
        if (!whole) {
            return;
        }
        for (LedgerTable table : LedgerTable.values()) {
            if (required(table, casesRequired) && !seen.containsKey(table)) {
                problems.add(name + "[" + table.english + "]", 0, "", table == LedgerTable.CASES
                        ? "missingCasesSheet" : "missingSheet", table.english, table.chinese, list(sheets, problems));
            }
        }
    }

    /** Names as a list in the reader's language, or "none". */
    private static String list(List<String> names, Problems problems) {
        return names.isEmpty() ? problems.messages.get("none")
                : String.join(problems.messages.get("listSeparator"), names);
    }

    private static boolean required(LedgerTable table, boolean casesRequired) {
        return table.required && (casesRequired || table != LedgerTable.CASES);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
