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

/** Formats the one-line reasons of deductions and bonuses, and warnings, in the result's language. */
final class Reasons {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ResourceBundle bundle;
    private final boolean chinese;
    private final ZoneId zone;
    /** The parsed patterns by key; each used by one thread at a time (subjects may be scored in two). */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

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
        MessageFormat format = formats.computeIfAbsent(key,
                k -> new MessageFormat(pattern.replace("'", "''"), Locale.ROOT));
        synchronized (format) {
            return format.format(texts);
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
