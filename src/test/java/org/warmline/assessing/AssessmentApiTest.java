package org.warmline.assessing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cli.WarmlineCommand;
import org.warmline.ledger.LedgerReader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;

/**
 * {@code GET /api/assessments/{period}} on the example ledger loaded into the database: exactly the JSON of
 * {@code warmline assess} (the checked-in expected files, and the engine run on the ledger in English), restricted to
 * a unit manager's subtree, refused to agents and handlers, bad input as problem details; and the Excel round trip:
 * the exported workbook assessed by the command gives the same JSON as the API.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:assessing-api;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class AssessmentApiTest extends AssessingFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String body(Caller caller, String url, String language) throws Exception {
        return mvc.perform(as(caller, get(url)).header("Accept-Language", language))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01", "2026-Q1", "2026"})
    void theOfficeGetsExactlyTheJsonOfTheAssessCommand(String period) throws Exception {
        String expected = LiveAssessmentStoresTest.expected(period);
        java.time.Instant example = LiveAssessmentStoresTest.asOfOf(expected);
        java.time.Instant latest = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (example.isAfter(latest)) {
            // the desk takes no asOf more than a day ahead (a result as of the future would judge what has not
            // happened yet): while the example's as-of lies ahead, the command's JSON as of now is the reference
            example = latest;
            expected = assessCommand(Path.of("examples/ledger"), period, example.toString());
        }
        String asOf = example.toString();
        assertThat(body(Caller.ASSESSOR, "/api/assessments/" + period + "?asOf=" + asOf, "zh-CN"))
                .isEqualTo(expected);
        assertThat(body(Caller.ADMIN, "/api/assessments/" + period + "?asOf=" + asOf, "zh-CN"))
                .isEqualTo(expected);
    }

    @Test
    void inEnglishItIsTheEngineRunOnTheLedgerInEnglish() throws Exception {
        var scheme = LiveAssessmentStoresTest.SCHEME;
        var data = new LedgerReader(scheme, Locale.ENGLISH).read(Path.of("examples/ledger")).data();
        var result = new AssessmentEngine(scheme, WorkingCalendar.shipped(java.time.ZoneId.of(scheme.zone())),
                Locale.ENGLISH).assess(data, Period.parse("2026-Q1", 1),
                java.time.Instant.parse("2026-04-14T16:00:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultJson.write(result, out, true);
        String api = body(Caller.ASSESSOR, "/api/assessments/2026-Q1?asOf=2026-04-15", "en");
        assertThat(api).isEqualTo(out.toString(StandardCharsets.UTF_8));
        assertThat(api).contains("\"reason\" : \"").doesNotContain("提交后");
    }

    @Test
    void aUnitManagerSeesTheSubjectsOfTheirSubtreeOnly() throws Exception {
        JsonNode all = JSON.readTree(body(Caller.ASSESSOR, "/api/assessments/2026-01?asOf=2026-02-05", "zh"));
        JsonNode mine = JSON.readTree(body(Caller.MANAGER_B01, "/api/assessments/2026-01?asOf=2026-02-05", "zh"));
        Set<String> subtree = Set.of("B01", "B01S1", "B01S1T1", "B01S1T2", "B01S1A01", "GJ0001", "GJ0004");
        List<String> codes = mine.get("subjects").valueStream().map(s -> s.get("code").asString()).toList();
        List<String> expected = all.get("subjects").valueStream().map(s -> s.get("code").asString())
                .filter(subtree::contains).toList();
        assertThat(codes).isNotEmpty().containsExactlyElementsOf(expected).contains("B01", "GJ0001");
        // the subjects shown are the office's, unchanged
        for (JsonNode subject : mine.get("subjects")) {
            JsonNode same = all.get("subjects").valueStream()
                    .filter(s -> s.get("code").equals(subject.get("code"))).findFirst().orElseThrow();
            assertThat(subject).isEqualTo(same);
        }
    }

    @Test
    void agentsAndHandlersAreRefusedAndAnonymousCallersAreNotLetIn() throws Exception {
        for (Caller caller : List.of(Caller.AGENT, Caller.HANDLER)) {
            mvc.perform(as(caller, get("/api/assessments/2026-01")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403));
        }
        mvc.perform(get("/api/assessments/2026-01")).andExpect(status().isUnauthorized());
        mvc.perform(as(Caller.MANAGER_B01, get("/api/ledger/export"))).andExpect(status().isForbidden());
    }

    @Test
    void aBadPeriodOrInstantIsAProblemNamingTheField() throws Exception {
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-13")).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("period"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2026-13")));
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-01?asOf=yesterday")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("yesterday")));
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-01?asOf=2100-01-01")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-01/published")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("assessing.error.notPublished"));
    }

    /** Runs {@code warmline assess} on a workbook; its standard output without the final line break. */
    static String assessCommand(Path workbook, String period, String asOf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WarmlineCommand.run(new String[] {"assess", "--data", workbook.toString(), "--period", period,
                "--as-of", asOf}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01", "2026-02", "2026-Q1"})
    void theExportedLedgerAssessedByTheCommandGivesTheApiJson(String period) throws Exception {
        String asOf = "2026-04-15T00:00+08:00";
        String api = body(Caller.ASSESSOR, "/api/assessments/" + period + "?asOf=" + asOf, "zh");
        Path dir = Files.createTempDirectory("export");
        Path periodFile = Files.write(dir.resolve("period.xlsx"), export("?period=" + period));
        Path everythingFile = Files.write(dir.resolve("everything.xlsx"), export(""));

        // the period's workbook: exactly the API's JSON, warnings included
        assertThat(assessCommand(periodFile, period, asOf)).isEqualTo(api);
        // the whole ledger: exactly the same subjects, scores and reasons, and the same warnings (about the
        // period's cases only, as the live assessment reads)
        JsonNode whole = JSON.readTree(assessCommand(everythingFile, period, asOf));
        JsonNode live = JSON.readTree(api);
        assertThat(whole.get("subjects")).isEqualTo(live.get("subjects"));
        assertThat(whole.get("warnings")).isEqualTo(live.get("warnings"));

        var exported = new LedgerReader(LiveAssessmentStoresTest.SCHEME, Locale.ENGLISH).read(periodFile).data();
        var everything = new LedgerReader(LiveAssessmentStoresTest.SCHEME, Locale.ENGLISH).read(everythingFile).data();
        assertThat(everything.cases()).hasSize(100);
        Period p = Period.parse(period, 1);
        long from = p.start().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        long to = p.end().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        long window = 30L * 86_400_000L + 1000;
        assertThat(exported.cases()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.at(SUBMITTED_AT)).isLessThan(to);
            if (c.at(SUBMITTED_AT) < from) {
                assertThat(c.get(CATEGORY)).isEqualTo(org.warmline.ledger.Category.COMPLAINT);
                assertThat(c.at(SUBMITTED_AT)).isGreaterThanOrEqualTo(from - window);
            }
        });
        assertThat(exported.cases().stream().filter(c -> c.at(SUBMITTED_AT) >= from).count())
                .isEqualTo(everything.cases().stream().filter(c -> c.at(SUBMITTED_AT) >= from && c.at(SUBMITTED_AT) < to)
                        .count());
        assertThat(exported.units()).hasSameSizeAs(everything.units());
        assertThat(exported.adjustments()).hasSameSizeAs(everything.adjustments());
    }

    private byte[] export(String query) throws Exception {
        return mvc.perform(as(Caller.ASSESSOR, get("/api/ledger/export" + query)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(AssessmentApi.XLSX))
                .andReturn().getResponse().getContentAsByteArray();
    }
}
