package org.warmline.assessment;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reason and warning, in both languages, is filled as MessageFormat fills it (Reasons does it without it). */
class ReasonsTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    @Test
    void everyPatternIsFilledAsMessageFormatFillsIt() {
        int checked = 0;
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            Reasons reasons = new Reasons(locale, ZoneId.of("Asia/Shanghai"));
            ResourceBundle bundle = ResourceBundle.getBundle("org.warmline.assessment.reasons",
                    "en".equals(locale.getLanguage()) ? Locale.ROOT : Locale.CHINESE,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String key : Collections.list(bundle.getKeys())) {
                String pattern = bundle.getString(key);
                int arguments = 0;
                Matcher m = ARGUMENT.matcher(pattern);
                while (m.find()) {
                    arguments = Math.max(arguments, Integer.parseInt(m.group(1)) + 1);
                }
                // as many arguments as the pattern takes, one more, and (when it takes two or more) one fewer
                for (int n = Math.max(1, arguments - 1); n <= arguments + 1; n++) {
                    Object[] args = new Object[n];
                    for (int i = 0; i < n; i++) {
                        args[i] = "a" + i + "'{x}";
                    }
                    String expected = new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
                    assertThat(reasons.text(key, args)).as(key + " with " + n + " arguments").isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
    }
}
