package org.warmline.assessing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.warmline.assessment.AnnualFigures;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An assessment result read back from its JSON (live or frozen alike), as the pages show it: subjects, items,
 * deductions and bonuses as maps of the JSON's own names.
 */
final class ResultDocument {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Map<String, Object> root;

    private ResultDocument(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ResultDocument parse(String json) {
        return new ResultDocument(MAPPER.readValue(json, LinkedHashMap.class));
    }

    static ResultDocument parse(byte[] json) {
        return parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The document as pretty JSON. */
    static byte[] write(ResultDocument document) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document.root);
    }

    Map<String, Object> root() {
        return root;
    }

    String period() {
        return (String) root.get("period");
    }

    String asOf() {
        return (String) root.get("asOf");
    }

    String scheme() {
        return (String) root.get("scheme");
    }

    @SuppressWarnings("unchecked")
    List<String> warnings() {
        return (List<String>) root.get("warnings");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> subjects() {
        return (List<Map<String, Object>>) root.get("subjects");
    }

    /** The subjects the viewer may see, in the result's order. */
    List<Map<String, Object>> subjects(Predicate<String> visible) {
        return subjects().stream().filter(s -> visible.test((String) s.get("code"))).toList();
    }

    Optional<Map<String, Object>> subject(String code) {
        return subjects().stream().filter(s -> code.equals(s.get("code"))).findFirst();
    }

    /** Subjects of one kind by total, best first (ties by code), as the ranking (排名) shows them. */
    List<Map<String, Object>> ranking(String kind, Predicate<String> visible) {
        List<Map<String, Object>> ranked = new ArrayList<>(subjects(visible).stream()
                .filter(s -> kind.equals(s.get("kind"))).toList());
        ranked.sort(Comparator.comparing((Map<String, Object> s) -> decimal(s.get("total"))).reversed()
                .thenComparing(s -> (String) s.get("code")));
        return ranked;
    }

    /** The kinds of subject present, in order of first appearance. */
    List<String> kinds(Predicate<String> visible) {
        return subjects(visible).stream().map(s -> (String) s.get("kind")).distinct().toList();
    }

    /** The {@code index}-th deduction of an item of a subject. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> deduction(String subject, String item, int index) {
        return subject(subject).map(s -> (Map<String, Object>) s.get("items"))
                .map(items -> (Map<String, Object>) items.get(item))
                .map(i -> (List<Map<String, Object>>) i.get("deductions"))
                .filter(list -> index >= 0 && index < list.size())
                .map(list -> list.get(index));
    }

    /** The keys of an item's JSON object that are not figures. */
    private static final java.util.Set<String> ITEM_KEYS = java.util.Set.of("score", "max", "cap", "deductions",
            "bonuses");

    /**
     * The document as the engine's result again (a frozen result, to be written by the reports): the JSON's own values
     * — numbers as the JSON has them (rounded to 2 decimals), subjects and items in the JSON's order.
     *
     * @param period the period the document is of (its label and kind are the document's {@code period})
     */
    @SuppressWarnings("unchecked")
    AssessmentResult toResult(Period period) {
        List<SubjectResult> subjects = new ArrayList<>();
        for (Map<String, Object> s : subjects()) {
            Map<ItemCode, ItemResult> items = new LinkedHashMap<>();
            Map<String, Object> jsonItems = (Map<String, Object>) s.getOrDefault("items", Map.of());
            for (Map.Entry<String, Object> entry : jsonItems.entrySet()) {
                ItemCode code = ItemCode.ofCode(entry.getKey());
                if (code == null) {
                    continue;
                }
                Map<String, Object> item = (Map<String, Object>) entry.getValue();
                Map<String, Object> figures = new LinkedHashMap<>();
                item.forEach((key, value) -> {
                    if (!ITEM_KEYS.contains(key)) {
                        figures.put(key, value);
                    }
                });
                items.put(code, new ItemResult(code, decimal(item.get("score")), decimal(item.get("max")),
                        decimal(item.get("cap")), entries(item.get("deductions")), entries(item.get("bonuses")),
                        figures));
            }
            Map<String, Object> annual = (Map<String, Object>) s.get("annual");
            subjects.add(new SubjectResult((String) s.get("code"), (String) s.get("name"),
                    SubjectKind.valueOf((String) s.get("kind")), decimal(s.get("total")), (String) s.get("grade"),
                    items, annual == null ? null : new AnnualFigures(decimal(annual.get("monthlyMean")),
                            decimal(annual.get("quarterlyMean")), decimal(annual.get("annualTotal")),
                            decimal(annual.get("final"))),
                    totals(s.get("monthlyTotals")), totals(s.get("quarterlyTotals"))));
        }
        List<String> warnings = warnings() == null ? List.of() : warnings();
        return new AssessmentResult(period, OffsetDateTime.parse(asOf()), scheme(), warnings, subjects);
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> entries(Object json) {
        if (json == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) json).stream().map(e -> new Entry((String) e.get("rule"),
                decimal(e.get("points")), (String) e.get("ref"), (String) e.get("reason"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<SubjectResult.PeriodTotal> totals(Object json) {
        if (json == null) {
            return List.of();
        }
        return ((Map<String, Object>) json).entrySet().stream()
                .map(e -> new SubjectResult.PeriodTotal(e.getKey(), decimal(e.getValue()))).toList();
    }

    static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }
}
