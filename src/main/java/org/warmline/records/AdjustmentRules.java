package org.warmline.records;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

/**
 * The checks of an adjustment, as the ledger reader makes them for {@code adjustments.csv} (its {@code Collector} is
 * internal to the ledger module, so they are mirrored here, in this one place): the subject is a known unit or staff
 * code; the period is {@code 2026-01}, {@code 2026-Q1} or {@code 2026} (the quarter letter in any case, stored upper
 * case); the item is a known item code that applies to the subject's kind in the scheme; the points are a number; a
 * reason is given. On top of the reader's checks, points have at most 2 decimals and lie within ±100.
 */
final class AdjustmentRules {

    /** The reader's period pattern (ledger {@code Collector.PERIOD}). */
    static final Pattern PERIOD = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?");
    private static final BigDecimal LIMIT = BigDecimal.valueOf(100);

    private AdjustmentRules() {
    }

    /** The kind of the subject, or null when no unit or staff member has that code. */
    static SubjectKind kindOf(String subject, Map<String, Unit> units, Map<String, Staff> staff) {
        if (subject == null) {
            return null;
        }
        Unit unit = units.get(subject);
        if (unit != null) {
            return unit.kind() == null ? null : SubjectKind.valueOf(unit.kind().name());
        }
        Staff person = staff.get(subject);
        return person == null || person.post() == null ? null : SubjectKind.valueOf(person.post().name());
    }

    /** The period as stored ({@code 2026-q1} → {@code 2026-Q1}), or null when it is not a period. */
    static String period(String text) {
        return text != null && PERIOD.matcher(text.trim()).matches() ? text.trim().toUpperCase(Locale.ROOT) : null;
    }

    /** Whether the item applies to subjects of the kind in the scheme. */
    static boolean applies(Scheme scheme, ItemCode item, SubjectKind kind) {
        return kind != null && scheme.subject(kind) != null && scheme.subject(kind).items().contains(item.code());
    }

    /** The points typed (a U+2212 minus sign is accepted), or null when not a number. */
    static BigDecimal points(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace('\u2212', '-').replace('+', ' ').trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether points read as a number are acceptable: at most 2 decimals, within ±100. */
    static boolean pointsInRange(BigDecimal points) {
        return points.stripTrailingZeros().scale() <= 2 && points.abs().compareTo(LIMIT) <= 0;
    }
}
