package org.warmline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CHANNEL;
import static org.warmline.ledger.CaseColumn.CITIZEN_NAME;
import static org.warmline.ledger.CaseColumn.TOPIC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warmline.sampledata.DataSetGenerator;

/**
 * A cases table of more than {@link CsvSource#splitMinBytes} is read in two parts (one per thread); the result, and
 * every problem with its row, must be those of the single reading.
 */
class LedgerReaderSplitTest {

    /** About 9.5 MB of cases: above the 8 MB from which the table is read in two parts. */
    private static final int CASES = 20_000;

    @TempDir
    static Path generated;

    @TempDir
    Path dir;

    private static List<String> lines;

    @BeforeAll
    static void generate() throws IOException {
        new DataSetGenerator(7, 2026, ZoneId.of("Asia/Shanghai")).writeCsvFolder(CASES, generated);
        lines = Files.readAllLines(generated.resolve("cases.csv"), StandardCharsets.UTF_8);
        assertThat(Files.size(generated.resolve("cases.csv"))).isGreaterThan(8L << 20);
        assertThat(String.join("\n", lines)).doesNotContain("\"");
    }

    @AfterEach
    void restore() {
        CsvSource.splitMinBytes = 8L << 20;
    }

    private Path folder(List<String> cases) throws IOException {
        try (var files = Files.list(generated)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("cases.csv")) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
        }
        Files.write(dir.resolve("cases.csv"), cases, StandardCharsets.UTF_8);
        return dir;
    }

    private static LedgerReading readSingle(Path folder) {
        CsvSource.splitMinBytes = Long.MAX_VALUE;
        try {
            return LedgerFixtures.reader().read(folder);
        } finally {
            CsvSource.splitMinBytes = 8L << 20;
        }
    }

    private static List<LedgerProblem> problems(Path folder) {
        return catchThrowableOfType(() -> LedgerFixtures.reader().read(folder), LedgerException.class).problems();
    }

    private static String[] fields(String line) {
        return line.split(",", -1);
    }

    @Test
    void readsTheSameCasesInTwoParts() throws IOException {
        Path folder = folder(lines);
        long before = CsvSource.splitReads.get();
        LedgerReading split = LedgerFixtures.reader().read(folder);
        assertThat(CsvSource.splitReads.get()).isEqualTo(before + 1);
        LedgerReading single = readSingle(folder);
        assertThat(split.data().cases()).hasSize(CASES).isEqualTo(single.data().cases());
        assertThat(split.data().cases().get(CASES - 1).row()).isEqualTo(CASES + 1);
        assertThat(split.warnings()).isEqualTo(single.warnings());
        assertThat(split.data()).isEqualTo(single.data());
    }

    @Test
    void otherSpellingsReadTheSameInTwoParts() throws IOException {
        // the two parts take the common spellings straight from the parser's buffer and leave every other spelling to
        // the usual conversion: codes in other letter cases or in Chinese, other flags and instant forms, padded
        // cells, quoted fields, blank rows, an extra column — the cases and warnings must be those of the single path
        List<String> cases = new ArrayList<>(lines);
        cases.set(0, cases.get(0) + ",remark");
        String[][] channels = {{"1", "hotline"}, {"1", "热线"}, {"1", "APP"}, {"1", " app "}, {"1", "Gov_Hotline"}};
        String[][] others = {{"2", "投诉"}, {"2", "complaint"}, {"3", "Y"}, {"3", "是"}, {"3", "yes"}, {"3", "True"},
            {"3", "0"}, {"18", "否"}, {"18", " TRUE "}, {"23", "N"}, {"4", "漏水"}, {"4", " leak "}, {"4", "暖气片不热"},
            {"24", "满意"}, {"24", "basic"}, {"25", "线上问卷"}, {"30", "用户误解"}, {"10", "2026/1/5 8:30"},
            {"10", "2026-01-05T08:30:00"}, {"10", " 2026-01-05 08:30:00 "}, {"10", "2026-01-05 08:30:00.5"},
            {"10", "2026-01-05 08:30:00+08:00"}, {"9", "2026-01-05 08:30"}, {"5", " 张三 "}, {"5", "\"李,四\""},
            {"7", "\"地址 \"\"引号\"\"\""}, {"8", "\t诉求\t"}, {"6", " 13800138000"}, {"0", " C-PADDED-%d "}};
        for (int i = 1; i < cases.size(); i++) {
            String[] fields = fields(cases.get(i));
            if (i % 97 == 0) {
                String[] change = channels[(i / 97) % channels.length];
                fields[Integer.parseInt(change[0])] = change[1];
            }
            if (i % 13 == 0) {
                String[] change = others[(i / 13) % others.length];
                fields[Integer.parseInt(change[0])] = change[1].replace("%d", String.valueOf(i));
            }
            if (i % 31 == 0) {
                fields[13] = " " + fields[13] + " ";
                fields[15] = fields[15] + " ";
            }
            cases.set(i, String.join(",", fields) + "," + (i % 7 == 0 ? "备注" + i : ""));
        }
        cases.add(CASES / 2 + 7, "");
        cases.add(CASES * 3 / 4, " , ,\t,");
        cases.add(CASES / 4, "");
        Path folder = folder(cases);

        long before = CsvSource.splitReads.get();
        LedgerReading split = LedgerFixtures.reader().read(folder);
        assertThat(CsvSource.splitReads.get()).isEqualTo(before + 1);
        LedgerReading single = readSingle(folder);
        assertThat(split.data().cases()).hasSize(CASES).isEqualTo(single.data().cases());
        assertThat(split.warnings()).isNotEmpty().isEqualTo(single.warnings());
        assertThat(split.data().cases()).anySatisfy(c -> assertThat(c.get(CITIZEN_NAME)).isEqualTo("李,四"))
                .anySatisfy(c -> assertThat(c.get(TOPIC)).isEqualTo("暖气片不热"))
                .anySatisfy(c -> assertThat(c.caseNo()).startsWith("C-PADDED-"))
                .anySatisfy(c -> assertThat(c.get(CHANNEL)).isEqualTo(Channel.APP));
    }

    @Test
    void mixedLineEndsCountTheSameRows() throws IOException {
        // CRLF, LF and a lone CR each end one record (as FastCSV counts them); the scan for the split counts them
        // eight bytes at a time, also where a CRLF straddles two words
        List<String> cases = new ArrayList<>(lines);
        int bad = CASES * 7 / 8;
        String[] fields = fields(cases.get(bad));
        fields[10] = "not an instant";
        Path folder = folder(List.of());
        for (boolean withProblem : new boolean[] {false, true}) {
            if (withProblem) {
                cases.set(bad, String.join(",", fields));
            }
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < cases.size(); i++) {
                file.append(cases.get(i)).append(i % 7 == 3 ? "\r" : i % 2 == 0 ? "\r\n" : "\n");
            }
            Files.writeString(folder.resolve("cases.csv"), file, StandardCharsets.UTF_8);
            if (!withProblem) {
                long before = CsvSource.splitReads.get();
                LedgerReading split = LedgerFixtures.reader().read(folder);
                assertThat(CsvSource.splitReads.get()).isEqualTo(before + 1);
                assertThat(split.data().cases()).hasSize(CASES).isEqualTo(readSingle(folder).data().cases());
                assertThat(split.data().cases().get(CASES - 1).row()).isEqualTo(CASES + 1);
            } else {
                List<LedgerProblem> problems = problems(folder);
                assertThat(problems).extracting(LedgerProblem::row).containsExactly(bad + 1);
                CsvSource.splitMinBytes = Long.MAX_VALUE;
                assertThat(problems(folder)).isEqualTo(problems);
                CsvSource.splitMinBytes = 8L << 20;
            }
        }
    }

    @Test
    void problemsInTheSecondPartNameTheirRows() throws IOException {
        List<String> cases = new ArrayList<>(lines);
        // line i of the file is row i + 1 (the header is row 1)
        int duplicate = CASES * 3 / 4;
        int badInstant = CASES * 7 / 8;
        String[] first = fields(cases.get(100));
        String[] dup = fields(cases.get(duplicate));
        dup[0] = first[0];
        cases.set(duplicate, String.join(",", dup));
        String[] bad = fields(cases.get(badInstant));
        bad[10] = "2026-13-45 25:00:00";
        cases.set(badInstant, String.join(",", bad));
        Path folder = folder(cases);

        List<LedgerProblem> problems = problems(folder);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).row()).isEqualTo(duplicate + 1);
        assertThat(problems.get(0).column()).isEqualTo("case_no");
        assertThat(problems.get(0).message()).contains(first[0]).contains("101");
        assertThat(problems.get(1).row()).isEqualTo(badInstant + 1);
        assertThat(problems.get(1).column()).isEqualTo("submitted_at");
        assertThat(problems.get(1).message()).contains("2026-13-45 25:00:00");

        CsvSource.splitMinBytes = Long.MAX_VALUE;
        assertThat(problems(folder)).isEqualTo(problems);
    }

    @Test
    void aDuplicateAcrossThePartsIsReportedAtTheLaterRow() throws IOException {
        List<String> cases = new ArrayList<>(lines);
        int later = CASES - 10;
        String[] fields = fields(cases.get(later));
        fields[0] = fields(cases.get(CASES / 4))[0];
        cases.set(later, String.join(",", fields));
        Path folder = folder(cases);
        List<LedgerProblem> problems = problems(folder);
        assertThat(problems).extracting(LedgerProblem::row).containsExactly(later + 1);
        CsvSource.splitMinBytes = Long.MAX_VALUE;
        assertThat(problems(folder)).isEqualTo(problems);
    }

    @Test
    void quotedNewlinesNearTheSplitPointKeepTheRecordsWhole() throws IOException {
        List<String> cases = new ArrayList<>(lines);
        // put a quoted field with a line break (and an escaped quote) into every record around the middle
        long bytes = 0;
        int middle = -1;
        long size = Files.size(generated.resolve("cases.csv"));
        for (int i = 0; i < cases.size(); i++) {
            bytes += cases.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes >= CsvSource.splitTarget(size)) {
                middle = i;
                break;
            }
        }
        for (int i = middle - 40; i <= middle + 40; i++) {
            String[] fields = fields(cases.get(i));
            fields[7] = "\"" + fields[7] + "\n第二行 \"\"引号\"\",逗号\r\n第三行\"";
            cases.set(i, String.join(",", fields));
        }
        Path folder = folder(cases);
        long before = CsvSource.splitReads.get();
        LedgerReading split = LedgerFixtures.reader().read(folder);
        assertThat(CsvSource.splitReads.get()).isEqualTo(before + 1);
        LedgerReading single = readSingle(folder);
        assertThat(split.data().cases()).hasSize(CASES).isEqualTo(single.data().cases());
        assertThat(split.data().cases().get(middle).get(ADDRESS)).contains("\n第二行 \"引号\",逗号\r\n第三行");
        assertThat(split.data().cases().get(CASES - 1).row()).isEqualTo(CASES + 1);

        // a problem after the split still names its row
        String[] bad = fields(cases.get(middle + 1000));
        bad[10] = "never";
        cases.set(middle + 1000, String.join(",", bad));
        Files.write(folder.resolve("cases.csv"), cases, StandardCharsets.UTF_8);
        List<LedgerProblem> problems = problems(folder);
        assertThat(problems).extracting(LedgerProblem::row).containsExactly(middle + 1001);
        CsvSource.splitMinBytes = Long.MAX_VALUE;
        assertThat(problems(folder)).isEqualTo(problems);
    }

    @Test
    void aTitleAboveAndTotalsBelowAreReadOnTheSinglePathWithTheirWarnings() throws IOException {
        List<String> cases = new ArrayList<>();
        cases.add("XX热力公司2026年信访台账" + ",".repeat(32));
        cases.add(",".repeat(32));
        cases.addAll(lines);
        cases.add("合计," + CASES + "件");
        cases.add("制表人:王芳,,,,审核人:李强");
        Path folder = folder(cases);
        long before = CsvSource.splitReads.get();
        LedgerReading reading = LedgerFixtures.reader().read(folder);
        assertThat(CsvSource.splitReads.get()).isEqualTo(before);
        assertThat(reading.data().cases()).hasSize(CASES);
        assertThat(reading.data().cases().get(0).row()).isEqualTo(4);
        assertThat(reading.warnings()).containsExactly(
                "cases.csv:3:: 表头在第 3 行;其上方的第 1 行不是表头(标题、填报说明等),已跳过:“XX热力公司2026年信访台账”",
                "cases.csv:" + (CASES + 4) + ":: 表格末尾第 " + (CASES + 4) + "–" + (CASES + 5)
                        + " 行没有工单编号,是合计、制表或审核等说明,已跳过:“合计”");
    }

    @Test
    void aPhoneInScientificNotationInTheSecondPartIsReportedAsOnTheSinglePath() throws IOException {
        List<String> cases = new ArrayList<>(lines);
        int late = CASES * 5 / 6;
        String[] fields = fields(cases.get(late));
        fields[6] = "1.3800E+10";
        cases.set(late, String.join(",", fields));
        Path folder = folder(cases);
        List<LedgerProblem> problems = problems(folder);
        assertThat(problems).extracting(p -> p.row() + ":" + p.column()).containsExactly((late + 1) + ":citizen_phone");
        CsvSource.splitMinBytes = Long.MAX_VALUE;
        assertThat(problems(folder)).isEqualTo(problems);
    }

    @Test
    void aLargeGb18030FileReadsAsItsUtf8Original() throws IOException {
        Path folder = folder(lines);
        LedgerReading utf8 = LedgerFixtures.reader().read(folder);
        Files.write(folder.resolve("cases.csv"), String.join("\r\n", lines).getBytes(TextEncoding.GB18030));
        LedgerReading gb = LedgerFixtures.reader().read(folder);
        assertThat(gb.data()).isEqualTo(utf8.data());
        assertThat(gb.warnings()).containsExactly("cases.csv:0:: 按 GB18030(GBK)编码读取(中文版 Excel、WPS 保存的 CSV)");
    }
}
