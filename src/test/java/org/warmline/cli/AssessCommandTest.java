package org.warmline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerReader;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code assess} command end to end, in process: README "Assess a ledger" and docs/ledger.md "Bad input". */
class AssessCommandTest {

    static final Path EXAMPLE = Path.of("examples", "ledger").toAbsolutePath();
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code FILE:ROW:COLUMN: message}; the file may carry a sheet in brackets, the column may be empty. */
    static final Pattern LOCATED = Pattern.compile("^[^:\\s][^:]*:\\d+:[^:]*: \\S.*$");
    static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err, byte[] outBytes) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = WarmlineCommand.run(args, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    static Run assess(String... more) {
        List<String> args = new ArrayList<>(List.of("assess", "--data", EXAMPLE.toString()));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }

    static JsonNode json(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    /** Exit 2, a message, no stack trace, nothing on standard output. */
    static Run assertBadInput(Run run) {
        assertThat(run.exit()).as("exit status; stderr:\n%s", run.err()).isEqualTo(2);
        assertThat(run.out()).as("stdout on exit 2").isEmpty();
        assertThat(run.err()).as("stderr").isNotBlank();
        assertThat(run.err()).as("stderr has no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        return run;
    }

    /** Exit 2 for a data set: a header line, then every problem as FILE:ROW:COLUMN: message. */
    static List<String> assertLedgerProblems(Run run) {
        assertBadInput(run);
        List<String> lines = run.errLines();
        assertThat(lines).as(run.err()).hasSizeGreaterThanOrEqualTo(2);
        List<String> problems = lines.subList(1, lines.size());
        assertThat(problems).as(run.err()).allSatisfy(l -> assertThat(l).matches(LOCATED));
        return problems;
    }

    static DataSet example() {
        return new LedgerReader(SchemeLoader.defaultScheme(), Locale.ENGLISH).read(EXAMPLE).data();
    }

    // ---------------------------------------------------------------- good input

    @Test
    void thePeriodsWarningsNameOnlyItsOwnCases() {
        // C2026020030 (February) was completed before it was submitted: a warning of February, the quarter and the
        // year, never of January, whose live assessment reads no February case
        String inconsistent = "C2026020030";
        assertThat(json(assess("--period", "2026-01", "--as-of", "2026-04-15T00:00")).get("warnings").toString())
                .doesNotContain(inconsistent);
        assertThat(json(assess("--period", "2026-03", "--as-of", "2026-04-15T00:00")).get("warnings").toString())
                .doesNotContain(inconsistent);
        for (String period : List.of("2026-02", "2026-Q1", "2026")) {
            assertThat(json(assess("--period", period, "--as-of", "2026-04-15T00:00")).get("warnings").toString())
                    .as(period).contains(inconsistent);
        }
    }

    @Test
    void monthAssessmentIsTheJsonOfTheSpec() {
        Run run = assess("--period", "2026-01", "--as-of", "2026-02-05T00:00");
        JsonNode root = json(run);

        assertThat(root.get("period").asString()).isEqualTo("2026-01");
        assertThat(root.get("periodKind").asString()).isEqualTo("MONTH");
        assertThat(root.get("asOf").asString()).isEqualTo("2026-02-05T00:00:00+08:00");
        assertThat(root.get("scheme").asString()).isEqualTo("default");
        assertThat(root.get("warnings").isArray()).isTrue();

        DataSet data = example();
        Map<String, String> expected = new HashMap<>();
        data.units().forEach(u -> expected.put(u.code(), u.kind().name()));
        data.staff().forEach(s -> expected.put(s.code(), s.post().name()));
        Map<String, String> actual = new HashMap<>();
        for (JsonNode s : root.get("subjects").values()) {
            assertThat(actual.put(s.get("code").asString(), s.get("kind").asString()))
                    .as("subject %s listed once", s.get("code")).isNull();
            assertThat(s.get("name").asString()).isNotBlank();
            assertThat(s.get("grade").asString()).isNotBlank();
            assertThat(s.get("total").isNumber()).isTrue();
            assertThat(s.has("annual")).as("no annual figures for a month").isFalse();
            int items = switch (s.get("kind").asString()) {
                case "HQ_SERVICE", "BRANCH", "STATION" -> 13;
                case "TEAM", "AREA", "AGENT", "STEWARD" -> 8;
                default -> throw new AssertionError("unknown kind " + s.get("kind"));
            };
            assertThat(s.get("items").size()).as("items of %s", s.get("code")).isEqualTo(items);
            for (JsonNode item : s.get("items").values()) {
                assertThat(item.get("score").isNumber()).isTrue();
                assertThat(item.get("max").isNumber()).isTrue();
                assertThat(item.get("deductions").isArray()).isTrue();
                assertThat(item.get("bonuses").isArray()).isTrue();
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).hasSize(13 + 7);
        assertAtMostTwoDecimals(run.outBytes());
    }

    @Test
    void everyNumberHasAtMostTwoDecimalsForEveryKindOfPeriod() {
        for (String period : List.of("2026-02", "2026-Q1", "2026")) {
            Run run = assess("--period", period, "--as-of", "2026-04-15T00:00");
            assertThat(run.exit()).as(run.err()).isZero();
            assertAtMostTwoDecimals(run.outBytes());
        }
    }

    static void assertAtMostTwoDecimals(byte[] json) {
        int numbers = 0;
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    numbers++;
                    String text = p.getString();
                    assertThat(text).as("number %s at %s", text, p.currentName())
                            .matches("-?\\d+(\\.\\d{1,2})?");
                }
            }
        }
        assertThat(numbers).isPositive();
    }

    @Test
    void yearHasAnnualFiguresAndTheGradeOfTheFinalScore() {
        Run run = assess("--period", "2026", "--as-of", "2027-01-15T00:00");
        JsonNode root = json(run);
        assertThat(root.get("periodKind").asString()).isEqualTo("YEAR");
        assertThat(root.get("period").asString()).isEqualTo("2026");
        assertThat(root.get("asOf").asString()).isEqualTo("2027-01-15T00:00:00+08:00");
        List<Scheme.Grade> grades = SchemeLoader.defaultScheme().grades();
        assertThat(root.get("subjects").size()).isEqualTo(20);
        for (JsonNode s : root.get("subjects").values()) {
            JsonNode annual = s.get("annual");
            assertThat(annual).as("annual of %s", s.get("code")).isNotNull();
            for (String key : List.of("monthlyMean", "quarterlyMean", "annualTotal", "final")) {
                assertThat(annual.get(key)).as(key).isNotNull();
                assertThat(annual.get(key).isNumber()).as(key).isTrue();
            }
            BigDecimal finalScore = annual.get("final").decimalValue();
            String grade = grades.stream().filter(g -> finalScore.compareTo(g.min()) >= 0).findFirst()
                    .orElseThrow().name();
            assertThat(s.get("grade").asString()).as("grade of %s (final %s)", s.get("code"), finalScore)
                    .isEqualTo(grade);
        }
        assertAtMostTwoDecimals(run.outBytes());
    }

    @Test
    void quarterIsAQuarter() {
        JsonNode root = json(assess("--period", "2026-Q1", "--as-of", "2026-04-15T00:00"));
        assertThat(root.get("periodKind").asString()).isEqualTo("QUARTER");
        assertThat(root.get("period").asString()).isEqualTo("2026-Q1");
    }

    @Test
    void xlsxReportIsAWorkbookPoiCanOpen() throws IOException {
        Path file = tmp.resolve("f.xlsx");
        Run run = assess("--period", "2026-01", "--as-of", "2026-02-05T00:00", "--format", "xlsx",
                "--out", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(file).isRegularFile();
        try (Workbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(wb.getNumberOfSheets()).isPositive();
            assertThat(wb.getSheetAt(0).getPhysicalNumberOfRows()).isPositive();
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void htmlReportIsOneHtmlFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("html"));
        Path file = dir.resolve("f.html");
        Run run = assess("--period", "2026-01", "--as-of", "2026-02-05T00:00", "--format", "html",
                "--out", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file);
        }
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html.toLowerCase(Locale.ROOT)).contains("<html").contains("</html>");
        assertThat(html).contains("城东分公司");
    }

    @Test
    void englishGivesEnglishReasonsAndChineseIsTheDefault() {
        List<String> en = reasons(json(assess("--period", "2026-01", "--as-of", "2026-02-05T00:00", "--lang", "en")));
        List<String> zh = reasons(json(assess("--period", "2026-01", "--as-of", "2026-02-05T00:00")));
        assertThat(en).isNotEmpty().hasSameSizeAs(zh);
        assertThat(en).allSatisfy(r -> assertThat(HAN.matcher(r).find()).as(r).isFalse());
        assertThat(en).anySatisfy(r -> assertThat(r).contains("after submission"));
        assertThat(zh).anySatisfy(r -> assertThat(HAN.matcher(r).find()).as(r).isTrue());
    }

    static List<String> reasons(JsonNode root) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode s : root.get("subjects").values()) {
            for (JsonNode item : s.get("items").values()) {
                for (String list : List.of("deductions", "bonuses")) {
                    // a manual adjustment quotes its reason and assessor from the data, in whatever language
                    item.get(list).values().stream().filter(e -> !e.get("rule").asString().equals("adjustment"))
                            .forEach(e -> reasons.add(e.get("reason").asString()));
                }
            }
        }
        return reasons;
    }

    @Test
    void sameDataTwiceGivesByteIdenticalJson() throws IOException {
        Run first = assess("--period", "2026-Q1", "--as-of", "2026-04-15T00:00");
        Run second = assess("--period", "2026-Q1", "--as-of", "2026-04-15T00:00");
        assertThat(first.exit()).isZero();
        assertThat(second.outBytes()).isEqualTo(first.outBytes());

        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertThat(assess("--period", "2026", "--as-of", "2027-01-15T00:00", "--out", a.toString()).exit()).isZero();
        assertThat(assess("--period", "2026", "--as-of", "2027-01-15T00:00", "--out", b.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void changedSchemeFileChangesTheScores() throws IOException {
        String yaml;
        try (var in = SchemeLoader.class.getResourceAsStream(SchemeLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path same = tmp.resolve("same.yaml");
        Files.writeString(same, yaml);
        assertThat(yaml).containsOnlyOnce("missingField: 0.5");
        Path changed = tmp.resolve("changed.yaml");
        Files.writeString(changed, yaml.replace("missingField: 0.5", "missingField: 1"));

        String[] args = {"--period", "2026-01", "--as-of", "2026-02-05T00:00", "--lang", "en"};
        Run builtIn = assess(args);
        Run copy = assess(concat(args, "--scheme", same.toString()));
        Run modified = assess(concat(args, "--scheme", changed.toString()));
        assertThat(copy.out()).as("an unchanged copy scores as the built-in scheme").isEqualTo(builtIn.out());

        Map<String, JsonNode> before = ledgerItems(json(builtIn));
        Map<String, JsonNode> after = ledgerItems(json(modified));
        int changedSubjects = 0;
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            List<BigDecimal> missingBefore = missingFieldPoints(e.getValue());
            List<BigDecimal> missingAfter = missingFieldPoints(after.get(e.getKey()));
            assertThat(missingAfter).hasSameSizeAs(missingBefore);
            assertThat(missingBefore).allSatisfy(p -> assertThat(p).isEqualByComparingTo("0.5"));
            assertThat(missingAfter).allSatisfy(p -> assertThat(p).isEqualByComparingTo("1"));
            if (!missingBefore.isEmpty()) {
                changedSubjects++;
                assertThat(after.get(e.getKey()).get("score").decimalValue())
                        .as("basic.ledger of %s", e.getKey())
                        .isLessThan(e.getValue().get("score").decimalValue());
            }
        }
        assertThat(changedSubjects).as("subjects with a missing-field deduction in 2026-01").isPositive();
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static Map<String, JsonNode> ledgerItems(JsonNode root) {
        Map<String, JsonNode> items = new HashMap<>();
        root.get("subjects").values().forEach(s -> items.put(s.get("code").asString(),
                s.get("items").get("basic.ledger")));
        return items;
    }

    static List<BigDecimal> missingFieldPoints(JsonNode ledgerItem) {
        List<BigDecimal> points = new ArrayList<>();
        for (JsonNode d : ledgerItem.get("deductions").values()) {
            if (d.get("rule").asString().equals("ledger.missing-field")) {
                points.add(d.get("points").decimalValue());
            }
        }
        return points;
    }

    // ---------------------------------------------------------------- bad arguments

    @Test
    void unknownOption() {
        Run run = assertBadInput(assess("--period", "2026-01", "--colour", "red"));
        assertThat(run.err()).contains("--colour");
    }

    @Test
    void missingData() {
        Run run = assertBadInput(run("assess", "--period", "2026-01", "--lang", "en"));
        assertThat(run.err()).contains("--data");
    }

    @Test
    void missingPeriod() {
        Run run = assertBadInput(assess("--lang", "en"));
        assertThat(run.err()).contains("--period");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-Q5", "abc", "2026-00", "2026-Q0", ""})
    void badPeriod(String period) {
        Run run = assertBadInput(assess("--period", period, "--lang", "en"));
        assertThat(run.err()).contains("--period");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-02-30T00:00", "2026-02-05T25:00", "05.02.2026"})
    void badAsOf(String asOf) {
        Run run = assertBadInput(assess("--period", "2026-01", "--as-of", asOf, "--lang", "en"));
        assertThat(run.err()).contains("--as-of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-05T00:00", "2026-02-05 00:00", "2026-02-05 00:00:00", "2026-02-05T00:00:00.000",
            "2026-02-05", "2026-02-05T00:00:00+08:00", "2026-02-04T16:00:00Z", "2026-02-04T16:00Z",
            "2026-02-05T00:00+0800"})
    void asOfInTheLedgerFormats(String asOf) {
        JsonNode root = json(assess("--period", "2026-01", "--as-of", asOf));
        assertThat(root.get("asOf").asString()).isEqualTo("2026-02-05T00:00:00+08:00");
    }

    @Test
    void xlsxAndHtmlNeedOut() {
        for (String format : List.of("xlsx", "html")) {
            Run run = assertBadInput(assess("--period", "2026-01", "--format", format, "--lang", "en"));
            assertThat(run.err()).contains("--out");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xlsx", "html"})
    void outThatCannotBeWritten(String format) throws IOException {
        Path out = tmp.resolve("no-such-folder").resolve("r." + format);
        Run run = assertBadInput(assess("--period", "2026-01", "--format", format, "--out", out.toString(),
                "--lang", "en"));
        assertThat(run.err()).contains(out.toString()).contains("does not exist");
        Path folder = Files.createDirectory(tmp.resolve("a-folder." + format));
        assertBadInput(assess("--period", "2026-01", "--format", format, "--out", folder.toString()));
    }

    @Test
    void unknownFormat() {
        assertBadInput(assess("--period", "2026-01", "--format", "pdf", "--out", tmp.resolve("x.pdf").toString()));
    }

    @Test
    void optionWithoutValue() {
        assertBadInput(assess("--period"));
    }

    @Test
    void badLanguage() {
        assertBadInput(assess("--period", "2026-01", "--lang", "fr"));
    }

    @Test
    void dataPathThatDoesNotExist() {
        Run run = assertBadInput(run("assess", "--data", tmp.resolve("nowhere").toString(), "--period", "2026-01"));
        assertThat(run.err()).contains("nowhere");
    }

    // ---------------------------------------------------------------- bad data

    /** A copy of the example data set, to spoil. */
    Path copyOfExample(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    static Run assessData(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("assess", "--data", data.toString(), "--period", "2026-01",
                "--as-of", "2026-02-05T00:00"));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void duplicatedCaseNumberIsLocated() throws IOException {
        Path dir = copyOfExample("dup");
        Path cases = dir.resolve("cases.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(cases, StandardCharsets.UTF_8));
        String first = lines.get(1).substring(0, lines.get(1).indexOf(','));
        String third = lines.get(3);
        lines.set(3, first + third.substring(third.indexOf(',')));   // spreadsheet row 4 repeats row 2's number
        Files.write(cases, lines, StandardCharsets.UTF_8);

        List<String> problems = assertLedgerProblems(assessData(dir, "--lang", "en"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("cases.csv:4:case_no: ").contains(first));
        assertThat(problems).hasSize(1);

        List<String> zh = assertLedgerProblems(assessData(dir));
        assertThat(zh).anySatisfy(p -> assertThat(p).startsWith("cases.csv:4:case_no: ").contains(first));
    }

    @Test
    void everyProblemIsListed() throws IOException {
        Path dir = copyOfExample("many");
        Path cases = dir.resolve("cases.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(cases, StandardCharsets.UTF_8));
        List<String> header = Arrays.asList(lines.get(0).replace("\uFEFF", "").split(",", -1));
        int channel = header.indexOf("channel");
        int submitted = header.indexOf("submitted_at");
        lines.set(5, replaceField(lines.get(5), channel, "CARRIER_PIGEON"));
        lines.set(9, replaceField(lines.get(9), submitted, "next tuesday"));
        Files.write(cases, lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("staff.csv"), Files.readString(dir.resolve("staff.csv"))
                + "GJ9999,某人,STEWARD,NOWHERE\n");

        List<String> problems = assertLedgerProblems(assessData(dir, "--lang", "en"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("cases.csv:6:channel: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("cases.csv:10:submitted_at: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("staff.csv:9:unit: "));
    }

    static String replaceField(String line, int index, String value) {
        // the example's cells in these columns hold no commas or quotes
        String[] fields = line.split(",", -1);
        fields[index] = value;
        return String.join(",", fields);
    }

    @Test
    void schemeFileWithAnError() throws IOException {
        String yaml;
        try (var in = SchemeLoader.class.getResourceAsStream(SchemeLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path bad = tmp.resolve("bad-scheme.yaml");
        Files.writeString(bad, yaml.replace("yearStartMonth: 1 ", "yearStartMonth: 5 "));
        Run run = assertBadInput(assess("--period", "2026-01", "--scheme", bad.toString()));
        assertThat(run.err()).contains("bad-scheme.yaml").contains("yearStartMonth");

        Path typo = tmp.resolve("typo-scheme.yaml");
        Files.writeString(typo, yaml.replace("missingField: 0.5", "missingFeild: 0.5"));
        run = assertBadInput(assess("--period", "2026-01", "--scheme", typo.toString()));
        assertThat(run.err()).contains("typo-scheme.yaml").contains("missingFeild");

        Path notNumber = tmp.resolve("nan-scheme.yaml");
        Files.writeString(notNumber, yaml.replace("missingField: 0.5", "missingField: half"));
        run = assertBadInput(assess("--period", "2026-01", "--scheme", notNumber.toString()));
        assertThat(run.err()).contains("nan-scheme.yaml").contains("missingField");

        Path broken = tmp.resolve("broken-scheme.yaml");
        Files.writeString(broken, "grades: [ { min: 90\n  : : :\n");
        assertBadInput(assess("--period", "2026-01", "--scheme", broken.toString()));

        assertBadInput(assess("--period", "2026-01", "--scheme", tmp.resolve("missing.yaml").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger.txt", "ledger.xls", "ledger.csv", "ledger"})
    void fileThatIsNotADataSet(String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, "code,name,kind,parent\nHQ,客服部,HQ_SERVICE,\n");
        List<String> problems = assertLedgerProblems(assessData(file, "--lang", "en"));
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith(name + ":0:"));
    }

    @Test
    void gbkEncodedCasesScoreAsTheUtf8OnesAndSaySo() throws IOException {
        Path dir = copyOfExample("gbk");
        Path cases = dir.resolve("cases.csv");
        String text = Files.readString(cases, StandardCharsets.UTF_8).replace("\uFEFF", "");
        Files.write(cases, text.getBytes(Charset.forName("GBK")));
        JsonNode gbk = json(assessData(dir, "--lang", "en"));
        JsonNode utf8 = json(assessData(EXAMPLE, "--lang", "en"));
        assertThat(gbk.get("subjects")).isEqualTo(utf8.get("subjects"));
        assertThat(gbk.get("warnings").get(0).asString())
                .isEqualTo("cases.csv:0:: read as GB18030 (GBK), the encoding of CSV files saved by Chinese Excel and WPS");
    }

    @Test
    void binaryGarbageNamedXlsx() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path file = tmp.resolve("garbage.xlsx");
        Files.write(file, garbage);
        List<String> problems = assertLedgerProblems(assessData(file, "--lang", "en"));
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("garbage.xlsx"));

        Path zipOfNothing = tmp.resolve("empty.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipOfNothing))) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertLedgerProblems(assessData(zipOfNothing, "--lang", "en"));

        Path empty = tmp.resolve("zero.xlsx");
        Files.write(empty, new byte[0]);
        assertLedgerProblems(assessData(empty, "--lang", "en"));
    }

    @Test
    void zipBombDisguisedAsXlsx() throws IOException {
        Path bomb = tmp.resolve("bomb.xlsx");
        long unpacked = writeZipBomb(bomb, 300L * 1024 * 1024);
        long packed = Files.size(bomb);
        assertThat(unpacked).isGreaterThan(300L * 1024 * 1024);
        assertThat(packed).as("the bomb is small on disk").isLessThan(2L * 1024 * 1024);

        Run run = assessData(bomb, "--lang", "en");
        List<String> problems = assertLedgerProblems(run);
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("bomb.xlsx"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("zip bomb"));
    }

    /** A workbook whose one sheet unpacks to {@code size} bytes of repeated (empty) rows; returns the unpacked size. */
    static long writeZipBomb(Path file, long size) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets>
                    </workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            long written = 0;
            written += write(zip, """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                    <row><c t="inlineStr"><is><t>case_no</t></is></c><c t="inlineStr"><is><t>submitted_at</t></is></c></row>
                    """);
            // empty rows: nothing a reader could stop at with a located problem; it has to notice the inflation
            byte[] block = "<row></row>\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
            while (written < size) {
                zip.write(block);
                written += block.length;
            }
            written += write(zip, "</sheetData></worksheet>");
            zip.closeEntry();
            return written;
        }
    }

    static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        write(zip, text);
        zip.closeEntry();
    }

    static long write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        return bytes.length;
    }
}
