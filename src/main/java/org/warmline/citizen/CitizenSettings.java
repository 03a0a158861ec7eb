package org.warmline.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the citizens' pages ({@code warmline.citizen.*}).
 *
 * @param perPhone               online submissions a day per phone number (compared as docs/assessment.md 2.4 does)
 * @param perAddress             online submissions a day per address (compared without spaces, any letter case)
 * @param perClient              online submissions a day per client (IP) address
 * @param tokenDaysAfterClosing  a tracking link expires this many days after its case is completed or withdrawn
 * @param tokenDaysOpen          and at the latest this many days after it was issued while the case is still open
 * @param publicUrl              where citizens reach the public pages (e.g. {@code https://rexian.example.com}), for
 *                               the links in the texts to citizens; required when SMS is on
 * @param smsSignature           put before every text to a citizen (e.g. {@code 【某某热力】}), unless the gateway adds
 *                               the company's signature itself; none by default
 */
@ConfigurationProperties("warmline.citizen")
record CitizenSettings(Integer perPhone, Integer perAddress, Integer perClient, Integer tokenDaysAfterClosing,
                       Integer tokenDaysOpen, String publicUrl, String smsSignature) {

    CitizenSettings {
        perPhone = positive(perPhone, 3, "per-phone");
        perAddress = positive(perAddress, 3, "per-address");
        perClient = positive(perClient, 10, "per-client");
        tokenDaysAfterClosing = positive(tokenDaysAfterClosing, 90, "token-days-after-closing");
        tokenDaysOpen = positive(tokenDaysOpen, 365, "token-days-open");
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.trim().replaceAll("/+$", "");
        smsSignature = smsSignature == null ? "" : smsSignature.trim();
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("warmline.citizen." + name + " must be at least 1: " + value);
        }
        return value;
    }
}
