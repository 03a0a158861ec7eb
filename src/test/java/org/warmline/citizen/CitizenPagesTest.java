package org.warmline.citizen;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizens' pages without login, on in-memory H2: the online form and its validation, the tracking link (token
 * stored only hashed; altered, unknown and expired links alike get the same 404 page), the status page (masked phone,
 * free text as text, no staff), the survey once per link, and the abuse limits per phone, address and client.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:citizen;DB_CLOSE_DELAY=-1",
        "warmline.citizen.per-phone=3", "warmline.citizen.per-address=4", "warmline.citizen.per-client=5"})
@AutoConfigureMockMvc
class CitizenPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CaseDesk desk;

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SubmissionLimits limits;

    @Autowired
    org.warmline.cases.CaseAttachments attachments;

    String team;
    String steward;
    Account agent;
    Account handler;
    String client;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String address() {
        return "幸福小区" + UUID.randomUUID().toString().substring(0, 6) + "号楼";
    }

    private RequestPostProcessor from(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    @BeforeEach
    void organisation() {
        team = code("T");
        steward = code("S");
        organization.saveAll(List.of(new Unit(team, "维修一班" + team, UnitKind.TEAM, null)),
                List.of(new Staff(steward, "李管家" + steward, Post.STEWARD, team)));
        agent = accounts.create(code("agent"), "secret password", Role.AGENT, null, null);
        handler = accounts.create(code("handler"), "secret password", Role.HANDLER, steward, team);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        client = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private MockHttpServletRequestBuilder form(String phone, String address, String demand) {
        return form(phone, address, demand, UUID.randomUUID().toString());
    }

    private MockHttpServletRequestBuilder form(String phone, String address, String demand, String key) {
        return post("/public/new").with(csrf()).with(from(client)).param("channel", "WECHAT")
                .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenName", "王女士")
                .param("citizenPhone", phone).param("address", address).param("demand", demand)
                .param("idempotencyKey", key);
    }

    /** Submits the form and returns the token of the tracking link it gives. */
    private String submit(String phone, String address, String demand) throws Exception {
        MvcResult result = mvc.perform(form(phone, address, demand))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/public/submitted")).andReturn();
        String link = (String) result.getFlashMap().get("trackingLink");
        assertThat(link).contains("/public/track/");
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private Case caseOf(String token) {
        return desk.find(tokenRow(token).caseId()).orElseThrow();
    }

    private TrackingTokens.Tracked tokenRow(String token) {
        return jdbc.sql("select id, case_id, expires_at, surveyed_at from citizen_token where token_hash = ?")
                .param(Hashes.sha256(token))
                .query((rs, n) -> new TrackingTokens.Tracked(rs.getLong(1), new org.warmline.cases.CaseId(rs.getLong(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class) == null ? null
                                : rs.getObject(4, OffsetDateTime.class).toInstant()))
                .single();
    }

    /** Drives the case through accept, dispatch, contact, solution and completion, as the desk does. */
    private Case complete(Case c) {
        Instant now = Instant.now();
        c = desk.dispatch(c.id(), c.version(), agent, now, team, steward);
        c = desk.contact(c.id(), c.version(), handler, now);
        c = desk.giveSolution(c.id(), c.version(), handler, now, "已调整阀门,室温恢复到 20 度");
        return desk.complete(c.id(), c.version(), handler, now, true);
    }

    @Test
    void theFormIsPublicKeepsCsrfAndFilesAnOnlineCaseWithATrackingLink() throws Exception {
        mvc.perform(get("/public/new").param("channel", "APP")).andExpect(status().isOk())
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(content().string(allOf(containsString("在线反映问题"), containsString("name=\"_csrf\""),
                        containsString("name=\"idempotencyKey\""), containsString("id=\"channel-APP\" name=\"channel\" checked"),
                        // a citizen's "home" is the form, not the staff's sign-in page
                        containsString("id=\"nav-brand\" href=\"/public/new\""))));
        String phone = phone();
        mvc.perform(form(phone, address(), "暖气不热").with(request -> {
            request.removeParameter("_csrf");
            return request;
        })).andExpect(status().isForbidden());

        String token = submit(phone, address(), "暖气不热");
        assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits
        Case c = caseOf(token);
        assertThat(c.channel()).isEqualTo(org.warmline.ledger.Channel.WECHAT);
        assertThat(c.state()).isEqualTo(CaseState.SUBMITTED);
        assertThat(c.citizenPhone()).isEqualTo(phone);
        assertThat(desk.history(c.id())).extracting(HistoryEntry::actor).contains(CaseDesk.CITIZEN);
        // only the hash is stored: the token itself appears nowhere in the table
        assertThat(jdbc.sql("select count(*) from citizen_token where token_hash = ?").param(token)
                .query(Long.class).single()).isZero();
        assertThat(tokenRow(token).expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(300)));
        mvc.perform(get("/public/submitted")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/public/new"));
    }

    @Test
    void theStatusPageShowsTheCitizensOwnCaseMaskedAsTextWithoutStaff() throws Exception {
        String phone = "13812345678".substring(0, 3) + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String mine = submit(phone, address(), "<script>alert(1)</script>暖气不热");
        String theirs = submit(phone(), address(), "别人的问题:楼道漏水");
        Case c = caseOf(mine);
        complete(c);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        mvc.perform(get("/public/track/" + mine)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(allOf(containsString(c.caseNo()), containsString(masked),
                        not(containsString(phone)), containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>alert(1)")), containsString("已办结"),
                        containsString("已调整阀门"), not(containsString(steward)),
                        not(containsString("别人的问题")), containsString("/public/track/" + mine + "/survey"))));
        mvc.perform(get("/public/track/" + theirs)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("别人的问题"), not(containsString(c.caseNo())))));
    }

    @Test
    void alteredUnknownMalformedAndExpiredLinksGetTheSameNotFoundPage() throws Exception {
        String token = submit(phone(), address(), "暖气不热");
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String unknown = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String body = null;
        for (String bad : List.of(altered, unknown, "abc", token + "x", token.substring(1))) {
            String page = mvc.perform(get("/public/track/" + bad)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("链接无效或已过期"))).andReturn().getResponse()
                    .getContentAsString();
            assertThat(page).doesNotContain("W20");
            body = body == null ? page : body;
        }
        mvc.perform(get("/public/track/" + altered + "/survey")).andExpect(status().isNotFound());
        mvc.perform(post("/public/track/" + altered + "/survey").with(csrf()).param("level", "SATISFIED"))
                .andExpect(status().isNotFound());

        jdbc.sql("update citizen_token set expires_at = ? where token_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), Hashes.sha256(token)).update();
        mvc.perform(get("/public/track/" + token)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("链接无效或已过期")));
    }

    @Test
    void aLinkExpiresNinetyDaysAfterCompletion() throws Exception {
        String token = submit(phone(), address(), "暖气不热");
        Case done = complete(caseOf(token));
        Instant expiry = tokenRow(token).expiresAt();
        assertThat(Duration.between(done.completedAt(), expiry).minus(Duration.ofDays(90)).abs())
                .isLessThan(Duration.ofMillis(1));
    }

    @Test
    void theSurveyOpensOnCompletionAndIsAnsweredOnceOnly() throws Exception {
        String token = submit(phone(), address(), "暖气不热");
        mvc.perform(get("/public/track/" + token + "/survey")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("工单办结后才能评价"), not(containsString("survey-form")))));
        mvc.perform(post("/public/track/" + token + "/survey").with(csrf()).param("level", "SATISFIED")
                        .param("resolved", "true"))
                .andExpect(status().isConflict());
        assertThat(caseOf(token).evaluation()).isNull();

        complete(caseOf(token));
        mvc.perform(get("/public/track/" + token + "/survey")).andExpect(status().isOk())
                .andExpect(content().string(containsString("survey-form")));
        mvc.perform(post("/public/track/" + token + "/survey").with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请选择满意程度")));
        mvc.perform(post("/public/track/" + token + "/survey").with(csrf()).param("level", "BASIC")
                        .param("resolved", "true")
                        .param("comment", "<b>还行</b>"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/public/track/" + token));
        Case evaluated = caseOf(token);
        assertThat(evaluated.state()).isEqualTo(CaseState.EVALUATED);
        assertThat(evaluated.evaluation()).isEqualTo(EvaluationLevel.BASIC);
        assertThat(evaluated.evaluationChannel()).isEqualTo(EvaluationChannel.ONLINE);
        assertThat(evaluated.evaluationComment()).isEqualTo("<b>还行</b>");
        assertThat(evaluated.resolved()).as("the citizen said it is resolved").isTrue();
        assertThat(evaluated.resolutionSource()).isEqualTo(org.warmline.cases.Resolution.Source.SURVEY);
        assertThat(tokenRow(token).surveyedAt()).isNotNull();

        mvc.perform(post("/public/track/" + token + "/survey").with(csrf()).param("level", "UNSATISFIED")
                        .param("resolved", "false"))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("每个链接只能评价一次")));
        assertThat(caseOf(token).evaluation()).isEqualTo(EvaluationLevel.BASIC);
        mvc.perform(get("/public/track/" + token)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("基本满意"), not(containsString("/survey\"")))));
    }

    @Test
    void anUnsatisfiedSurveyOpensAReviewWithItsClock() throws Exception {
        String token = submit(phone(), address(), "暖气不热");
        complete(caseOf(token));
        mvc.perform(post("/public/track/" + token + "/survey").with(csrf()).param("level", "UNSATISFIED")
                .param("resolved", "false").param("comment", "还是冷")).andExpect(status().is3xxRedirection());
        Case c = caseOf(token);
        assertThat(c.state()).isEqualTo(CaseState.REVIEW);
        assertThat(c.unsatisfiedAt()).isNotNull();
        assertThat(desk.clocks(c, Instant.now()).clock(org.warmline.cases.CaseClocks.Kind.REVIEW)).get()
                .satisfies(k -> assertThat(k.deadline()).isEqualTo(c.unsatisfiedAt().plus(Duration.ofHours(24))));
    }

    @Test
    void badInputNamesTheFieldInChineseAndEnglishAndFilesNothing() throws Exception {
        String phone = phone();
        mvc.perform(post("/public/new").with(csrf()).with(from(client)).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenPhone", "abc")
                        .param("address", "").param("demand", "").param("idempotencyKey", UUID.randomUUID().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("请填写地址"), containsString("请填写问题描述"),
                        containsString("手机或座机号码须有 7 到 15 位数字"), containsString("请选择提交方式"))));
        mvc.perform(post("/public/new").with(csrf()).with(from(client)).param("channel", "APP")
                        .param("category", "COMPLAINT").param("topic", "NOPE").param("citizenPhone", phone)
                        .param("address", address()).param("demand", "暖气不热").param("lang", "en")
                        .param("idempotencyKey", UUID.randomUUID().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Not a valid problem; choose again.")));
        mvc.perform(form(phone, address(), "").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Describe the problem.")));
        assertThat(desk.earlierCases(phone, Instant.now())).isEmpty();
        assertThat(limits.countedForPhone(phone, Instant.now())).isZero();
    }

    @Test
    void theSameFormSentTwiceFilesOneCase() throws Exception {
        String phone = phone();
        String key = UUID.randomUUID().toString();
        String address = address();
        mvc.perform(form(phone, address, "暖气不热", key))
                .andExpect(status().is3xxRedirection());
        MvcResult again = mvc.perform(form(phone, address, "暖气不热", key))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(again.getFlashMap().get("trackingLink")).isNull();
        assertThat(again.getFlashMap().get("caseNo")).isNotNull();
        assertThat(desk.earlierCases(phone, Instant.now())).hasSize(1);
    }

    @Test
    void aPhoneSubmitsThreeTimesADayThenGetsAClearPageAndNothingIsFiled() throws Exception {
        String phone = phone();
        for (int i = 0; i < 3; i++) {
            submit(phone, address(), "第 " + i + " 次");
        }
        String address = address();
        mvc.perform(form(phone, address, "第四次")).andExpect(status().isTooManyRequests())
                .andExpect(content().string(allOf(containsString("今日提交次数已达上限"),
                        containsString("此手机号码今天已提交 3 次"))));
        assertThat(desk.earlierCases(phone, Instant.now())).hasSize(3);
        assertThat(limits.countedForPhone(phone, Instant.now())).isEqualTo(3);
        // the refused submission counted against nothing: the same address may still send four
        for (int i = 0; i < 4; i++) {
            client = "10.1." + i + "." + ThreadLocalRandom.current().nextInt(256);
            submit(phone(), address, "同一地址第 " + i + " 次");
        }
        mvc.perform(form(phone(), address, "第五次")).andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("此地址今天已提交 4 次")));
    }

    @Test
    void aClientAddressSubmitsFiveTimesADay() throws Exception {
        for (int i = 0; i < 5; i++) {
            submit(phone(), address(), "第 " + i + " 次");
        }
        String phone = phone();
        mvc.perform(form(phone, address(), "第六次")).andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("此设备今天已提交 5 次")));
        assertThat(desk.earlierCases(phone, Instant.now())).isEmpty();
        assertThat(limits.countedForPhone(phone, Instant.now())).isZero();
    }

    // ---------------------------------------------------------------------------------------------- photos

    private MockHttpServletRequestBuilder withPhotos(MockHttpServletRequestBuilder request, String... names) {
        for (String name : names) {
            byte[] content = name.endsWith(".svg")
                    ? "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes()
                    : name.startsWith("gps") ? org.warmline.files.TestFiles.fixture(name)
                    : org.warmline.files.TestFiles.jpeg(64, 48);
            request.with(org.warmline.api.ApiFixture.filePart("photos", name, "image/jpeg", content));
        }
        return request;
    }

    private long casesOf(String phone) {
        return jdbc.sql("select count(*) from petition_case where citizen_phone = ?").param(phone).query(Long.class)
                .single();
    }

    @Test
    void theFormTakesUpToFivePhotosKeptWithoutLocationOrNothingAtAll() throws Exception {
        String phone = phone();
        MvcResult result = mvc.perform(withPhotos(form(phone, address(), "暖气不热,附室温照片"), "gps.jpg", "gps.png",
                        "IMG_0003.jpg"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/public/submitted")).andReturn();
        String link = (String) result.getFlashMap().get("trackingLink");
        Case c = caseOf(link.substring(link.lastIndexOf('/') + 1));
        List<org.warmline.cases.CaseAttachments.Attachment> photos = attachments.of(c.id());
        assertThat(photos).extracting(org.warmline.cases.CaseAttachments.Attachment::fileName)
                .containsExactly("gps.jpg", "gps.png", "IMG_0003.jpg");
        assertThat(photos).allMatch(org.warmline.cases.CaseAttachments.Attachment::byCitizen)
                .allMatch(org.warmline.cases.CaseAttachments.Attachment::hasPreview);
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        attachments.copyTo(photos.get(0), false, kept);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("kept", ".jpg");
        java.nio.file.Files.write(file, kept.toByteArray());
        assertThat(com.drew.imaging.ImageMetadataReader.readMetadata(file.toFile())
                .getDirectoriesOfType(com.drew.metadata.exif.GpsDirectory.class).stream()
                .map(com.drew.metadata.exif.GpsDirectory::getGeoLocation).filter(java.util.Objects::nonNull))
                .as("no location kept").isEmpty();
        java.nio.file.Files.delete(file);
        assertThat(desk.history(c.id())).filteredOn(h -> h.action().equals("ATTACH"))
                .extracting(HistoryEntry::actor).containsOnly(CaseDesk.CITIZEN).hasSize(3);

        String other = phone();
        mvc.perform(withPhotos(form(other, address(), "太多照片"), "1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.jpg",
                        "6.jpg"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("最多只能上传 5 张照片")));
        mvc.perform(withPhotos(form(other, address(), "带脚本的图片"), "ok.jpg", "x.svg"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("照片“x.svg”无法接受"), containsString("SVG"))));
        assertThat(casesOf(other)).as("a refused photo files no case").isZero();
        mvc.perform(get("/public/new")).andExpect(content().string(allOf(
                containsString("enctype=\"multipart/form-data\""), containsString("capture=\"environment\""),
                containsString("accept=\"image/*\""), containsString("/js/files-"))));
    }

    @Test
    void aTrackingLinkOpensItsOwnCasesPhotosOnlyAndTakesMoreWhileTheCaseIsOpen() throws Exception {
        String mine = submit(phone(), address(), "楼道漏水");
        String theirs = submit(phone(), address(), "别人的问题");
        mvc.perform(withPhotos(post("/public/track/" + mine + "/photos").with(csrf()), "漏水处.jpg"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(withPhotos(post("/public/track/" + theirs + "/photos").with(csrf()), "别人的.jpg"))
                .andExpect(status().is3xxRedirection());
        Case c = caseOf(mine);
        long own = attachments.of(c.id()).get(0).id();
        long others = attachments.of(caseOf(theirs).id()).get(0).id();
        org.warmline.cases.CaseAttachments.Attachment staff;
        try (org.warmline.cases.CaseAttachments.Prepared p = attachments.prepare(new java.io.ByteArrayInputStream(
                org.warmline.files.TestFiles.jpeg(30, 30)), "维修记录.jpg", org.warmline.files.FileKind.ALL)) {
            staff = attachments.add(c.id(), p, steward, false, Instant.now());
        }
        mvc.perform(get("/public/track/" + mine)).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("漏水处.jpg"), containsString("/public/track/" + mine + "/files/" + own + "/preview"),
                not(containsString("维修记录.jpg")), not(containsString("别人的.jpg")))));
        mvc.perform(get("/public/track/" + mine + "/files/" + own)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"));
        mvc.perform(get("/public/track/" + mine + "/files/" + own + "/preview")).andExpect(status().isOk());
        mvc.perform(get("/public/track/" + mine + "/files/" + others)).andExpect(status().isNotFound());
        mvc.perform(get("/public/track/" + mine + "/files/" + staff.id())).andExpect(status().isNotFound());
        mvc.perform(get("/public/track/" + mine.substring(1) + "x/files/" + own)).andExpect(status().isNotFound());

        Case withdrawn = desk.withdraw(c.id(), c.version(), agent, Instant.now(), "用户撤回");
        mvc.perform(withPhotos(post("/public/track/" + mine + "/photos").with(csrf()), "再来一张.jpg"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("不能再上传文件")));
        assertThat(attachments.of(withdrawn.id())).hasSize(2);
        mvc.perform(get("/public/track/" + mine)).andExpect(content().string(not(containsString("id=\"add-photos\""))));
    }
}
