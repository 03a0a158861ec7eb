package org.warmline.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text of the pages exists in Chinese (the default) and in English, and none is left empty. */
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
        Properties base = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        Properties en = load("messages_en.properties");
        assertThat(zh.keySet()).isEqualTo(base.keySet());
        assertThat(en.keySet()).isEqualTo(base.keySet());
        for (Properties p : new Properties[] {base, zh, en}) {
            p.values().forEach(v -> assertThat(v.toString()).isNotBlank());
        }
    }
}
