package org.warmline.administration;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

/**
 * The main numbers of a scheme as a readable table (the YAML stays the authority): what the page shows next to it.
 *
 * @param settings the general settings and allowances, each a message key and a value
 * @param items    each item's code, number, Chinese name and maximum points
 * @param total    the sum of the items' maxima (100 in the default scheme)
 */
record SchemeSummary(List<Row> settings, List<Item> items, BigDecimal total) {

    /** One setting: the message key of its label and its value as text. */
    record Row(String label, String value) {
    }

    /** One item and its maximum. */
    record Item(String number, String code, String name, BigDecimal max, BigDecimal cap) {
    }

    static SchemeSummary of(Scheme scheme) {
        Scheme.Items items = scheme.items();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("scheme.summary.version", scheme.version()));
        rows.add(new Row("scheme.summary.name", scheme.name()));
        rows.add(new Row("scheme.summary.zone", scheme.zone()));
        rows.add(new Row("scheme.summary.yearStart", Integer.toString(scheme.yearStartMonth())));
        rows.add(new Row("scheme.summary.grades", scheme.grades().stream()
                .map(g -> g.name() + " ≥ " + g.min().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(", "))));
        rows.add(new Row("scheme.summary.annual", plain(scheme.annual().monthly()) + " / "
                + plain(scheme.annual().quarterly()) + " / " + plain(scheme.annual().yearly())));
        rows.add(new Row("scheme.summary.recording", duration(items.ledger().recordingAllowance())));
        rows.add(new Row("scheme.summary.acceptance", duration(items.response().acceptance().allowance())));
        rows.add(new Row("scheme.summary.contact", duration(items.response().contact().allowance())));
        for (Map.Entry<String, Scheme.Deadline> e : items.timeliness().deadlines().entrySet()) {
            Scheme.Deadline d = e.getValue();
            rows.add(new Row("scheme.summary.deadline." + e.getKey(),
                    d.hours() != null ? d.hours() + " h" : d.workingDays() + " WD"));
        }
        rows.add(new Row("scheme.summary.repeatWindow", duration(items.repeat().window())));
        rows.add(new Row("scheme.summary.review", duration(items.dissatisfied().reviewAllowance())));
        rows.add(new Row("scheme.summary.backup", duration(items.equipment().backupAllowance())));
        List<Item> list = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (ItemCode code : ItemCode.values()) {
            Scheme.Limits limits = items.limits(code);
            list.add(new Item(code.number(), code.code(), code.chinese(), limits.max(), limits.cap()));
            total = total.add(limits.max());
        }
        return new SchemeSummary(List.copyOf(rows), List.copyOf(list), total);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** {@code 30 min}, {@code 2 h}, {@code 720 h}, {@code 90 s}. */
    static String duration(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
