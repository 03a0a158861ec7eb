package org.warmline.cases;

import org.warmline.assessment.PhoneNumbers;

/**
 * How a citizen's phone number is shown to someone who does not work the case (docs/desk.md): {@code 138****5678}.
 * One rule for pages and API; {@link CaseAccess#worksOn} decides who sees the number in full.
 */
public final class PhoneMask {

    private static final String STARS = "****";

    private PhoneMask() {
    }

    /**
     * The number masked: compared as {@link PhoneNumbers#normalize} does (digits only, a +86/0086 prefix dropped), then
     * with 11 or more digits the first 3 and last 4 kept ({@code 13800005678} → {@code 138****5678}); with 7 to 10
     * digits (a landline) only the last 4; with fewer, nothing. Null stays null; text without digits is masked whole.
     */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = PhoneNumbers.normalize(phone);
        if (digits == null || digits.length() < 7) {
            return STARS;
        }
        String last4 = digits.substring(digits.length() - 4);
        return digits.length() >= 11 ? digits.substring(0, 3) + STARS + last4 : STARS + last4;
    }
}
