package org.warmline.scheme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An assessment scheme (考核方案): every number and every reading of docs/assessment.md. Rules live in the engine; their
 * numbers live here, so a company changes a number without code. Load one with {@link SchemeLoader}.
 *
 * @param version          the version a result names, e.g. {@code default}
 * @param name             a title for people
 * @param zone             the zone instants without an offset are read in, and days and periods are cut in
 * @param yearStartMonth   the first month of the assessment year (1 = calendar year, 10 = heating season); 1, 4, 7 or 10
 * @param rounding         how scores are rounded
 * @param grades           the grades, highest first: a total at or above {@code min} gets {@code name}
 * @param annual           the weights of the annual composite (年度综合)
 * @param subjects         per subject kind: the items that apply and whether the total is normalised to 100
 * @param unitlessCases    where a case with no responsible unit counts
 * @param items            the settings of each item
 */
public record Scheme(
        String version,
        String name,
        String zone,
        int yearStartMonth,
        Rounding rounding,
        List<Grade> grades,
        AnnualWeights annual,
        Map<SubjectKind, SubjectSettings> subjects,
        UnitlessCases unitlessCases,
        Items items) {

    /** Half-up to 2 decimals by default. */
    public record Rounding(int scale, RoundingMode mode) {
    }

    /** A grade: totals at or above {@code min} (the last grade has {@code min} 0 or below). */
    public record Grade(BigDecimal min, String name) {
    }

    /** {@code final = monthly × mean(months) + quarterly × mean(quarters) + yearly × year total}. */
    public record AnnualWeights(BigDecimal monthly, BigDecimal quarterly, BigDecimal yearly) {
    }

    /**
     * @param items     the item codes that apply to this kind of subject
     * @param normalise whether {@code total = earned / Σ max × 100} (front-line posts) instead of the plain sum
     */
    public record SubjectSettings(List<String> items, boolean normalise) {
    }

    /**
     * @param toHqWhenAgentBelongs a case with no responsible unit counts for the HQ_SERVICE unit when its accepting agent
     *                             belongs to it (answered on the spot)
     */
    public record UnitlessCases(boolean toHqWhenAgentBelongs) {
    }

    /** The settings of all 13 items, keyed by item code. */
    public record Items(
            @JsonProperty("basic.institution") Institution institution,
            @JsonProperty("basic.ledger") Ledger ledger,
            @JsonProperty("basic.training") Training training,
            @JsonProperty("basic.equipment") Equipment equipment,
            @JsonProperty("handling.response") Response response,
            @JsonProperty("handling.timeliness") Timeliness timeliness,
            @JsonProperty("handling.resolution") Resolution resolution,
            @JsonProperty("handling.repeat") Repeat repeat,
            @JsonProperty("satisfaction.coverage") Coverage coverage,
            @JsonProperty("satisfaction.result") Result result,
            @JsonProperty("satisfaction.dissatisfied") Dissatisfied dissatisfied,
            @JsonProperty("keywork.special") Special special,
            @JsonProperty("keywork.other") Other other) {

        /** The maximum of an item. */
        public BigDecimal max(ItemCode item) {
            return limits(item).max();
        }

        /** The bonus cap of an item (0 where the item has no bonus rule). */
        public BigDecimal cap(ItemCode item) {
            return limits(item).cap();
        }

        /** The maximum and bonus cap of an item. */
        public Limits limits(ItemCode item) {
            return switch (item) {
                case BASIC_INSTITUTION -> institution;
                case BASIC_LEDGER -> ledger;
                case BASIC_TRAINING -> training;
                case BASIC_EQUIPMENT -> equipment;
                case HANDLING_RESPONSE -> response;
                case HANDLING_TIMELINESS -> timeliness;
                case HANDLING_RESOLUTION -> resolution;
                case HANDLING_REPEAT -> repeat;
                case SATISFACTION_COVERAGE -> coverage;
                case SATISFACTION_RESULT -> result;
                case SATISFACTION_DISSATISFIED -> dissatisfied;
                case KEYWORK_SPECIAL -> special;
                case KEYWORK_OTHER -> other;
            };
        }
    }

    /** What every item has: its maximum and its bonus cap. */
    public interface Limits {
        BigDecimal max();

        BigDecimal cap();
    }

    /**
     * 1.1 制度建设.
     *
     * @param noRegulation        lost when the unit has no regulation
     * @param missingElement      lost per missing element
     * @param inheritFromAncestor a unit with no row of its own is judged on its nearest ancestor's row [reading]
     * @param noRow               lost when no row applies [reading]
     */
    public record Institution(BigDecimal max, BigDecimal cap, BigDecimal noRegulation, BigDecimal missingElement,
                              boolean inheritFromAncestor, BigDecimal noRow) implements Limits {
    }

    /**
     * 1.2 台账管理.
     *
     * @param missingField        lost per empty required field
     * @param lateRecording       lost per case recorded late
     * @param recordingAllowance  late when {@code recorded_at − submitted_at} is more than this
     */
    public record Ledger(BigDecimal max, BigDecimal cap, BigDecimal missingField, BigDecimal lateRecording,
                         Duration recordingAllowance) implements Limits {
    }

    /**
     * 1.3 人员培训.
     *
     * @param noSession              lost for a quarter with no counted session
     * @param incompleteRecords      lost for a quarter in which a counted session lacks a record [reading]
     * @param countAncestorSessions  sessions held for a unit above count too
     */
    public record Training(BigDecimal max, BigDecimal cap, BigDecimal noSession, BigDecimal incompleteRecords,
                           boolean countAncestorSessions) implements Limits {
    }

    /**
     * 1.4 设备保障.
     *
     * @param frequentOutages      a month with at least this many outages loses {@code frequentPoints}
     * @param frequentPoints       lost for such a month
     * @param backupAllowance      backup answering must start within this
     * @param lateBackup           lost per outage whose backup started late or not at all
     */
    public record Equipment(BigDecimal max, BigDecimal cap, int frequentOutages, BigDecimal frequentPoints,
                            Duration backupAllowance, BigDecimal lateBackup) implements Limits {
    }

    /**
     * 2.1 响应时效: late by {@code d}, lose {@code ceil(d / step) × points}.
     */
    public record Response(BigDecimal max, BigDecimal cap, Timer acceptance, Timer contact) implements Limits {
    }

    /** An allowance and the loss per started step beyond it. */
    public record Timer(Duration allowance, Duration step, BigDecimal points) {
    }

    /**
     * 2.2 办理时效.
     *
     * @param deadlines        per handling class (CONSULTATION, COMPLAINT, COMPLEX, SUGGESTION); a class without an
     *                         entry has no deadline
     * @param bands            losses by working days late, in order; the first band whose bound holds applies
     * @param repeatMultiplier the loss of a late repeat complaint whose earlier complaint was late too (加倍)
     */
    public record Timeliness(BigDecimal max, BigDecimal cap, Map<String, Deadline> deadlines, List<Band> bands,
                             BigDecimal repeatMultiplier) implements Limits {
    }

    /** A deadline: calendar {@code hours} or {@code workingDays} (exactly one is set). */
    public record Deadline(Integer hours, Integer workingDays) {
    }

    /**
     * A band of lateness: applies when {@code w < upTo} (or {@code w ≤ upTo} when {@code inclusive}); the last band
     * has no {@code upTo} and takes the rest.
     */
    public record Band(BigDecimal upTo, Boolean inclusive, BigDecimal points) {

        /** Whether {@code upTo} itself belongs to the band (default false). */
        public boolean includesUpTo() {
            return Boolean.TRUE.equals(inclusive);
        }
    }

    /**
     * 2.3 解决率 (rates in percent).
     *
     * @param floorRate      below this, lose {@code perPoint} per percentage point below
     * @param bonusRate      at or above this, bonus {@code bonus}
     */
    public record Resolution(BigDecimal max, BigDecimal cap, BigDecimal floorRate, BigDecimal perPoint,
                             BigDecimal bonusRate, BigDecimal bonus) implements Limits {
    }

    /**
     * 2.4 重复投诉率 (rates in percent).
     *
     * @param window        how far back an earlier complaint makes a repeat (30 × 24 h)
     * @param ceilingRate   above this, lose {@code perPoint} per percentage point above
     * @param bonusRate     at or below this, bonus {@code bonus}
     */
    public record Repeat(BigDecimal max, BigDecimal cap, Duration window, BigDecimal ceilingRate, BigDecimal perPoint,
                         BigDecimal bonusRate, BigDecimal bonus) implements Limits {
    }

    /**
     * 3.1 评价覆盖.
     *
     * @param missingEvaluation lost per completed case with no known evaluation
     * @param phoneTarget       target share of phone callbacks in percent (reported, deducts nothing)
     * @param onlineTarget      target share of online surveys in percent (reported, deducts nothing)
     */
    public record Coverage(BigDecimal max, BigDecimal cap, BigDecimal missingEvaluation, BigDecimal phoneTarget,
                           BigDecimal onlineTarget) implements Limits {
    }

    /**
     * 3.2 评价结果: {@code index = Σ weight / N × scale}.
     *
     * @param weights      points per level (SATISFIED, BASIC, UNSATISFIED)
     * @param scale        multiplier to a 0–100 index [reading]
     * @param fullAt       at or above this index no loss
     * @param step         below it, lose {@code perStep} per started {@code step}
     * @param perStep      points per step
     * @param zeroBelow    below this index lose {@code zeroLoss}
     * @param zeroLoss     the loss below {@code zeroBelow}
     */
    public record Result(BigDecimal max, BigDecimal cap, Map<String, BigDecimal> weights, BigDecimal scale,
                         BigDecimal fullAt, BigDecimal step, BigDecimal perStep, BigDecimal zeroBelow,
                         BigDecimal zeroLoss) implements Limits {
    }

    /**
     * 3.3 不满意处理.
     *
     * @param reviewAllowance  the review is due within this of the UNSATISFIED evaluation
     * @param notReviewed      lost when not reviewed in time
     * @param notCarriedOut    lost when the review's outcome was not carried out
     */
    public record Dissatisfied(BigDecimal max, BigDecimal cap, Duration reviewAllowance, BigDecimal notReviewed,
                               BigDecimal notCarriedOut) implements Limits {
    }

    /**
     * 4.1 专项任务.
     *
     * @param noPlan       lost when no plan was submitted
     * @param perDayLate   lost per day late
     * @param poorQuality  lost when the quality is judged not up to standard [reading]
     */
    public record Special(BigDecimal max, BigDecimal cap, BigDecimal noPlan, BigDecimal perDayLate,
                          BigDecimal poorQuality) implements Limits {
    }

    /** 4.2 其他重点工作: scored by manual adjustments only [reading]. */
    public record Other(BigDecimal max, BigDecimal cap) implements Limits {
    }

    /** The settings of a subject kind. */
    public SubjectSettings subject(SubjectKind kind) {
        return subjects.get(kind);
    }

    /** The grade of a (rounded) total. */
    public String grade(BigDecimal total) {
        for (Grade grade : grades) {
            if (total.compareTo(grade.min()) >= 0) {
                return grade.name();
            }
        }
        return grades.get(grades.size() - 1).name();
    }
}
