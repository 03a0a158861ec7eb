package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.warmline.calendar.Period;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.EVALUATION_CHANNEL;
import static org.warmline.ledger.Instants.NONE;

/**
 * 3.1 评价覆盖 (evaluation coverage, {@code satisfaction.coverage}; docs/assessment.md): a loss for each completed case
 * with no known evaluation. The mix of known evaluations by channel (phone callback, online survey) is reported beside
 * the item against its targets and deducts nothing. Settings: {@code items.satisfaction.coverage}.
 */
final class SatisfactionCoverage implements CaseItem {

    static final String MISSING_EVALUATION = "coverage.missing-evaluation";
    /** The rules whose reference is a case number. */
    static final List<String> CASE_RULES = List.of(MISSING_EVALUATION);

    private final Scheme.Coverage settings;
    private final Scheme.Rounding rounding;
    /** By case: the loss of a completed case without a known evaluation, or null. */
    private final PerCase<Entry> missing;
    /** By case: whether its evaluation is known. */
    private final boolean[] evaluated;
    /** By case: the channel of its known evaluation, as its ordinal + 1, or 0 (no array of objects: see PerCase). */
    private final byte[] channel;
    private final int evaluations;
    private final int phone;
    private final int online;

    SatisfactionCoverage(Scheme scheme, Tally.Counters counters, int cases) {
        this.settings = scheme.items().coverage();
        this.rounding = scheme.rounding();
        this.missing = new PerCase<>(cases);
        this.evaluated = new boolean[cases];
        this.channel = new byte[cases];
        this.evaluations = counters.reserve();
        this.phone = counters.reserve();
        this.online = counters.reserve();
    }

    @Override
    public void judge(int k, CaseAsOf v) {
        if (v.evaluationKnown()) {
            evaluated[k] = true;
            EvaluationChannel known = v.record().get(EVALUATION_CHANNEL);
            channel[k] = known == null ? 0 : (byte) (known.ordinal() + 1);
        } else if (v.completed() != NONE) {
            missing.set(k, new Entry(MISSING_EVALUATION, settings.missingEvaluation(), v.record().caseNo(),
                    v.reasons().text("coverage.missing-evaluation")));
        }
    }

    @Override
    public void count(int k, Tally tally) {
        Entry lost = missing.get(k);
        if (lost != null) {
            tally.deduct(ItemCode.SATISFACTION_COVERAGE, lost);
        }
        if (evaluated[k]) {
            tally.add(evaluations);
            if (channel[k] == EvaluationChannel.PHONE.ordinal() + 1) {
                tally.add(phone);
            } else if (channel[k] == EvaluationChannel.ONLINE.ordinal() + 1) {
                tally.add(online);
            }
        }
    }

    /** The channel mix as the figure {@code mix}: counts, shares and targets. */
    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        int n = tally.count(evaluations);
        int phoneN = tally.count(phone);
        int onlineN = tally.count(online);
        Map<String, Object> mix = new LinkedHashMap<>();
        mix.put("PHONE", phoneN);
        mix.put("ONLINE", onlineN);
        mix.put("evaluations", n);
        if (n > 0) {
            BigDecimal all = BigDecimal.valueOf(n);
            mix.put("phoneShare", Numbers.round(BigDecimal.valueOf(phoneN).multiply(Numbers.HUNDRED)
                    .divide(all, Numbers.EXACT), rounding));
            mix.put("onlineShare", Numbers.round(BigDecimal.valueOf(onlineN).multiply(Numbers.HUNDRED)
                    .divide(all, Numbers.EXACT), rounding));
        }
        mix.put("phoneTarget", settings.phoneTarget());
        mix.put("onlineTarget", settings.onlineTarget());
        score.figure("mix", mix);
    }
}
