package org.warmline.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.warmline.calendar.Period;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;

/**
 * The visible text of the reports, from {@code report-messages.properties} (Chinese, the default) and
 * {@code report-messages_en.properties} (English), read as UTF-8. English is chosen when the locale's language is
 * {@code en}; every other locale (and {@code null}) gives Chinese.
 */
final class ReportMessages {

    static final String BASE = "/org/warmline/reporting/report-messages";

    private static final ReportMessages CHINESE = new ReportMessages(false);
    private static final ReportMessages ENGLISH = new ReportMessages(true);

    private final boolean english;
    private final Properties labels;

    private ReportMessages(boolean english) {
        this.english = english;
        this.labels = load(english);
    }

    static ReportMessages of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    static Properties load(boolean english) {
        String name = BASE + (english ? "_en" : "") + ".properties";
        Properties properties = new Properties();
        try (InputStream in = ReportMessages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    boolean english() {
        return english;
    }

    /** The value of {@code lang} on the HTML page. */
    String htmlLang() {
        return english ? "en" : "zh-CN";
    }

    String get(String key) {
        String value = labels.getProperty(key);
        return value != null ? value : key;
    }

    /** The label with {@code {0}}, {@code {1}}… replaced by the arguments (plain replacement, not MessageFormat). */
    String get(String key, Object... args) {
        String value = get(key);
        for (int i = 0; i < args.length; i++) {
            value = value.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return value;
    }

    String kind(SubjectKind kind) {
        if (kind == null) {
            return "";
        }
        return english ? get("kind." + kind.name()) : kind.chinese();
    }

    String item(ItemCode item) {
        if (item == null) {
            return "";
        }
        return english ? get("item." + item.code()) : item.chinese();
    }

    String periodKind(Period.Kind kind) {
        return kind == null ? "" : get("periodKind." + kind.name());
    }

    /** The name of a figure of an item ({@code rate}, {@code index}, {@code mix}); other figures keep their key. */
    String figure(String key) {
        if (key == null) {
            return "";
        }
        String value = labels.getProperty("figure." + key);
        return value != null ? value : key;
    }

    /** The grade as shown: the engine's grade (优秀, 良好, 合格, 不合格) translated when English, else as given. */
    String grade(String grade) {
        if (grade == null) {
            return "";
        }
        String key = ReportSupport.gradeKey(grade);
        return key == null ? grade : get("grade." + key);
    }
}
