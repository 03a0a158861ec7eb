package org.warmline.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of the pages exists in Chinese (the default, {@code messages.properties}) and in English
 * ({@code messages_en.properties}), and none is left empty; there is no other language file (a Chinese request reads the
 * default: {@link LanguageTest}).
 */
class MessagesCompletenessTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesCompletenessTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyKeyExistsInEveryLanguage() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.keySet()).isEqualTo(zh.keySet());
        for (Properties p : new Properties[] {zh, en}) {
            p.values().forEach(v -> assertThat(v.toString()).isNotBlank());
        }
        for (String other : new String[] {"messages_zh.properties", "messages_zh_CN.properties",
                "messages_zh_TW.properties"}) {
            assertThat(MessagesCompletenessTest.class.getResource("/" + other)).as(other).isNull();
        }
    }

    /**
     * A text with arguments is read by {@link java.text.MessageFormat}, where a single apostrophe starts a quote (the
     * citizen's answer showed as "the citizens answer {0}"): such a text doubles it, and every text formats.
     */
    @Test
    void textsWithArgumentsDoubleTheirApostrophes() throws IOException {
        for (String name : new String[] {"messages.properties", "messages_en.properties"}) {
            load(name).forEach((key, value) -> {
                String text = value.toString();
                if (text.matches("(?s).*\\{\\d.*")) {
                    assertThat(text).as(name + " " + key).doesNotContainPattern("(?<!')'(?!')");
                    assertThat(new java.text.MessageFormat(text).format(new Object[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
                            .as(name + " " + key).doesNotContain("{");
                }
            });
        }
    }
}
