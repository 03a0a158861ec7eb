package org.warmline.stakes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.warmline.cases.CaseClocks;
import org.warmline.scheme.SubjectKind;

/**
 * The points at stake of one case as of an instant: each running clock with what missing it would cost (or, late, has
 * cost so far), and the case's figure for sorting.
 *
 * @param clocks   the running clocks, in the desk's order
 * @param points   the most points one subject would lose if every clock not yet late were missed (0: nothing at stake)
 * @param scheme   the scheme version the engine used
 */
public record CaseStakes(String caseNo, List<ClockStake> clocks, BigDecimal points, String scheme) {

    /** Nothing runs: nothing at stake. */
    static CaseStakes none(String caseNo, String scheme) {
        return new CaseStakes(caseNo, List.of(), BigDecimal.ZERO, scheme);
    }

    /** Whether any clock runs. */
    public boolean running() {
        return !clocks.isEmpty();
    }

    /** The clocks not yet late whose missing would cost someone something. */
    public List<ClockStake> atStake() {
        return clocks.stream().filter(c -> !c.late() && !c.losses().isEmpty()).toList();
    }

    /** The clocks already late that have cost someone something. */
    public List<ClockStake> lost() {
        return clocks.stream().filter(c -> c.late() && !c.losses().isEmpty()).toList();
    }

    /** The figure as the lists show it: {@code 2}, {@code 3.5}; empty when nothing is at stake. */
    public String shown() {
        return points.signum() == 0 ? "" : points.stripTrailingZeros().toPlainString();
    }

    /**
     * One running clock.
     *
     * @param late   whether its deadline has passed (its losses: what it has cost so far; else what missing it costs)
     * @param losses each subject's loss, in the engine's order of subjects (units first)
     * @param nobody why no one would lose anything (a message key), or null
     */
    public record ClockStake(CaseClocks.Kind kind, Instant deadline, boolean late, List<SubjectLoss> losses,
                             String nobody, java.time.Duration left) {

        /** How long is left before the deadline, as the page says it ({@code stakes.left.*}); null when late. */
        public org.springframework.context.MessageSourceResolvable leftText() {
            if (late) {
                return null;
            }
            long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
            String key = minutes < 60 ? "stakes.left.minutes" : minutes < 24 * 60 ? "stakes.left.hours"
                    : "stakes.left.days";
            Object[] args = minutes < 60 ? new Object[] {minutes}
                    : minutes < 24 * 60 ? new Object[] {minutes / 60, minutes % 60}
                    : new Object[] {minutes / (24 * 60), minutes % (24 * 60) / 60};
            return new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {key}, args);
        }

        /** The largest loss of one subject on this clock. */
        public BigDecimal most() {
            return losses.stream().map(SubjectLoss::points).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
        }
    }

    /**
     * What one subject would lose (or has lost).
     *
     * @param item    the item's number in the scheme, e.g. {@code 2.1}
     * @param reason  the engine's reason, in the viewer's language
     * @param itemMax the item's points in the scheme: a deduction above them still leaves the item at 0, no lower
     */
    public record SubjectLoss(String code, String name, SubjectKind kind, String item, String rule, BigDecimal points,
                              String reason, BigDecimal itemMax) {

        public String shownPoints() {
            return points.stripTrailingZeros().toPlainString();
        }

        /** Whether the deduction is more than the item is worth (the subject's item score stops at 0). */
        public boolean beyondItem() {
            return itemMax != null && points.compareTo(itemMax) > 0;
        }

        public String shownItemMax() {
            return itemMax == null ? "" : itemMax.stripTrailingZeros().toPlainString();
        }
    }
}
