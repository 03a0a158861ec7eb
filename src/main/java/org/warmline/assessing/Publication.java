package org.warmline.assessing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * A published period's frozen result (已发布的考核结果): the JSON of the live assessment at the moment of publishing, in
 * Chinese and English, with the scheme version, {@code as_of}, who published it and when. Version 1, 2, … per period.
 */
public record Publication(long id, String period, int version, String scheme, Instant asOf, String resultZh,
                          String resultEn, String publishedBy, Instant publishedAt) {

    /** The frozen JSON in the locale's language (Chinese unless English). */
    public String json(Locale locale) {
        return LiveAssessment.language(locale).getLanguage().equals("en") ? resultEn : resultZh;
    }

    public byte[] jsonBytes(Locale locale) {
        return json(locale).getBytes(StandardCharsets.UTF_8);
    }
}
