package org.warmline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CHANNEL;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DEMAND;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.EVALUATION_CHANNEL;
import static org.warmline.ledger.CaseColumn.EXPLAINED_AT;
import static org.warmline.ledger.CaseColumn.HANDLER;
import static org.warmline.ledger.CaseColumn.OCCURRED_AT;
import static org.warmline.ledger.CaseColumn.RECORDED_AT;
import static org.warmline.ledger.CaseColumn.RESOLVED;
import static org.warmline.ledger.CaseColumn.REVIEW_FINDING;
import static org.warmline.ledger.CaseColumn.SITE_SURVEY;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;
import static org.warmline.ledger.CaseColumn.UNIT;
import static org.warmline.ledger.LedgerFixtures.write;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerReaderCsvTest {

    @TempDir
    Path dir;

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @Test
    void readsAFolderWithEnglishHeadersAndCodes() throws IOException {
        LedgerReading reading = LedgerFixtures.reader().read(LedgerFixtures.english(dir));
        DataSet data = reading.data();
        assertThat(reading.warnings()).isEmpty();
        assertThat(data.units()).containsExactly(
                new Unit("HQ", "总部客服部", UnitKind.HQ_SERVICE, null),
                new Unit("B01", "城东分公司", UnitKind.BRANCH, null),
                new Unit("S01", "城东一站", UnitKind.STATION, "B01"),
                new Unit("T01", "维修一班", UnitKind.TEAM, "S01"));
        assertThat(data.staff()).containsExactly(new Staff("A01", "张三", Post.AGENT, "HQ"),
                new Staff("W01", "李四", Post.STEWARD, "T01"));
        assertThat(data.cases()).hasSize(2);
        CaseRecord c = data.cases().get(0);
        assertThat(c.caseNo()).isEqualTo("C001");
        assertThat(c.row()).isEqualTo(2);
        assertThat(c.get(CHANNEL)).isEqualTo(Channel.HOTLINE);
        assertThat(c.get(CATEGORY)).isEqualTo(Category.COMPLAINT);
        assertThat(c.get(TOPIC)).isEqualTo("TEMPERATURE");
        assertThat(c.get(CITIZEN_PHONE)).isEqualTo("13800138000");
        assertThat(c.at(OCCURRED_AT)).isEqualTo(at("2026-01-05T07:00:00+08:00"));
        assertThat(c.at(SUBMITTED_AT)).isEqualTo(at("2026-01-05T08:30:00+08:00"));
        assertThat(c.at(RECORDED_AT)).isEqualTo(at("2026-01-05T08:40:00+08:00"));
        assertThat(c.at(ACCEPTED_AT)).isEqualTo(at("2026-01-05T08:45:00+08:00"));
        assertThat(c.at(DISPATCHED_AT)).isEqualTo(at("2026-01-05T08:50:00+08:00"));
        assertThat(c.at(CONTACTED_AT)).isEqualTo(at("2026-01-05T17:00:00+08:00"));
        assertThat(c.is(SITE_SURVEY)).isTrue();
        assertThat(c.is(RESOLVED)).isTrue();
        assertThat(c.get(EVALUATION)).isEqualTo(EvaluationLevel.UNSATISFIED);
        assertThat(c.get(EVALUATION_CHANNEL)).isEqualTo(EvaluationChannel.PHONE);
        assertThat(c.get(REVIEW_FINDING)).isEqualTo(ReviewFinding.SERVICE_PROBLEM);
        assertThat(c.at(EXPLAINED_AT)).isEqualTo(Instants.NONE);
        assertThat(c.get(UNIT)).isEqualTo("T01");
        assertThat(c.get(HANDLER)).isEqualTo("W01");
        assertThat(c.get(ACCEPTED_BY)).isEqualTo("A01");
        CaseRecord d = data.cases().get(1);
        assertThat(d.row()).isEqualTo(3);
        assertThat(d.get(CHANNEL)).isEqualTo(Channel.WECHAT);
        assertThat(d.get(CATEGORY)).isEqualTo(Category.CONSULTATION);
        assertThat(d.get(TOPIC)).isEqualTo("暖气片异响");
        assertThat(d.get(CITIZEN_PHONE)).isNull();
        assertThat(d.at(OCCURRED_AT)).isEqualTo(Instants.NONE);
        assertThat(d.get(UNIT)).isNull();
        assertThat(d.is(COMPLEX)).isFalse();
        assertThat(data.regulations()).containsExactly(new Regulation("B01", true, true, false, true, false));
        assertThat(data.trainings()).containsExactly(
                new Training("B01", LocalDate.of(2026, 1, 10), "接诉规范", true, true, false));
        assertThat(data.outages()).containsExactly(new Outage("热线", null, at("2026-01-12T10:00:00+08:00"),
                at("2026-01-12T10:20:00+08:00"), 2));
        assertThat(data.tasks()).containsExactly(new SpecialTask("T-1", "B01", "入户测温", LocalDate.of(2026, 1, 31),
                true, LocalDate.of(2026, 1, 30), null));
        assertThat(data.adjustments()).containsExactly(
                new Adjustment("B01", "2026-01", "keywork.other", new BigDecimal("-2"), "迎检不力", "孙七", 2),
                new Adjustment("W01", "2026-Q1", "basic.ledger", new BigDecimal("1"), "补录", "孙七", 3));
    }

    @Test
    void chineseNamesHeadersAndValuesGiveTheSameDataSet(@TempDir Path other) throws IOException {
        DataSet english = LedgerFixtures.reader().read(LedgerFixtures.english(dir)).data();
        write(other, "组织机构.csv", "\uFEFF" + LedgerFixtures.UNITS_ZH);
        write(other, "人员.CSV", LedgerFixtures.STAFF_ZH);
        write(other, "工单台账.csv", LedgerFixtures.CASES_ZH);
        write(other, "制度建设.csv", LedgerFixtures.REGULATIONS);
        write(other, "培训记录.csv", LedgerFixtures.TRAININGS);
        write(other, "渠道故障.csv", LedgerFixtures.OUTAGES);
        write(other, "专项任务.csv", LedgerFixtures.TASKS);
        write(other, "人工调整.csv", LedgerFixtures.ADJUSTMENTS);
        assertThat(LedgerFixtures.reader().read(other).data()).isEqualTo(english);
    }

    @Test
    void onlyCasesAndUnitsAreRequiredAndUnknownColumnsAndFilesWarn() throws IOException {
        write(dir, "units.csv", "Code , KIND,colour\nB01,BRANCH,red\n");
        write(dir, "cases.csv", "submitted_at,case_no\n2026-01-05 08:30,C1\n");
        write(dir, "notes.csv", "x\n1\n");
        write(dir, "readme.txt", "hello");
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().units()).containsExactly(new Unit("B01", null, UnitKind.BRANCH, null));
        assertThat(reading.data().cases()).hasSize(1);
        assertThat(reading.data().staff()).isEmpty();
        assertThat(reading.warnings()).containsExactlyInAnyOrder(
                "units.csv:1:colour: 未知的列,已忽略", "notes.csv:0:: 未知的文件,已忽略", "readme.txt:0:: 未知的文件,已忽略");
    }

    @Test
    void blankRowsAreSkippedButCounted() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        write(dir, "cases.csv", "case_no,submitted_at\n\n , \nC1,2026-01-05 08:30\n");
        assertThat(LedgerFixtures.reader().read(dir).data().cases()).extracting(CaseRecord::row).containsExactly(4);
    }

    private List<LedgerProblem> problems() {
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(dir));
        assertThat(e).as("reading must fail").isNotNull();
        return e.problems();
    }

    private static String located(LedgerProblem p) {
        return p.file() + ":" + p.row() + ":" + p.column();
    }

    @Test
    void reportsEveryBadValueWithItsLocation() throws IOException {
        LedgerFixtures.english(dir);
        write(dir, "cases.csv", """
                case_no,channel,category,complex,topic,submitted_at,occurred_at,unit,handler,accepted_by,evaluation
                C1,HOTLINE,COMPLAINT,false,LEAK,2026-01-05 08:30,,B01,,,
                C1,HOTLINE,COMPLAINT,false,LEAK,2026-01-05 08:31,,,,,
                ,HOTLINE,COMPLAINT,false,LEAK,2026-01-05 08:31,,,,,
                C3,HOTLINE,COMPLAINT,false,LEAK,,,,,,
                C4,FAX,COMPLAINT,maybe,LEAK,2026-13-05 08:30,yesterday,X99,B01,W99,GOOD
                """);
        assertThat(problems()).extracting(LedgerReaderCsvTest::located).containsExactlyInAnyOrder(
                "cases.csv:3:case_no", "cases.csv:4:case_no", "cases.csv:5:submitted_at",
                "cases.csv:6:channel", "cases.csv:6:complex", "cases.csv:6:submitted_at", "cases.csv:6:occurred_at",
                "cases.csv:6:unit", "cases.csv:6:handler", "cases.csv:6:accepted_by", "cases.csv:6:evaluation");
        assertThat(problems().get(0).message()).contains("C1").contains("2");
    }

    @Test
    void reportsBadReferencesInEveryTable() throws IOException {
        write(dir, "units.csv", """
                code,kind,parent
                HQ,HQ_SERVICE,
                HQ2,HQ_SERVICE,
                B01,BRANCH,X
                P,STATION,Q
                Q,STATION,P
                HQ,BRANCH,
                """);
        write(dir, "staff.csv", """
                code,post,unit
                B01,AGENT,
                A01,,
                A02,AGENT,NOPE
                """);
        write(dir, "cases.csv", "case_no,submitted_at\nC1,2026-01-05 08:30\n");
        write(dir, "regulations.csv", "unit,has_regulation\nHQ,true\nHQ,false\nZ,true\n");
        write(dir, "trainings.csv", "unit,held_on\nZ,2026-01-01\nHQ,01/05/2026\n");
        write(dir, "outages.csv", "channel,unit,started_at\nAPP,Z,2026-01-01 10:00\n");
        write(dir, "tasks.csv", "task_no,unit,due_date,quality_ok\nT1,Z,2026-01-31,perhaps\n");
        write(dir, "adjustments.csv", """
                subject,period,item,points,reason
                HQ,2026-01,keywork.other,-1,
                HQ,2026-1,keywork.other,-1,r
                HQ,2026-01,keywork.nothing,-1,r
                A02,2026,keywork.other,-1,r
                NOBODY,2026,keywork.other,-1,r
                HQ,2026,keywork.other,lots,r
                """);
        assertThat(problems()).extracting(LedgerReaderCsvTest::located).containsExactlyInAnyOrder(
                "units.csv:3:kind", "units.csv:4:parent", "units.csv:5:parent", "units.csv:7:code",
                "staff.csv:2:code", "staff.csv:3:post", "staff.csv:4:unit",
                "regulations.csv:3:unit", "regulations.csv:4:unit",
                "trainings.csv:2:unit", "trainings.csv:3:held_on",
                "outages.csv:2:unit",
                "tasks.csv:2:unit", "tasks.csv:2:quality_ok",
                "adjustments.csv:2:reason", "adjustments.csv:3:period", "adjustments.csv:4:item",
                "adjustments.csv:5:item", "adjustments.csv:6:subject", "adjustments.csv:7:points");
    }

    @Test
    void reportsMissingTablesAndBadHeaders() throws IOException {
        write(dir, "cases.csv", "case_no,工单编号,submitted_at\nC1,C1,2026-01-05 08:30\n");
        write(dir, "staff.csv", "code,name\nA1,x\n");
        assertThat(problems()).extracting(LedgerReaderCsvTest::located).containsExactlyInAnyOrder(
                "units.csv:0:", "cases.csv:1:工单编号", "staff.csv:1:post");
    }

    @Test
    void rejectsFilesThatAreNotCsv() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        write(dir, "cases.xls", "whatever");
        Files.write(dir.resolve("cases.csv"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        assertThat(problems()).extracting(LedgerReaderCsvTest::located)
                .containsExactlyInAnyOrder("cases.xls:0:", "cases.csv:0:");
        Path text = dir.resolve("ledger.txt");
        Files.writeString(text, "case_no\n");
        assertThatThrownBy(() -> LedgerFixtures.reader().read(text)).isInstanceOf(LedgerException.class);
        Path xls = dir.resolve("ledger.xls");
        Files.writeString(xls, "x");
        assertThatThrownBy(() -> LedgerFixtures.reader().read(xls)).isInstanceOf(LedgerException.class);
    }

    @Test
    void readsGbkEncodedCsvSayingSo() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        Files.write(dir.resolve("cases.csv"),
                ("case_no,submitted_at,demand\nC1,2026-01-05 08:30,室温太低\n").getBytes(Charset.forName("GBK")));
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().cases()).extracting(c -> c.get(DEMAND)).containsExactly("室温太低");
        assertThat(reading.warnings()).containsExactly(
                "cases.csv:0:: 按 GB18030(GBK)编码读取(中文版 Excel、WPS 保存的 CSV)");
    }

    @Test
    void refusesAFileInNoKnownEncodingNamingTheEncodingsTried() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        byte[] text = "case_no,submitted_at,demand\nC1,2026-01-05 08:30,x\n".getBytes(StandardCharsets.US_ASCII);
        text[text.length - 2] = (byte) 0xFF; // neither UTF-8 nor GB18030 has this byte
        Files.write(dir.resolve("cases.csv"), text);
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly(
                "cases.csv:0:: 无法识别文件编码:既不是 UTF-8,也不是 GB18030(GBK),也不是带 BOM 的 UTF-16;"
                        + "请另存为“CSV UTF-8”");
    }

    @Test
    void rejectsBinaryGarbage() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        byte[] garbage = new byte[20_000];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(dir.resolve("cases.csv"), garbage);
        assertThat(problems()).extracting(LedgerReaderCsvTest::located).containsExactly("cases.csv:0:");
    }

    @Test
    void rejectsTooManyColumns() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        StringBuilder header = new StringBuilder("case_no,submitted_at");
        for (int i = 0; i < 100_000; i++) {
            header.append(",c").append(i);
        }
        write(dir, "cases.csv", header + "\nC1,2026-01-05 08:30\n");
        List<LedgerProblem> problems = problems();
        assertThat(problems).extracting(LedgerReaderCsvTest::located).containsExactly("cases.csv:1:");
        assertThat(problems.get(0).message()).contains("1000");
    }

    @Test
    void rejectsAHugeCellNamingItsRowAndColumn() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        String huge = "x".repeat(10 * 1024 * 1024);
        write(dir, "cases.csv", "case_no,submitted_at,demand\nC1,2026-01-05 08:30,ok\nC2,2026-01-05 08:30," + huge
                + "\n");
        assertThat(problems()).extracting(LedgerReaderCsvTest::located).containsExactly("cases.csv:3:demand");
    }

    @Test
    void streamsAndStopsAtTheRowLimit() throws IOException {
        // The real limits (2,000,000 rows, 1 GB a file) are lowered here: a generated file of a few MB shows that
        // reading stops at the limit with a clear problem instead of holding a 2 GB file in memory.
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        StringBuilder csv = new StringBuilder("case_no,submitted_at\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append('C').append(i).append(",2026-01-05 08:30\n");
        }
        write(dir, "cases.csv", csv.toString());
        LedgerReader.Limits limits = new LedgerReader.Limits(10_000, 1L << 30, 100_000, 4_000_000, 1000, 1L << 30,
                1000);
        LedgerReader reader = new LedgerReader(LedgerFixtures.scheme(), Locale.CHINESE, limits);
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> reader.read(dir));
        assertThat(e.problems()).extracting(LedgerReaderCsvTest::located).containsExactly("cases.csv:10001:");

        LedgerReader.Limits small = new LedgerReader.Limits(10_000_000, 100_000, 100_000, 4_000_000, 1000, 1L << 30,
                1000);
        LedgerReader sized = new LedgerReader(LedgerFixtures.scheme(), Locale.CHINESE, small);
        LedgerException tooBig = catchThrowableOfType(LedgerException.class, () -> sized.read(dir));
        assertThat(tooBig.problems()).extracting(LedgerReaderCsvTest::located).containsExactly("cases.csv:0:");
    }

    @Test
    void stopsAt200Problems() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        StringBuilder csv = new StringBuilder("case_no,submitted_at\n");
        for (int i = 0; i < 500; i++) {
            csv.append("C,2026-01-05 08:30\n");
        }
        write(dir, "cases.csv", csv.toString());
        assertThat(problems()).hasSize(200);
    }

    @Test
    void speaksEnglishWhenAsked() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        write(dir, "cases.csv", "case_no,submitted_at,colour\nC1,soon,red\n");
        LedgerReader english = new LedgerReader(LedgerFixtures.scheme(), Locale.ENGLISH);
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> english.read(dir));
        assertThat(e.problems()).containsExactly(new LedgerProblem("cases.csv", 2, "submitted_at",
                "unreadable instant \"soon\"; write 2026-01-05 08:30 or 2026-01-05T08:30:00"));
        write(dir, "cases.csv", "case_no,submitted_at,colour\nC1,2026-01-05 08:30,red\n");
        assertThat(english.read(dir).warnings()).containsExactly("cases.csv:1:colour: unknown column, ignored");
        byte[] unknown = "case_no\nx".getBytes(StandardCharsets.US_ASCII);
        unknown[unknown.length - 1] = (byte) 0xFF;
        Files.write(dir.resolve("cases.csv"), unknown);
        LedgerException encoding = catchThrowableOfType(LedgerException.class, () -> english.read(dir));
        assertThat(encoding.problems().get(0).message()).isEqualTo("unknown encoding: neither UTF-8, nor GB18030 "
                + "(GBK), nor UTF-16 with a byte order mark; save the file as \"CSV UTF-8\"");
        assertThat(StandardCharsets.UTF_8).isNotNull();
    }

    @Test
    void readsUtf16WithItsByteOrderMarkAndRefusesUtf32AndUtf16WithoutOne() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        String cases = "case_no\tsubmitted_at\tdemand\r\nC1\t2026-01-05 08:30\t室温太低,请尽快\r\n";
        byte[] text = cases.getBytes(StandardCharsets.UTF_16BE);
        byte[] marked = new byte[text.length + 2];
        marked[0] = (byte) 0xFE;
        marked[1] = (byte) 0xFF;
        System.arraycopy(text, 0, marked, 2, text.length);
        Files.write(dir.resolve("cases.csv"), marked);
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().cases()).extracting(c -> c.get(DEMAND)).containsExactly("室温太低,请尽快");
        assertThat(reading.warnings()).containsExactly("cases.csv:0:: 按 UTF-16BE 编码读取(Excel 的“Unicode 文本”)");

        Files.write(dir.resolve("cases.csv"), cases.getBytes(StandardCharsets.UTF_16LE));
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly("cases.csv:0:: 不是文本文件,"
                + "或是不带字节顺序标记(BOM)的 UTF-16;支持的编码:UTF-8、GB18030(GBK)、带 BOM 的 UTF-16;请另存为“CSV UTF-8”");
        byte[] utf32 = cases.getBytes(Charset.forName("UTF-32LE"));
        byte[] utf32Marked = new byte[utf32.length + 4];
        utf32Marked[0] = (byte) 0xFF;
        utf32Marked[1] = (byte) 0xFE;
        System.arraycopy(utf32, 0, utf32Marked, 4, utf32.length);
        Files.write(dir.resolve("cases.csv"), utf32Marked);
        assertThat(problems()).extracting(LedgerProblem::toString)
                .containsExactly("cases.csv:0:: 是 UTF-32 编码,不支持;请另存为“CSV UTF-8”");
    }

    @Test
    void aFileThatReadsBothWaysIsReadAsUtf8WithAWarning() throws IOException {
        // Korean in UTF-8 is also valid GB18030, and neither reading is ordinary Chinese: nothing decides
        write(dir, "units.csv", "code,name,kind\nB01,한국,BRANCH\n");
        write(dir, "cases.csv", "case_no,submitted_at\nC1,2026-01-05 08:30\n");
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().units().get(0).name()).isEqualTo("한국");
        assertThat(reading.warnings()).containsExactly("units.csv:0:: 按 UTF-8 和 GB18030(GBK)两种编码都能读通,"
                + "已按 UTF-8 读取;如文字显示为乱码,请将文件另存为“CSV UTF-8”后再导入");
        // the same bytes with ordinary Chinese: the Chinese reading decides, without a word
        write(dir, "units.csv", "code,name,kind\nB01,城东,BRANCH\n");
        assertThat(LedgerFixtures.reader().read(dir).warnings()).isEmpty();
    }

    @Test
    void rowsWithoutACaseNumberAreSkippedOnlyAsATrailingBlockOfTotalsAndSignatures() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        write(dir, "cases.csv", "case_no,submitted_at,unit\nC1,2026-01-05 08:30,B01\n合计,1件,\n"
                + "C2,2026-01-06 08:30,B01\n");
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly(
                "cases.csv:3:submitted_at: 时间“1件”无法识别,应为 2026-01-05 08:30 或 2026-01-05T08:30:00");
        write(dir, "cases.csv", "case_no,submitted_at,unit\nC1,2026-01-05 08:30,B01\n,,B01\n制表人:王芳,,\n");
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly(
                "cases.csv:3:case_no: 必填,不能为空", "cases.csv:3:submitted_at: 必填,不能为空",
                "cases.csv:4:submitted_at: 必填,不能为空");
        write(dir, "cases.csv", "case_no,submitted_at,unit\nC1,2026-01-05 08:30,B01\n\n,共计 1 件,\n"
                + "制表人:王芳,审核人:李强,\n");
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().cases()).hasSize(1);
        assertThat(reading.warnings()).containsExactly(
                "cases.csv:4:: 表格末尾第 4–5 行没有工单编号,是合计、制表或审核等说明,已跳过:“共计 1 件”");
    }

    @Test
    void aHeaderBelowATitleIsFoundAndOneNeverFoundIsReportedWhereTheTableStarts() throws IOException {
        write(dir, "units.csv", "code,kind\nB01,BRANCH\n");
        write(dir, "cases.csv", "城东分公司1月信访台账,,\n填报人:王芳,,\n\ncase_no,submitted_at,unit\n"
                + "C1,2026-01-05 08:30,B01\n");
        LedgerReading reading = LedgerFixtures.reader().read(dir);
        assertThat(reading.data().cases()).extracting(CaseRecord::row).containsExactly(5);
        assertThat(reading.warnings()).containsExactly("cases.csv:4:: 表头在第 4 行;其上方的第 1–2 行不是表头(标题、填报说明等),"
                + "已跳过:“城东分公司1月信访台账” “填报人:王芳”");
        write(dir, "cases.csv", "单号,时间\nC1,2026-01-05 08:30\n");
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly(
                "cases.csv:1:case_no: 缺少必需的列 case_no(工单编号)", "cases.csv:1:submitted_at: 缺少必需的列 submitted_at(提交时间)");
        java.nio.file.Files.delete(dir.resolve("cases.csv"));
        write(dir, "案件.csv", "x\n");
        assertThat(problems()).extracting(LedgerProblem::toString).containsExactly("cases.csv:0:: 缺少必需的表 cases"
                + "(工单台账):文件夹中没有 cases.csv 或 工单台账.csv(也接受 .txt);文件夹中的文件:units.csv、案件.csv");
    }
}
