package org.warmline.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.scheme.SubjectKind;

/** What both reports share: the ranking, number formatting and grade colours. */
final class ReportSupport {

    private ReportSupport() {
    }

    /** One line of the ranking: the subject, its rank among all subjects and among those of its kind. */
    record Ranked(SubjectResult subject, int index, BigDecimal score, int rank, int kindRank) {
    }

    /**
     * The score a subject is ranked and charted by: the annual composite ({@code annual.finalScore}) when the subject
     * has one (a year, whose grade is the grade of the final score), else the period total.
     */
    static BigDecimal headline(SubjectResult subject) {
        if (subject.annual() != null && subject.annual().finalScore() != null) {
            return subject.annual().finalScore();
        }
        return subject.total();
    }

    /**
     * The subjects, highest headline score first (no score last; ties by code), with competition ranks (1, 1, 3)
     * over the scores rounded to 2 decimals. {@code index} is the subject's position in the result.
     */
    static List<Ranked> rank(AssessmentResult result) {
        List<SubjectResult> subjects = result.subjects() == null ? List.of() : result.subjects();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            order.add(i);
        }
        Comparator<BigDecimal> byScore = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder());
        order.sort(Comparator.<Integer, BigDecimal>comparing(i -> rounded(headline(subjects.get(i))), byScore)
                .thenComparing(i -> nullToEmpty(subjects.get(i).code()))
                .thenComparing(i -> i));
        List<Ranked> ranked = new ArrayList<>(order.size());
        Map<SubjectKind, int[]> kindState = new HashMap<>(); // {count, lastRank}
        Map<SubjectKind, BigDecimal> kindLast = new HashMap<>();
        BigDecimal last = null;
        int rank = 0;
        for (int position = 0; position < order.size(); position++) {
            int i = order.get(position);
            SubjectResult subject = subjects.get(i);
            BigDecimal score = rounded(headline(subject));
            if (position == 0 || !sameScore(score, last)) {
                rank = position + 1;
            }
            last = score;
            int[] state = kindState.computeIfAbsent(subject.kind(), k -> new int[2]);
            state[0]++;
            if (state[0] == 1 || !sameScore(score, kindLast.get(subject.kind()))) {
                state[1] = state[0];
            }
            kindLast.put(subject.kind(), score);
            ranked.add(new Ranked(subject, i, score, rank, state[1]));
        }
        return ranked;
    }

    private static boolean sameScore(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Half-up to 2 decimals, or {@code null}. */
    static BigDecimal rounded(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** Half-up to 2 decimals as text ({@code 90.625 → 90.63}), or an empty string. */
    static String number(BigDecimal value) {
        return value == null ? "" : rounded(value).toPlainString();
    }

    /** A figure ({@code rate}, {@code index}, a mix…) as text, numbers without needless zeros. */
    static String figure(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append(entry.getKey()).append(' ').append(figure(entry.getValue()));
            }
            return text.toString();
        }
        if (value instanceof Iterable<?> list) {
            StringBuilder text = new StringBuilder();
            for (Object element : list) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append(figure(element));
            }
            return text.toString();
        }
        return String.valueOf(value);
    }

    /** The number a figure holds, or {@code null} when it holds none. */
    static BigDecimal figureNumber(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    static String asOf(AssessmentResult result) {
        return result.asOf() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(result.asOf());
    }

    static String period(AssessmentResult result, ReportMessages messages) {
        Period period = result.period();
        if (period == null) {
            return "";
        }
        return period.label() + " (" + messages.periodKind(period.kind()) + ")";
    }

    static boolean isYear(AssessmentResult result) {
        if (result.period() != null && result.period().kind() == Period.Kind.YEAR) {
            return true;
        }
        return result.subjects() != null && result.subjects().stream().anyMatch(s -> s.annual() != null);
    }

    /** The message key of a grade the engine gives (Chinese, or its English name), or {@code null}. */
    static String gradeKey(String grade) {
        if (grade == null) {
            return null;
        }
        return switch (grade.trim().toLowerCase(Locale.ROOT)) {
            case "优秀", "excellent" -> "excellent";
            case "良好", "good" -> "good";
            case "合格", "pass" -> "pass";
            case "不合格", "fail" -> "fail";
            default -> null;
        };
    }

    /** The colour of a grade in the chart. */
    static String gradeColour(String grade) {
        String key = gradeKey(grade);
        if (key == null) {
            return "#8a8f98";
        }
        return switch (key) {
            case "excellent" -> "#2e7d32";
            case "good" -> "#1565c0";
            case "pass" -> "#e0a100";
            default -> "#c62828";
        };
    }

    static final List<String> GRADE_KEYS = List.of("excellent", "good", "pass", "fail");

    static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
