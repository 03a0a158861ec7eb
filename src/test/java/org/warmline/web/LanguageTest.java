package org.warmline.web;

import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmline.PagesTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Chinese is the default whatever the JVM's default locale: a request in Chinese of any region, without a language, or
 * in a language the desk does not speak reads {@code messages.properties}; only English reads
 * {@code messages_en.properties} ({@code spring.messages.fallback-to-system-locale=false}). Run with the JVM's default
 * set to English, where a fallback to the system locale would answer in English.
 */
@PagesTest
class LanguageTest {

    private static final String ZH_TITLE = "出错了";
    private static final String EN_TITLE = "Something went wrong";

    @Autowired
    MockMvc mvc;

    private Locale jvmDefault;

    @BeforeEach
    void englishJvm() {
        jvmDefault = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        ResourceBundle.clearCache();
    }

    @AfterEach
    void restoreJvm() {
        Locale.setDefault(jvmDefault);
        ResourceBundle.clearCache();
    }

    /** The message source as the application configures it, made afresh under the English JVM default. */
    @Test
    void theApplicationsMessagesAreChineseForEveryRequestButEnglish() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
                .run(context -> {
                    MessageSource messages = context.getBean(MessageSource.class);
                    for (Locale chinese : new Locale[] {Locale.CHINESE, Locale.SIMPLIFIED_CHINESE,
                            Locale.TRADITIONAL_CHINESE, Locale.ROOT, Locale.FRENCH, Locale.forLanguageTag("ja-JP")}) {
                        assertThat(messages.getMessage("error.title", null, chinese)).as(chinese.toLanguageTag())
                                .isEqualTo(ZH_TITLE);
                    }
                    assertThat(messages.getMessage("error.title", null, Locale.ENGLISH)).isEqualTo(EN_TITLE);
                    assertThat(messages.getMessage("error.title", null, Locale.US)).isEqualTo(EN_TITLE);
                });
    }

    @Test
    void theApiAnswersInChineseUnlessAskedForEnglish() throws Exception {
        for (String language : new String[] {null, "zh", "zh-CN", "zh-TW", "fr-FR", "de;q=0.9, ja;q=0.8"}) {
            var request = get("/api/me");
            if (language != null) {
                request.header("Accept-Language", language);
            }
            mvc.perform(request).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.title").value("未通过身份验证"));
        }
        mvc.perform(get("/api/me").header("Accept-Language", "en-GB,zh;q=0.5")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Unauthorized"));
    }

    @Test
    void thePagesAreChineseUnlessEnglishIsChosen() throws Exception {
        for (String language : new String[] {null, "zh", "zh_CN", "zh_TW", "fr"}) {
            var request = get("/login").header("Accept-Language", "en");
            if (language != null) {
                request.param("lang", language);
            }
            mvc.perform(request).andExpect(status().isOk())
                    .andExpect(content().string(containsString("<title>登录 · 暖线</title>")));
        }
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Sign in · Warmline</title>")));
    }
}
