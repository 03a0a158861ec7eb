package org.warmline.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.cli.WarmlineCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.UNIT;

/**
 * The example ledger as real tools save it (made by {@code src/test/resources/org/warmline/ledger/real/make.sh} with
 * LibreOffice): in GB18030, as UTF-16 "Unicode text", re-saved as a workbook by LibreOffice, and in a clerk's layout
 * (title rows, merged cells, month sheets, footer). Each reads as the same data set as the original and scores exactly
 * as {@code examples/expected}; the phones saved in scientific notation are refused.
 */
class LedgerRealFilesTest {

    static final Path REAL = Path.of("src/test/resources/org/warmline/ledger/real");
    static final Path EXAMPLE = Path.of("examples/ledger");

    static Stream<Arguments> savedEachWay() {
        return Stream.of("example-gb18030", "example-utf16", "example-libreoffice.xlsx", "clerk-layout.xlsx")
                .flatMap(file -> Stream.of(
                        Arguments.of(file, "2026-01", "2026-02-05T00:00"),
                        Arguments.of(file, "2026-Q1", "2026-04-15T00:00"),
                        Arguments.of(file, "2026", "2027-01-15T00:00")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("savedEachWay")
    void theExampleSavedEachWayScoresAsTheOriginal(String file, String period, String asOf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WarmlineCommand.run(new String[] {"assess", "--data", REAL.resolve(file).toString(), "--period",
            period, "--as-of", asOf}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode actual = mapper.readTree(out.toByteArray());
        JsonNode expected = mapper.readTree(Files.readString(Path.of("examples/expected/" + period + ".json")));
        assertThat(withoutReasons(actual)).isEqualTo(withoutReasons(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theExampleSavedEachWayReadsAsTheSameDataSet(String file) {
        DataSet original = LedgerFixtures.reader().read(EXAMPLE).data();
        DataSet saved = LedgerFixtures.reader().read(REAL.resolve(file)).data();
        assertThat(saved.units()).isEqualTo(original.units());
        assertThat(saved.staff()).isEqualTo(original.staff());
        assertThat(withoutRows(saved.cases())).isEqualTo(withoutRows(original.cases()));
        assertThat(saved.regulations()).isEqualTo(original.regulations());
        assertThat(saved.trainings()).isEqualTo(original.trainings());
        assertThat(saved.tasks()).isEqualTo(original.tasks());
        assertThat(saved.adjustments()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("row")
                .isEqualTo(original.adjustments());
        assertThat(saved.outages()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("row")
                .isEqualTo(original.outages());
    }

    static Stream<String> files() {
        return Stream.of("example-gb18030", "example-utf16", "example-libreoffice.xlsx", "clerk-layout.xlsx");
    }

    @Test
    void theEncodingReadIsNamedInAWarning() {
        assertThat(LedgerFixtures.reader().read(REAL.resolve("example-gb18030")).warnings())
                .contains("cases.csv:0:: 按 GB18030(GBK)编码读取(中文版 Excel、WPS 保存的 CSV)")
                .allSatisfy(w -> assertThat(w).contains("GB18030"));
        LedgerReading utf16 = new LedgerReader(LedgerFixtures.scheme(), Locale.ENGLISH)
                .read(REAL.resolve("example-utf16"));
        assertThat(utf16.warnings()).hasSize(8)
                .contains("cases.txt:0:: read as UTF-16LE (the \"Unicode text\" of Excel)");
        assertThat(LedgerFixtures.reader().read(EXAMPLE).warnings()).isEmpty();
    }

    @Test
    void theClerksLayoutIsReadWithAWordAboutWhatWasSkipped() {
        LedgerReading reading = LedgerFixtures.reader().read(REAL.resolve("clerk-layout.xlsx"));
        assertThat(reading.warnings()).contains(
                "clerk-layout.xlsx[1月]:3:: 表头在第 3 行;其上方的第 1–2 行不是表头(标题、填报说明等),已跳过:"
                        + "“XX热力公司2026年1月信访台账” “填报单位:客户服务部    填报日期:2026-02-01”",
                "clerk-layout.xlsx[1月]:50:: 表格末尾第 50–52 行没有工单编号,是合计、制表或审核等说明,已跳过:“合计”");
        assertThat(reading.warnings()).hasSize(6);
        // the responsible unit of a merged block is every row's, not only the first one's
        CaseRecord merged = reading.data().cases().stream().filter(c -> c.row() == 5).findFirst().orElseThrow();
        assertThat(merged.get(UNIT)).isNotNull();
        assertThat(reading.data().cases()).hasSize(100);
    }

    @Test
    void phonesSavedInScientificNotationAreRefusedWithAdvice(@TempDir Path dir) throws IOException {
        copyExample(dir);
        Files.copy(REAL.resolve("phones-scientific.csv"), dir.resolve("cases.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(dir));
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.column()).isEqualTo("citizen_phone"));
        assertThat(e.problems().get(0)).hasToString("cases.csv:2:citizen_phone: 联系电话“1.8986E+10”是科学计数法,"
                + "号码的位数已经丢失(不同用户会被当成同一人);请在 Excel 中把该列设置为“文本”格式后重新填写完整号码");
        long withPhones = LedgerFixtures.reader().read(EXAMPLE).data().cases().stream()
                .filter(c -> c.get(CITIZEN_PHONE) != null && c.get(CITIZEN_PHONE).matches("\\d{11}")).count();
        assertThat(e.problems()).hasSize((int) withPhones);
    }

    @Test
    void aCellThatCannotBeReadMakesNoFollowOnProblems(@TempDir Path dir) throws IOException {
        copyExample(dir);
        byte[] units = Files.readAllBytes(dir.resolve("units.csv"));
        units[units.length - 3] = (byte) 0xFF; // neither UTF-8 nor GB18030
        Files.write(dir.resolve("units.csv"), units);
        int lastRow = Files.readAllLines(dir.resolve("units.csv"), StandardCharsets.ISO_8859_1).size();
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(dir));
        // the one problem: no unit reference of the other tables is reported on top of it
        assertThat(e.problems()).extracting(LedgerProblem::toString).containsExactly("units.csv:" + lastRow
                + ":: 从这一行起无法按 UTF-8 编码读取(文件中混有其他编码的文字);请将整个文件另存为“CSV UTF-8”");
    }

    private static void copyExample(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
    }

    private static List<CaseRecord> withoutRows(List<CaseRecord> cases) {
        return cases.stream().map(c -> c.withRow(0))
                .sorted(Comparator.comparing(CaseRecord::caseNo)).toList();
    }

    private static JsonNode withoutReasons(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("reason");
            object.remove("warnings");
        }
        for (JsonNode child : node) {
            strip(child);
        }
    }
}
