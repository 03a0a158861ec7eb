package org.warmline.administration;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseIntake;
import org.warmline.cases.CaseRepository;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The administration pages of scheme versions and holiday calendars: what they show, what they refuse, who may. */
@PagesTest
class AdministrationPagesTest {

    private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");
    private static final RequestPostProcessor ASSESSOR = user("judge").roles("ASSESSOR");
    private static final RequestPostProcessor AGENT = user("agent").roles("AGENT");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;

    @Autowired
    SchemeVersions versions;

    @Autowired
    Calendars calendars;

    @Autowired
    CaseClocks clocks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseRepository cases;

    @Autowired
    OrganizationStore organization;

    private static String name() {
        return "v" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LocalDate firstOfMonthAhead(int months) {
        return LocalDate.now(SHANGHAI).withDayOfMonth(1).plusMonths(months);
    }

    private int schemeRows() {
        return jdbc.sql("select count(*) from scheme_version").query(Integer.class).single();
    }

    @Test
    void schemePagesAreForAdministratorsOnly() throws Exception {
        mvc.perform(get("/admin/schemes").with(ADMIN)).andExpect(status().isOk())
                .andExpect(view().name(SchemeVersionController.VIEW_LIST))
                .andExpect(content().string(allOf(containsString("考核方案版本"), containsString("id=\"version-default\""),
                        containsString("现行"), containsString("nav-schemes"))));
        mvc.perform(get("/admin/schemes").param("lang", "en").with(ADMIN))
                .andExpect(content().string(allOf(containsString("Scheme versions"), containsString("in force"))));
        mvc.perform(get("/admin/schemes/default").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("热力信访考核方案(默认)"),
                        containsString("id=\"scheme-total\">100<"), containsString("2.1 响应时效"),
                        containsString("受理时限"), containsString("30 min"), containsString("yearStartMonth: 1"))));
        for (RequestPostProcessor who : new RequestPostProcessor[] {ASSESSOR, AGENT}) {
            mvc.perform(get("/admin/schemes").with(who)).andExpect(status().isForbidden());
            mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "x.yaml", "application/yaml",
                    Schemes.version(name(), "PT60M"))).with(who).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/schemes")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/admin/schemes/no-such-version").with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void aVersionIsUploadedViewedAndActivatedAndTheDesksClocksFollowItFromItsDay() throws Exception {
        String version = name();
        mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "new.yaml", "application/yaml",
                        Schemes.version(version, "PT60M"))).with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/schemes/" + version))
                .andExpect(flash().attribute("message", "scheme.upload.done"));
        mvc.perform(get("/admin/schemes/" + version).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("version: " + version), containsString("<td>1 h</td>"))));
        mvc.perform(get("/admin/schemes").with(ADMIN))
                .andExpect(content().string(allOf(containsString("id=\"version-" + version + "\""),
                        containsString("未启用"))));

        LocalDate from = firstOfMonthAhead(2);
        var beforeDay = from.minusDays(1).atTime(23, 0).atZone(SHANGHAI).toInstant();
        var onDay = from.atTime(1, 0).atZone(SHANGHAI).toInstant();
        assertThat(clocks.schemeAt(onDay).items().response().acceptance().allowance().toMinutes()).isEqualTo(30);

        mvc.perform(post("/admin/schemes/" + version + "/activate").param("activeFrom", from.toString())
                        .with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/schemes"))
                .andExpect(flash().attribute("message", "scheme.activated"));
        assertThat(versions.forDay(from).version()).isEqualTo(version);
        assertThat(clocks.schemeAt(onDay).items().response().acceptance().allowance().toMinutes()).isEqualTo(60);
        assertThat(clocks.schemeAt(beforeDay).items().response().acceptance().allowance().toMinutes())
                .isEqualTo(30);
        mvc.perform(get("/admin/schemes").with(ADMIN)).andExpect(content().string(containsString("待生效")));

        // withdrawn again: the desk is back on the default from that day
        mvc.perform(post("/admin/schemes/" + version + "/withdraw").with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "scheme.withdrawn"));
        assertThat(clocks.schemeAt(onDay).items().response().acceptance().allowance().toMinutes()).isEqualTo(30);
    }

    @Test
    void activationInThePastOrOffTheFirstOfAMonthIsRefusedWithItsReason() throws Exception {
        String version = name();
        versions.upload(version + ".yaml", Schemes.version(version, "PT60M"), "root");
        LocalDate firstOfThisMonth = LocalDate.now(SHANGHAI).withDayOfMonth(1);
        mvc.perform(post("/admin/schemes/" + version + "/activate").param("activeFrom", firstOfThisMonth.toString())
                        .with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("refusal", containsString("不在今天之后")));
        mvc.perform(post("/admin/schemes/" + version + "/activate").param("activeFrom",
                        firstOfMonthAhead(1).plusDays(14).toString()).param("lang", "en").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("refusal", containsString("is not the first day of a month")));
        mvc.perform(post("/admin/schemes/" + version + "/activate").param("activeFrom", "not-a-date")
                        .with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("refusal", containsString("生效日期")));
        mvc.perform(post("/admin/schemes/default/activate").param("activeFrom", firstOfMonthAhead(3).toString())
                        .with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("refusal", containsString("内置版本")));
        assertThat(versions.find(version).orElseThrow().activeFrom()).isEmpty();
        // the refusal is shown on the list page
        mvc.perform(get("/admin/schemes").flashAttr("refusal", "REFUSED <b>x</b>").with(ADMIN))
                .andExpect(content().string(allOf(containsString("REFUSED &lt;b&gt;x&lt;/b&gt;"),
                        containsString("id=\"scheme-refusal\""))));
    }

    @Test
    void aBadSchemeFileListsEveryProblemNamingTheSettingAndStoresNothing() throws Exception {
        int before = schemeRows();
        String bad = new String(Schemes.version(name(), "PT60M"), StandardCharsets.UTF_8)
                .replace("yearStartMonth: 1 ", "yearStartMonth: 2 ").replace("scale: 2", "scale: 9");
        mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "bad.yaml", "application/yaml",
                        bad.getBytes(StandardCharsets.UTF_8))).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(view().name(SchemeVersionController.VIEW_LIST))
                .andExpect(content().string(allOf(containsString("id=\"scheme-problems\""),
                        containsString("bad.yaml: yearStartMonth:"), containsString("bad.yaml: rounding.scale:"),
                        containsString("未保存"))));
        mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "<script>.yaml", "application/yaml",
                        "version: [".getBytes(StandardCharsets.UTF_8))).with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("_script_.yaml:"), not(containsString("<script>")))));
        mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "scheme.xlsx", "application/zip",
                        new byte[] {1, 2, 3})).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("scheme.xlsx: only a .yaml")));
        mvc.perform(multipart("/admin/schemes").with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择要上传的方案文件")));
        assertThat(schemeRows()).isEqualTo(before);
    }

    @Test
    void theCalendarShowsAYearToAdministratorsAndAssessorsOnly() throws Exception {
        mvc.perform(get("/calendars").param("year", "2026").with(ASSESSOR)).andExpect(status().isOk())
                .andExpect(view().name(CalendarController.VIEW_CALENDAR))
                .andExpect(content().string(allOf(containsString("2026 年节假日"),
                        // 2026-02-17 春节 (Tuesday, off) and 2026-02-14 (Saturday, make-up working day)
                        containsString("class=\"cal-OFF\" data-date=\"2026-02-17\""),
                        containsString("class=\"cal-MAKE_UP\" data-date=\"2026-02-14\""),
                        containsString("class=\"cal-WEEKEND\" data-date=\"2026-03-07\""),
                        containsString("class=\"cal-WORKING\" data-date=\"2026-03-09\""),
                        containsString("随程序提供"), not(containsString("id=\"calendar-import\"")),
                        containsString("nav-calendars"))));
        mvc.perform(get("/calendars").param("year", "2026").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"calendar-import\""), containsString("nav-schemes"))));
        mvc.perform(get("/calendars").param("year", "2031").param("lang", "en").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("There is no holiday schedule for 2031")));
        mvc.perform(get("/calendars").param("year", "<x>").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("年份应为四位数字")));
        mvc.perform(get("/calendars").with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(get("/calendars").with(user("h").roles("HANDLER"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", "2027.json", "application/json",
                        HolidayFileTest.JSON_2027.getBytes(StandardCharsets.UTF_8))).param("year", "2027")
                .with(ASSESSOR).with(csrf())).andExpect(status().isForbidden());
    }

    /** Uploads a holiday file (the page previews it, nothing stored yet) and confirms it. */
    private org.springframework.test.web.servlet.ResultActions importCalendar(String name, String content, int year)
            throws Exception {
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        String page = mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", name,
                                "application/octet-stream", content.getBytes(StandardCharsets.UTF_8)))
                        .param("year", Integer.toString(year)).session(session).with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"calendar-preview\"")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");
        return mvc.perform(post("/admin/calendars/confirm").param("token", token).session(session).with(ADMIN)
                .with(csrf()));
    }

    @Test
    void nextYearsHolidayFileIsPreviewedThenImportedAndTheDeskUsesItAtOnce() throws Exception {
        int next = LocalDate.now(SHANGHAI).getYear() + 1;
        String json = HolidayFileTest.JSON_2027.replace("2027", Integer.toString(next));
        // the schedule in force: only New Year's Day off
        importCalendar("plain.json", "{\"year\": " + next + ", \"days\": [{\"name\": \"元旦\", \"date\": \"" + next
                + "-01-01\", \"isOffDay\": true}]}", next).andExpect(status().is3xxRedirection());
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        // the preview: the days whose working status changes against the schedule in force, nothing stored yet
        String page = mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", next + ".json",
                        "application/json", json.getBytes(StandardCharsets.UTF_8))).param("year", Integer.toString(next))
                        .session(session).with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"calendar-changes\""),
                        containsString("下表与现行安排(导入于"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        LocalDate newYear = LocalDate.of(next, 1, 1);
        LocalDate makeUp = LocalDate.of(next, 2, 13);
        String changes = page.substring(page.indexOf("id=\"calendar-changes\""));
        changes = changes.substring(0, changes.indexOf("</table>"));
        assertThat(changes).doesNotContain(newYear.toString()); // off before and after
        for (LocalDate d : List.of(LocalDate.of(next, 2, 6), LocalDate.of(next, 2, 7), makeUp)) {
            boolean weekend = d.getDayOfWeek().getValue() >= 6;
            boolean listedOff = !d.equals(makeUp);
            // a day off on a weekend, a make-up working day on a weekday: no change of working status, not listed
            assertThat(changes.contains(d.toString())).as(d.toString()).isEqualTo(listedOff != weekend);
        }
        assertThat(clocks.calendar().isWorkingDay(makeUp)).isEqualTo(makeUp.getDayOfWeek().getValue() < 6);
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");
        mvc.perform(post("/admin/calendars/confirm").param("token", token).session(session).with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/calendars?year=" + next))
                .andExpect(flash().attribute("message", "calendar.import.done"));
        assertThat(calendars.current().scheduledYears()).contains(next);
        assertThat(clocks.calendar().isWorkingDay(LocalDate.of(next, 1, 1))).isFalse();
        assertThat(clocks.calendar().isWorkingDay(LocalDate.of(next, 2, 13))).isTrue();
        mvc.perform(get("/calendars").param("year", Integer.toString(next)).with(ADMIN))
                .andExpect(content().string(allOf(containsString("导入于"), containsString("root"),
                        containsString("class=\"cal-MAKE_UP\" data-date=\"" + next + "-02-13\""))));
    }

    @Test
    void anImportMovesTheStoredDeadlinesOfOpenCasesCountedInWorkingDays() throws Exception {
        int next = LocalDate.now(SHANGHAI).getYear() + 1;
        LocalDate thursday = LocalDate.of(next, 3, 1).with(java.time.temporal.TemporalAdjusters
                .nextOrSame(java.time.DayOfWeek.THURSDAY));
        var submitted = thursday.atTime(10, 0).atZone(SHANGHAI).toInstant();
        String team = "T" + UUID.randomUUID().toString().substring(0, 8);
        organization.saveAll(List.of(new Unit(team, "维修班" + team, UnitKind.TEAM, null)), List.of());
        Case c = Case.submitted(new CaseIntake(Channel.HOTLINE, Category.COMPLAINT, true, "TEMPERATURE", "王女士",
                "13800001111", "幸福小区3-2-501", "室温16度", null, submitted, team), submitted, null, null);
        c.accept("A01", submitted.plusSeconds(60));
        c.dispatch("A01", submitted.plusSeconds(120), team, "S01");
        c.contact("S01", submitted.plusSeconds(600));
        // each import below replaces the year's schedule: first one without these days, then one with them off
        String plain = "{\"year\": " + next + ", \"days\": [{\"name\": \"元旦\", \"date\": \"" + next
                + "-01-01\", \"isOffDay\": true}]}";
        importCalendar("plain.json", plain, next).andExpect(status().is3xxRedirection());
        cases.insert(c);
        // complex: 3 working days, Friday, Monday, Tuesday
        assertThat(nearestDeadline(c)).isEqualTo(thursday.plusDays(5).atTime(10, 0).atZone(SHANGHAI).toInstant());

        String off = "{\"year\": " + next + ", \"days\": [{\"name\": \"x\", \"date\": \"" + thursday.plusDays(1)
                + "\", \"isOffDay\": true}, {\"name\": \"x\", \"date\": \"" + thursday.plusDays(4)
                + "\", \"isOffDay\": true}]}";
        importCalendar("off.json", off, next).andExpect(status().is3xxRedirection());
        // Friday and Monday off: Tuesday, Wednesday, Thursday
        assertThat(nearestDeadline(c)).isEqualTo(thursday.plusDays(7).atTime(10, 0).atZone(SHANGHAI).toInstant());
    }

    private java.time.Instant nearestDeadline(Case c) {
        return jdbc.sql("select nearest_deadline from petition_case where case_no = ?").param(c.caseNo())
                .query(java.time.OffsetDateTime.class).single().toInstant();
    }

    @Test
    void aBadHolidayFileListsEveryProblemAndStoresNothing() throws Exception {
        int next = LocalDate.now(SHANGHAI).getYear() + 1;
        int before = calendars.years().size();
        String ics = HolidayFileTest.ICS_2027.replace("2027", Integer.toString(next))
                .replace("SUMMARY:元旦（休）", "SUMMARY:<b>元旦</b>")
                .replace("DTSTART:" + next + "0214", "DTSTART:" + next + "0214T090000");
        String page = mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", "holidays.ics",
                                "text/calendar", ics.getBytes(StandardCharsets.UTF_8))).param("year", Integer.toString(next))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(view().name(CalendarController.VIEW_CALENDAR))
                .andExpect(content().string(allOf(containsString("id=\"calendar-problems\""),
                        containsString("发现 2 个问题"),
                        containsString("holidays.ics: 第 1 个事件“&lt;b&gt;元旦&lt;/b&gt;”: 无法判断 &quot;&lt;b&gt;元旦&lt;/b&gt;&quot;"),
                        containsString("holidays.ics: 第 4 个事件“Make-up day”: " + next + "-02-14T09:00 至 " + next
                                + "-02-14T09:00 不是整天"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // every message in one language: no English word of the reader's own in the Chinese list
        String problems = page.substring(page.indexOf("id=\"calendar-problems\""));
        problems = problems.substring(0, problems.indexOf("</div>"));
        assertThat(problems).doesNotContain("line ").doesNotContain("event ");
        mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", "2019.json", "application/json",
                        HolidayFileTest.JSON_2027.replace("2027", "2019").getBytes(StandardCharsets.UTF_8)))
                        .param("year", "2019").param("lang", "en").with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("only this year or the next")));
        mvc.perform(multipart("/admin/calendars").param("year", Integer.toString(next)).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择要导入的文件")));
        mvc.perform(multipart("/admin/calendars").file(new MockMultipartFile("file", "x.json", "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8))).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择年份")));
        assertThat(calendars.years()).hasSize(before);
    }
}
