package org.warmline.cases;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Phones are shown as 138****5678 to whoever does not work the case. */
class PhoneMaskTest {

    @Test
    void aMobileKeepsItsFirstThreeAndLastFourDigits() {
        assertThat(PhoneMask.mask("13812345678")).isEqualTo("138****5678");
        assertThat(PhoneMask.mask("138 1234 5678")).isEqualTo("138****5678");
        assertThat(PhoneMask.mask("+86 138-1234-5678")).isEqualTo("138****5678");
        assertThat(PhoneMask.mask("008613812345678")).isEqualTo("138****5678");
    }

    @Test
    void aLandlineKeepsOnlyItsLastFourDigits() {
        assertThat(PhoneMask.mask("87654321")).isEqualTo("****4321");
        assertThat(PhoneMask.mask("0451-876543")).isEqualTo("****6543");
        assertThat(PhoneMask.mask("0451-87654321")).isEqualTo("045****4321");
    }

    @Test
    void shortOrDigitlessTextIsMaskedWholeAndNullStaysNull() {
        assertThat(PhoneMask.mask("110")).isEqualTo("****");
        assertThat(PhoneMask.mask("123456")).isEqualTo("****");
        assertThat(PhoneMask.mask("unknown")).isEqualTo("****");
        assertThat(PhoneMask.mask("")).isEqualTo("****");
        assertThat(PhoneMask.mask(null)).isNull();
    }
}
