package org.warmline.assessment;

import java.math.BigDecimal;
import java.math.MathContext;

import org.warmline.scheme.Scheme;

/**
 * The engine's arithmetic (docs/assessment.md, "Numbers and rounding"): points are exact decimals until a score is
 * rounded; durations are whole seconds.
 */
final class Numbers {

    /** Rates and means: a division exact far beyond the 2 decimals any figure is rounded to. */
    static final MathContext EXACT = MathContext.DECIMAL128;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Numbers() {
    }

    /** Whole seconds of a duration in milliseconds; a negative duration counts as zero. */
    static long seconds(long millis) {
        return millis <= 0 ? 0 : millis / 1000;
    }

    /** Rounded as the scheme says (half-up to 2 decimals by default). */
    static BigDecimal round(BigDecimal value, Scheme.Rounding rounding) {
        return value.setScale(rounding.scale(), rounding.mode());
    }
}
