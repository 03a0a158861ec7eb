package org.warmline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ValuesTest {

    private final Values shanghai = new Values(ZoneId.of("Asia/Shanghai"));

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @Test
    void readsEveryInstantForm() {
        long expected = at("2026-01-05T08:30:00+08:00");
        assertThat(shanghai.instant("2026-01-05 08:30")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05 08:30:00")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05T08:30:00")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05T08:30:00.250")).isEqualTo(expected + 250);
        assertThat(shanghai.instant("2026-01-05T08:30:00.123456789")).isEqualTo(expected + 123);
        assertThat(shanghai.instant("2026-01-05T00:30:00Z")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05T08:30:00+08:00")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05T08:30:00+0800")).isEqualTo(expected);
        assertThat(shanghai.instant("2026-01-05T01:30:00+01:00")).isEqualTo(expected);
        assertThat(shanghai.instant("2026/1/5 8:30")).isEqualTo(expected);
        assertThat(shanghai.instant("2024-02-29 00:00")).isEqualTo(at("2024-02-29T00:00:00+08:00"));
    }

    @Test
    void rejectsWhatIsNotAnInstant() {
        for (String bad : new String[] {"2026-01-05", "2026-13-05 08:30", "2026-02-29 08:30", "2026-01-05 24:00",
                "2026-01-05 08:60", "2026-01-05T08:30:00+8", "2026-01-05T08:30:00X", "yesterday", "26-01-05 08:30",
                "2026-01-05 08:30:00.", "46027.5"}) {
            assertThat(shanghai.instant(bad)).as(bad).isEqualTo(Values.BAD);
        }
    }

    @Test
    void theBufferParserReadsWhatTheTextParserReads() {
        // a 19-character text in a buffer: the same value as instant(String), or BAD where that would not take the
        // fixed form (then the reader hands the text to instant(String))
        String[] texts = {"2026-01-05 08:30:00", "2026-01-05T08:30:00", "2026-01-05t08:30:00", "2024-02-29 23:59:59",
            "2026-02-29 08:30:00", "2026-13-05 08:30:00", "2026-00-05 08:30:00", "2026-01-00 08:30:00",
            "2026-01-32 08:30:00", "2026-04-31 08:30:00", "2026-01-05 24:00:00", "2026-01-05 08:60:00",
            "2026-01-05 08:30:60", "2026/01/05 08:30:00", "2026-01-05_08:30:00", "2026-01-05 08:30+08", "２026-01-05 08:30:00",
            "2026-01-05 08:3a:00", "2026-01-05 08:30:0/", "2026-01-05 08:30:0:", "1900-01-01 00:00:00",
            "2200-12-31 23:59:59", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "1991-04-14 02:30:00"};
        Random random = new Random(7);
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(texts));
        for (int i = 0; i < 5_000; i++) {
            char[] chars = "2026-01-05 08:30:00".toCharArray();
            chars[random.nextInt(chars.length)] = (char) ('*' + random.nextInt(20));
            all.add(new String(chars));
        }
        for (String zone : new String[] {"Asia/Shanghai", "Europe/Berlin"}) {
            Values values = new Values(ZoneId.of(zone));
            for (String text : all) {
                char[] buffer = ("xx" + text + "yy").toCharArray();
                long fromBuffer = values.plainInstant(buffer, 2);
                long fromText = values.instant(text);
                if (fromBuffer != Values.BAD) {
                    assertThat(fromBuffer).as(zone + " " + text).isEqualTo(fromText);
                } else {
                    assertThat(text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(13) == ':'
                            && text.charAt(16) == ':' && fromText != Values.BAD && text.chars().filter(Character::isDigit)
                            .count() == 14 && text.chars().allMatch(c -> c < 128))
                            .as("the fixed form of %s was left to the text parser", text).isFalse();
                }
            }
        }
        assertThat(shanghai.plainInstant("2026-01-05 08:30:00".toCharArray(), 0)).isEqualTo(at("2026-01-05T08:30:00+08:00"));
    }

    @Test
    void agreesWithJavaTimeAcrossZoneTransitions() {
        Random random = new Random(42);
        for (String zone : new String[] {"Asia/Shanghai", "Europe/Berlin", "America/New_York"}) {
            Values values = new Values(ZoneId.of(zone));
            for (int i = 0; i < 20_000; i++) {
                LocalDateTime t = LocalDateTime.of(1950 + random.nextInt(120), 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
                long expected = t.atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
                assertThat(values.instant(t.toString().replace('T', ' '))).as(zone + " " + t).isEqualTo(expected);
            }
        }
    }

    @Test
    void readsDatesBooleansAndNumbers() {
        assertThat(Values.date("2026-01-05")).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(Values.date("2026-02-30")).isNull();
        for (String yes : new String[] {"true", "TRUE", "yes", "Yes", "是", "Y", "y", "1"}) {
            assertThat(Values.bool(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "No", "否", "N", "n", "0"}) {
            assertThat(Values.bool(no)).as(no).isFalse();
        }
        assertThat(Values.bool("maybe")).isNull();
        assertThat(Values.number("−2")).isEqualTo(new BigDecimal("-2"));
        assertThat(Values.number("+1.50")).isEqualTo(new BigDecimal("1.5"));
        assertThat(Values.number("100")).isEqualTo(new BigDecimal("100"));
        assertThat(Values.number("1e5")).isNull();
        assertThat(Values.plain(13800138000d)).isEqualTo("13800138000");
        assertThat(Values.plain(2.5d)).isEqualTo("2.5");
    }
}
