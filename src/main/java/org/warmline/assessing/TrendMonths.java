package org.warmline.assessing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;

/**
 * The monthly totals of the trend chart (考核趋势): for each month of a year, every subject's total — the frozen total
 * of the month's latest publication when the month is published, else the live total, computed by the engine for that
 * month alone and kept for a short time ({@code warmline.assessment.trend-cache}, default 60 s), so that viewing the
 * chart does not assess the year again each time.
 *
 * <p>A live month is kept by month, language and scheme version, and holds every subject: who may see which subject,
 * and which subject or kind is chosen, is applied afterwards, so no viewer gets another's answer. A change to the
 * desk's data shows in a live month once its entry is older than the cache time. A published month never changes (a
 * new publication is a new version, and so a new entry).
 */
@Component
class TrendMonths {

    /** One subject's total in one month. */
    record SubjectTotal(String code, String name, String kind, BigDecimal total) {
    }

    /**
     * One month's totals, in the result's order of subjects.
     *
     * @param publishedVersion the version the totals are frozen from, {@code null} for the live result
     */
    record MonthTotals(String month, Integer publishedVersion, List<SubjectTotal> subjects) {
    }

    private record LiveKey(String month, String language, String scheme) {
    }

    private record Kept(MonthTotals totals, Instant until) {
    }

    private record FrozenKey(long publication, String language) {
    }

    /** Frozen months kept: they never change, this only bounds the memory. */
    private static final int MAX_FROZEN = 240;

    private final LiveAssessment live;
    private final Publications publications;
    private final Clock clock;
    private final Duration keep;
    private final Map<LiveKey, Kept> liveMonths = new ConcurrentHashMap<>();
    private final Map<FrozenKey, MonthTotals> frozenMonths = new ConcurrentHashMap<>();
    private final AtomicInteger liveRuns = new AtomicInteger();

    @Autowired
    TrendMonths(LiveAssessment live, Publications publications,
                @Value("${warmline.assessment.trend-cache:60s}") String keep) {
        this(live, publications, Clock.systemUTC(), DurationStyle.detectAndParse(keep));
    }

    TrendMonths(LiveAssessment live, Publications publications, Clock clock, Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("warmline.assessment.trend-cache must not be negative: " + keep);
        }
        this.live = live;
        this.publications = publications;
        this.clock = clock;
        this.keep = keep;
    }

    /** The months of a year, in order, with their totals; the live ones as of now (at most the year's end). */
    List<MonthTotals> year(Period year, Locale locale) {
        Locale language = LiveAssessment.language(locale);
        List<Period> months = year.months();
        Map<String, Publication> published = publications.latestWithoutJson(months.stream().map(Period::label).toList());
        Instant now = clock.instant();
        Instant end = year.end().atStartOfDay(live.zone()).toInstant();
        Instant asOf = now.isBefore(end) ? now : end;
        List<MonthTotals> out = new ArrayList<>(months.size());
        for (Period month : months) {
            Publication publication = published.get(month.label());
            out.add(publication != null ? frozen(month, publication.id(), language)
                    : live(month, asOf, now, language));
        }
        return out;
    }

    private MonthTotals frozen(Period month, long publication, Locale language) {
        FrozenKey key = new FrozenKey(publication, language.getLanguage());
        MonthTotals kept = frozenMonths.get(key);
        if (kept != null) {
            return kept;
        }
        Publication frozen = publications.byId(publication).orElseThrow();
        List<SubjectTotal> subjects = ResultDocument.parse(frozen.json(language)).subjects().stream()
                .map(s -> new SubjectTotal((String) s.get("code"), (String) s.get("name"), (String) s.get("kind"),
                        plain(ResultDocument.decimal(s.get("total"))))).toList();
        MonthTotals totals = new MonthTotals(month.label(), frozen.version(), subjects);
        if (frozenMonths.size() >= MAX_FROZEN) {
            frozenMonths.clear();
        }
        frozenMonths.put(key, totals);
        return totals;
    }

    private MonthTotals live(Period month, Instant asOf, Instant now, Locale language) {
        LiveKey key = new LiveKey(month.label(), language.getLanguage(), live.schemeOf(month).version());
        Kept kept = liveMonths.get(key);
        if (kept != null && now.isBefore(kept.until())) {
            return kept.totals();
        }
        liveRuns.incrementAndGet();
        AssessmentResult result = live.assess(month, asOf, language);
        List<SubjectTotal> subjects = result.subjects().stream()
                .map(s -> new SubjectTotal(s.code(), s.name(), s.kind().name(), plain(s.total()))).toList();
        MonthTotals totals = new MonthTotals(month.label(), null, subjects);
        liveMonths.values().removeIf(k -> !now.isBefore(k.until()));
        liveMonths.put(key, new Kept(totals, now.plus(keep)));
        return totals;
    }

    /** How many months were assessed live so far (the tests' view of the cache). */
    int liveRuns() {
        return liveRuns.get();
    }

    /** A total as the result's JSON writes it: at most 2 decimals, no trailing zeros. */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
