package org.warmline.administration;

import java.util.List;

/** A holiday file that cannot be imported, with every problem found; nothing was stored. */
class CalendarFileException extends RuntimeException {

    /**
     * One problem: where it is ({@code FILE}, {@code FILE: days[3].date}, {@code FILE: line 12 (event 2): DTSTART}),
     * and the message key and arguments of what is wrong.
     */
    record Problem(String where, String key, List<Object> args) {

        Problem(String where, String key, Object... args) {
            this(where, key, List.of(args));
        }
    }

    private final List<Problem> problems;

    CalendarFileException(List<Problem> problems) {
        super(problems.stream().map(p -> p.where() + ": " + p.key() + " " + p.args()).reduce((a, b) -> a + "\n" + b)
                .orElse(""));
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
