package org.warmline.ledger;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems and warnings of one reading; stops the reading once {@link #MAX} problems are found. */
final class Problems {

    /** At most this many problems are reported. */
    static final int MAX = 200;
    /** At most this many warnings are kept. */
    static final int MAX_WARNINGS = 1000;

    /** Thrown to stop reading when the list of problems is full. */
    static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    final Messages messages;
    private final List<LedgerProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Problems(Messages messages) {
        this.messages = messages;
    }

    /** Adds a problem with a message from the bundle. */
    void add(String file, int row, String column, String key, Object... args) {
        if (problems.size() >= MAX) {
            throw new Full();
        }
        problems.add(new LedgerProblem(file, row, column == null ? "" : column, messages.get(key, args)));
        if (problems.size() >= MAX) {
            throw new Full();
        }
    }

    void warn(String file, int row, String column, String key, Object... args) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(file + ":" + row + ":" + (column == null ? "" : column) + ": " + messages.get(key, args));
        }
    }

    /** Adds a warning already made (by a part of a reading, see {@link Collector#join}). */
    void warnAsIs(String warning) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(warning);
        }
    }

    int count() {
        return problems.size();
    }

    /** Drops the problems found after the first {@code count} (a reading that failed as a whole replaces them). */
    void truncate(int count) {
        while (problems.size() > count) {
            problems.remove(problems.size() - 1);
        }
    }

    boolean any() {
        return !problems.isEmpty();
    }

    List<LedgerProblem> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }
}
