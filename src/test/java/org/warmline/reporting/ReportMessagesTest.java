package org.warmline.reporting;

import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMessagesTest {

    @Test
    void bothLanguagesHaveTheSameLabels() {
        Properties zh = ReportMessages.load(false);
        Properties en = ReportMessages.load(true);
        assertThat(en.stringPropertyNames()).isEqualTo(zh.stringPropertyNames());
        assertThat(zh.stringPropertyNames()).allMatch(key -> !zh.getProperty(key).isBlank());
        assertThat(en.stringPropertyNames()).allMatch(key -> !en.getProperty(key).isBlank());
    }

    @Test
    void everyItemAndKindHasAnEnglishName() {
        ReportMessages english = ReportMessages.of(Locale.ENGLISH);
        ReportMessages chinese = ReportMessages.of(Locale.CHINA);
        for (ItemCode item : ItemCode.values()) {
            assertThat(english.item(item)).doesNotStartWith("item.");
            assertThat(chinese.item(item)).isEqualTo(item.chinese());
            assertThat(ReportMessages.load(false).getProperty("item." + item.code())).isEqualTo(item.chinese());
        }
        for (SubjectKind kind : SubjectKind.values()) {
            assertThat(english.kind(kind)).doesNotStartWith("kind.");
            assertThat(chinese.kind(kind)).isEqualTo(kind.chinese());
        }
    }

    @Test
    void chineseIsTheDefault() {
        assertThat(ReportMessages.of(null).get("sheet.summary")).isEqualTo("汇总");
        assertThat(ReportMessages.of(Locale.GERMAN).get("sheet.summary")).isEqualTo("汇总");
        assertThat(ReportMessages.of(Locale.US).get("sheet.summary")).isEqualTo("Summary");
        assertThat(ReportMessages.of(Locale.ENGLISH).get("entry.counts", 3, 1)).isEqualTo("3 deductions, 1 bonuses");
    }
}
