package org.warmline.announcements;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Address patterns against addresses as callers and clerks write them: full-width and half-width digits, Chinese
 * numerals, 号楼/栋/幢/座/#, 单元 spelled out or in 3-2-201, spaces and punctuation, road and street numbers; and the
 * patterns refused because they name no place.
 */
class AddressPatternTest {

    /** pattern | address | whether it matches (Y/N). */
    private static final String TABLE = """
            幸福小区3号楼        | 幸福小区3号楼2单元201室              | Y
            幸福小区3号楼        | 和平区幸福小区３号楼２单元２０１     | Y
            幸福小区3号楼        | 幸福小区三号楼二单元201              | Y
            幸福小区3号楼        | 幸福小区 3 栋 2 单元 201             | Y
            幸福小区3号楼        | 幸福小区3幢2单元201                  | Y
            幸福小区3号楼        | 幸福小区3座201                       | Y
            幸福小区3号楼        | 幸福小区3#楼2单元201                 | Y
            幸福小区3号楼        | 幸福小区3#2单元201                   | Y
            幸福小区3号楼        | 幸福小区3-2-201                      | Y
            幸福小区3号楼        | 幸福小区3号2单元201                  | Y
            幸福小区3号楼        | 东城区幸福小区二期3号楼1单元101      | Y
            幸福小区3号楼        | 幸福小区13号楼2单元201               | N
            幸福小区3号楼        | 幸福小区33栋201                      | N
            幸福小区3号楼        | 幸福小区2号楼3单元301                | N
            幸福小区3号楼        | 幸福家园3号楼2单元201                | N
            幸福小区3号楼        | 幸福路3号楼                          | N
            幸福小区3号楼        | 3号楼2单元201                        | N
            幸福小区3号楼        |                                     | N
            幸福小区３栋２单元   | 幸福小区3-2-501                      | Y
            幸福小区3栋2单元     | 幸福小区3号楼2-501                   | Y
            幸福小区3栋2单元     | 幸福小区3号楼二单元5楼501            | Y
            幸福小区3栋2单元     | 幸福小区3-1-501                      | N
            幸福小区3栋2单元     | 幸福小区3号楼12单元501               | N
            春天花园A座          | 春天花园a座1101                      | Y
            春天花园A座          | 春天花园Ａ座 1101室                  | Y
            春天花园A座          | 春天花园B座1101                      | N
            和平小区二期         | 和平小区2期5号楼                     | Y
            和平小区二期         | 和平小区1期5号楼                     | N
            和平小区             | 东城区建设路12号和平小区3号楼1单元502 | Y
            和平小区             | 和平里小区3号楼                      | N
            建设路12号           | 东城区建设路12号和平小区3号楼         | Y
            建设路12号           | 建设路十二号院5号楼                  | Y
            建设路12号           | 建设路１２号                         | Y
            建设路12号           | 建设路112号                          | N
            建设路12号           | 建设路1号                            | N
            建设路12号           | 建设街12号                           | N
            建设街12号           | 建设街 12号 3 号楼                   | Y
            光明街8号电力宿舍    | 西城区光明街8号电力宿舍2号楼301室     | Y
            光明街8号电力宿舍    | 西城区光明街18号电力宿舍2号楼301室    | N
            电力宿舍2号楼        | 光明街8号 电力宿舍 2栋 301            | Y
            电力宿舍2号楼        | 光明街8号电力宿舍12号楼301            | N
            春天花园小区15号楼   | 东城区幸福路175号春天花园小区15号楼1单元201室 | Y
            春天花园小区15号楼   | 东城区幸福路175号春天花园小区5号楼1单元201 | N
            """;

    @TestFactory
    Stream<DynamicTest> anAddressMatchesAPatternHoweverEitherIsWritten() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cols = line.split("\\|");
            String pattern = cols[0].strip();
            String address = cols[1].strip();
            boolean expected = cols[2].strip().equals("Y");
            tests.add(dynamicTest(pattern + " ~ " + address + " = " + expected, () -> assertThat(
                    AddressPattern.of(pattern).matches(address))
                    .as("%s ~ %s (%s ~ %s)", pattern, address, AddressPattern.canonical(pattern),
                            AddressPattern.canonical(address))
                    .isEqualTo(expected)));
        }
        return tests.stream();
    }

    /** pattern | why it is refused (empty: accepted). */
    private static final String CHECKS = """
            幸福小区3号楼     |
            建设路            |
            幸福              |
            和平区            |
            3号楼             | NO_PLACE
            3栋2单元          | NO_PLACE
            小区              | NO_PLACE
            路12号            | NO_PLACE
            1                 | NO_PLACE
            号楼              | NO_PLACE
            市区              | NO_PLACE
            幸                | NO_PLACE
            ———               | NO_PLACE
            （）              | EMPTY
            """;

    @TestFactory
    Stream<DynamicTest> aPatternThatNamesNoPlaceIsRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : CHECKS.strip().split("\n")) {
            String[] cols = line.split("\\|", -1);
            String pattern = cols[0].strip();
            String refusal = cols[1].strip();
            tests.add(dynamicTest(pattern + " -> " + (refusal.isEmpty() ? "accepted" : refusal), () ->
                    assertThat(AddressPattern.check(pattern).map(Enum::name).orElse(""))
                            .isEqualTo(refusal)));
        }
        return tests.stream();
    }

    @Test
    void blankTooLongAndControlCharactersAreRefusedToo() {
        assertThat(AddressPattern.check("  ")).contains(AddressPattern.Refusal.EMPTY);
        assertThat(AddressPattern.check(null)).contains(AddressPattern.Refusal.EMPTY);
        assertThat(AddressPattern.check("幸福小区".repeat(30))).contains(AddressPattern.Refusal.TOO_LONG);
        assertThat(AddressPattern.check("幸福小区\u202E3号楼")).contains(AddressPattern.Refusal.TEXT);
    }

    @Test
    void chineseNumeralsAreReadAsNumbers() {
        assertThat(AddressPattern.number("三")).isEqualTo(3);
        assertThat(AddressPattern.number("十")).isEqualTo(10);
        assertThat(AddressPattern.number("十二")).isEqualTo(12);
        assertThat(AddressPattern.number("二十")).isEqualTo(20);
        assertThat(AddressPattern.number("二十三")).isEqualTo(23);
        assertThat(AddressPattern.number("一百零一")).isEqualTo(101);
        assertThat(AddressPattern.number("一零一")).isEqualTo(101);
        assertThat(AddressPattern.number("两")).isEqualTo(2);
    }
}
