package org.warmline.assessment;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a result as JSON (docs/assessment.md, "What a result shows"), the contract other programs read: numbers are
 * JSON numbers with at most 2 decimals; deduction points are shown rounded. Streams, so a result with millions of
 * deductions fits.
 */
public final class ResultJson {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private ResultJson() {
    }

    public static void write(AssessmentResult result, OutputStream out, boolean pretty) {
        ObjectMapper mapper = JsonMapper.builder().configure(SerializationFeature.INDENT_OUTPUT, pretty).build();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("period", result.period().label());
            g.writeStringProperty("periodKind", result.period().kind().name());
            g.writeStringProperty("asOf", AS_OF.format(result.asOf()));
            g.writeStringProperty("scheme", result.scheme());
            g.writeName("warnings");
            g.writeStartArray();
            for (String warning : result.warnings()) {
                g.writeString(warning);
            }
            g.writeEndArray();
            g.writeName("subjects");
            g.writeStartArray();
            for (SubjectResult subject : result.subjects()) {
                writeSubject(g, subject);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeSubject(JsonGenerator g, SubjectResult s) {
        g.writeStartObject();
        g.writeStringProperty("code", s.code());
        g.writeStringProperty("name", s.name());
        g.writeStringProperty("kind", s.kind().name());
        number(g, "total", s.total());
        g.writeStringProperty("grade", s.grade());
        g.writeName("items");
        g.writeStartObject();
        for (ItemResult item : s.items().values()) {
            g.writeName(item.item().code());
            g.writeStartObject();
            number(g, "score", item.score());
            number(g, "max", item.max());
            number(g, "cap", item.cap());
            for (Map.Entry<String, Object> figure : item.figures().entrySet()) {
                g.writeName(figure.getKey());
                value(g, figure.getValue());
            }
            entries(g, "deductions", item.deductions());
            entries(g, "bonuses", item.bonuses());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (s.annual() != null) {
            g.writeName("annual");
            g.writeStartObject();
            number(g, "monthlyMean", s.annual().monthlyMean());
            number(g, "quarterlyMean", s.annual().quarterlyMean());
            number(g, "annualTotal", s.annual().annualTotal());
            number(g, "final", s.annual().finalScore());
            g.writeEndObject();
            totals(g, "monthlyTotals", s.monthlyTotals());
            totals(g, "quarterlyTotals", s.quarterlyTotals());
        }
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, String name, List<SubjectResult.PeriodTotal> totals) {
        g.writeName(name);
        g.writeStartObject();
        for (SubjectResult.PeriodTotal total : totals) {
            number(g, total.period(), total.total());
        }
        g.writeEndObject();
    }

    private static void entries(JsonGenerator g, String name, List<Entry> entries) {
        g.writeName(name);
        g.writeStartArray();
        for (Entry e : entries) {
            g.writeStartObject();
            g.writeStringProperty("rule", e.rule());
            number(g, "points", e.points());
            g.writeStringProperty("ref", e.ref());
            g.writeStringProperty("reason", e.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void value(JsonGenerator g, Object value) {
        if (value instanceof BigDecimal d) {
            g.writeNumber(plain(d));
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                value(g, element);
            }
            g.writeEndArray();
        } else if (value == null) {
            g.writeNull();
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    private static void number(JsonGenerator g, String name, BigDecimal value) {
        g.writeName(name);
        g.writeNumber(plain(value));
    }

    /** A number with at most 2 decimals, rounded half-up, without trailing zeros or exponent. */
    static String plain(BigDecimal value) {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        return rounded.toPlainString();
    }
}
