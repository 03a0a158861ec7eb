package org.warmline.administration;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/** A holiday file that cannot be imported, with every problem found; nothing was stored. */
class CalendarFileException extends RuntimeException {

    /**
     * Where in a file a problem is, in the reader's words: a message key and its arguments ({@code calendar.where.*}:
     * a JSON path, an event of an iCalendar file, a line).
     */
    record Location(String key, List<Object> args) {

        Location(String key, Object... args) {
            this(key, List.of(args));
        }
    }

    /**
     * One problem: the file, where in it (or null for the whole file), and the message key and arguments of what is
     * wrong.
     */
    record Problem(String file, Location location, String key, List<Object> args) {

        Problem(String file, Location location, String key, Object... args) {
            this(file, location, key, List.of(args));
        }

        Problem(String file, String key, Object... args) {
            this(file, null, key, List.of(args));
        }

        /** The problem as a line in one language: {@code FILE: where: message}. */
        String text(MessageSource messages, Locale locale) {
            String where = location == null ? "" : ": " + messages.getMessage(location.key(),
                    location.args().toArray(), locale);
            return file + where + ": " + messages.getMessage(key, args.toArray(), locale);
        }
    }

    private final List<Problem> problems;

    CalendarFileException(List<Problem> problems) {
        super(problems.stream().map(p -> p.file() + (p.location() == null ? "" : ": " + p.location().key() + " "
                + p.location().args()) + ": " + p.key() + " " + p.args()).reduce((a, b) -> a + "\n" + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
