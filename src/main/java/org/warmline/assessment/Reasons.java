package org.warmline.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.warmline.ledger.CaseColumn;

/**
 * Formats the one-line reasons of deductions and bonuses, and warnings, in the result's language. Threads of one
 * computation share it.
 */
final class Reasons {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ResourceBundle bundle;
    private final boolean chinese;
    private final ZoneId zone;
    /** The parsed patterns by key. */
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    Reasons(Locale locale, ZoneId zone) {
        this.chinese = !"en".equals(locale.getLanguage());
        this.bundle = ResourceBundle.getBundle("org.warmline.assessment.reasons", chinese ? Locale.CHINESE : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.zone = zone;
    }

    String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof BigDecimal d ? number(d) : String.valueOf(args[i]);
        }
        return templates.computeIfAbsent(key, k -> Template.of(pattern)).format(texts);
    }

    /**
     * A pattern: texts with {@code {0}}, {@code {1}}… between them, filled as {@link MessageFormat} fills them with
     * strings when every apostrophe is a letter ({@code ReasonsTest} holds them to it), without the garbage it makes
     * per call; a pattern of any other shape is left to MessageFormat. Immutable, so threads share it.
     */
    private static final class Template {
        private final String[] texts;
        private final int[] args;
        private final MessageFormat other;

        private Template(String[] texts, int[] args, MessageFormat other) {
            this.texts = texts;
            this.args = args;
            this.other = other;
        }

        static Template of(String pattern) {
            java.util.List<String> texts = new java.util.ArrayList<>();
            java.util.List<Integer> args = new java.util.ArrayList<>();
            int from = 0;
            for (int open = pattern.indexOf('{'); open >= 0; open = pattern.indexOf('{', from)) {
                int close = pattern.indexOf('}', open);
                String number = close < 0 ? "" : pattern.substring(open + 1, close);
                if (number.isEmpty() || number.length() > 2 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return new Template(null, null, new MessageFormat(pattern.replace("'", "''"), Locale.ROOT));
                }
                texts.add(pattern.substring(from, open));
                args.add(Integer.parseInt(number));
                from = close + 1;
            }
            texts.add(pattern.substring(from));
            return new Template(texts.toArray(String[]::new), args.stream().mapToInt(Integer::intValue).toArray(),
                    null);
        }

        String format(Object[] values) {
            if (other != null) {
                synchronized (other) {
                    return other.format(values);
                }
            }
            StringBuilder out = new StringBuilder(64);
            for (int i = 0; i < args.length; i++) {
                out.append(texts[i]);
                int arg = args[i];
                if (arg < values.length) {
                    out.append(values[arg]);
                } else {
                    out.append('{').append(arg).append('}');
                }
            }
            return out.append(texts[args.length]).toString();
        }
    }

    /** A ledger column as people call it: 联系用户时间(contacted_at), or contacted_at in English. */
    String field(CaseColumn<?> column) {
        return chinese ? column.chinese() + "(" + column.name() + ")" : column.name();
    }

    /** A duration of whole seconds, e.g. 1 h 15 min, 45 min, 30 s. */
    String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            if (s != 0) {
                return text("duration.hms", h, m, s);
            }
            return m != 0 ? text("duration.hm", h, m) : text("duration.h", h);
        }
        if (m > 0) {
            return s != 0 ? text("duration.ms", m, s) : text("duration.m", m);
        }
        return text("duration.s", s);
    }

    String instant(long epochMillis) {
        return INSTANT.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    static String number(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
