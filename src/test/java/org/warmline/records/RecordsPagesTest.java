package org.warmline.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Post;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Training;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The manual assessment records' pages on in-memory H2: who may see and record what, each page's happy path and its
 * validation (nothing stored on a bad request), hostile uploads, and user text shown as text.
 */
@PagesTest
class RecordsPagesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    ManualRecords records;

    @Autowired
    TrainingAttachments attachments;

    String branch;
    String team;
    String otherBranch;
    String steward;
    String assessorStaff;
    Account assessor;
    Account manager;
    Account agent;
    Account handler;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");

    @BeforeEach
    void organisation() {
        branch = code("B");
        team = code("T");
        otherBranch = code("B");
        steward = code("S");
        assessorStaff = code("K");
        organization.saveAll(List.of(new Unit(branch, "城东分公司" + branch, UnitKind.BRANCH, null),
                        new Unit(team, "维修一班" + team, UnitKind.TEAM, branch),
                        new Unit(otherBranch, "城西分公司" + otherBranch, UnitKind.BRANCH, null)),
                List.of(new Staff(steward, "李管家", Post.STEWARD, team),
                        new Staff(assessorStaff, "考核员钱" + assessorStaff, Post.AGENT, otherBranch)));
        assessor = accounts.create(code("assessor"), "secret password", Role.ASSESSOR, assessorStaff, null);
        manager = accounts.create(code("mgr"), "secret password", Role.UNIT_MANAGER, null, branch);
        agent = accounts.create(code("agent"), "secret password", Role.AGENT, null, null);
        handler = accounts.create(code("handler"), "secret password", Role.HANDLER, steward, team);
    }

    // ------------------------------------------------------------------------------------------------ access

    @ParameterizedTest
    @ValueSource(strings = {"/records", "/records/regulations", "/records/trainings", "/records/outages",
            "/records/tasks", "/records/adjustments"})
    void assessorsAdministratorsAndManagersSeeThePagesOthersAreRefused(String page) throws Exception {
        mvc.perform(get(page).with(as(assessor))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("考核记录"), containsString("navbar"),
                        containsString("id=\"nav-records\""), containsString("htmx.min.js"))));
        mvc.perform(get(page).param("lang", "en").with(as(assessor))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Assessment records"), not(containsString("考核记录")))));
        mvc.perform(get(page).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"nav-records\"")));
        mvc.perform(get(page).with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"nav-records\""))));
        mvc.perform(get(page).with(as(agent))).andExpect(status().isForbidden());
        mvc.perform(get(page).with(as(handler))).andExpect(status().isForbidden());
        mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void onlyTheAssessorRecordsAndNobodyPostsWithoutCsrf() throws Exception {
        int before = records.adjustments().size();
        for (RequestPostProcessor who : List.of(ADMIN, as(manager), as(agent))) {
            mvc.perform(post("/records/adjustments").with(who).with(csrf()).param("subject", branch)
                    .param("period", "2026-01").param("item", "keywork.other").param("points", "-1")
                    .param("reason", "x")).andExpect(status().isForbidden());
            mvc.perform(post("/records/regulations").with(who).with(csrf()).param("unit", branch)
                    .param("hasRegulation", "true")).andExpect(status().isForbidden());
            mvc.perform(post("/records/outages").with(who).with(csrf()).param("channel", "热线")
                    .param("startedAt", "2026-01-05T08:00")).andExpect(status().isForbidden());
            mvc.perform(post("/records/tasks").with(who).with(csrf()).param("taskNo", code("RW"))
                    .param("unit", branch).param("title", "t").param("dueDate", "2026-01-31"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/records/adjustments").with(as(assessor)).param("subject", branch).param("period", "2026-01")
                .param("item", "keywork.other").param("points", "-1").param("reason", "x"))
                .andExpect(status().isForbidden());
        assertThat(records.adjustments()).hasSize(before);
        assertThat(records.regulations()).noneMatch(r -> r.unit().equals(branch));
    }

    // ------------------------------------------------------------------------------------------- regulations

    @Test
    void theAssessorRecordsAUnitsRegulationAndChildrenShowTheInheritedRow() throws Exception {
        mvc.perform(get("/records/regulations").param("edit", branch).with(as(assessor))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"regulation-form\"")));
        mvc.perform(post("/records/regulations").with(as(assessor)).with(csrf()).param("unit", branch)
                        .param("hasRegulation", "true").param("classification", "true").param("escalation", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/records/regulations"))
                .andExpect(flash().attribute("message", "records.regulation.saved"));
        assertThat(records.regulations()).contains(new Regulation(branch, true, true, false, true, false));
        Recorded<Regulation> stored = records.recordedRegulations().stream()
                .filter(r -> r.record().unit().equals(branch)).findFirst().orElseThrow();
        assertThat(stored.recordedBy()).isEqualTo(assessor.username());

        mvc.perform(get("/records/regulations").with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("regulation-" + branch),
                        containsString("regulation-" + team), containsString("按上级单位“城东分公司" + branch),
                        not(containsString("regulation-" + otherBranch)), not(containsString("regulation-form")))));
    }

    @Test
    void aBadRegulationIsRefusedWithAMessageAndNothingChanges() throws Exception {
        mvc.perform(post("/records/regulations").with(as(assessor)).with(csrf()).param("unit", branch)
                        .param("classification", "true"))
                .andExpect(status().isOk()).andExpect(view().name(RegulationController.VIEW_REGULATIONS))
                .andExpect(model().attributeHasFieldErrors("regulationForm", "hasRegulation"))
                .andExpect(content().string(containsString("未建立信访制度时不能勾选要素")));
        mvc.perform(post("/records/regulations").with(as(assessor)).with(csrf()).param("lang", "en")
                        .param("unit", "NO-SUCH-UNIT").param("hasRegulation", "true"))
                .andExpect(model().attributeHasFieldErrors("regulationForm", "unit"))
                .andExpect(content().string(containsString("There is no such unit")));
        assertThat(records.regulations()).noneMatch(r -> r.unit().equals(branch) || r.unit().equals("NO-SUCH-UNIT"));
    }

    // --------------------------------------------------------------------------------------------- trainings

    private long addTraining(Account who, String unit, String title) throws Exception {
        MvcResult result = mvc.perform(post("/records/trainings").with(as(who)).with(csrf()).param("unit", unit)
                        .param("heldOn", "2026-01-08").param("title", title))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/records/trainings/*"))
                .andReturn();
        return Long.parseLong(result.getResponse().getRedirectedUrl().substring("/records/trainings/".length()));
    }

    @Test
    void trainingsAreAddedListedByUnitAndMonthAndTheirTitlesShownAsText() throws Exception {
        long id = addTraining(assessor, team, HOSTILE);
        assertThat(records.training(id).orElseThrow().record())
                .isEqualTo(new Training(team, LocalDate.of(2026, 1, 8), HOSTILE, false, false, false));
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";
        mvc.perform(get("/records/trainings/" + id).with(as(assessor))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(escaped), not(containsString(HOSTILE)),
                        containsString("id=\"attachment-form\""))));
        mvc.perform(get("/records/trainings").param("unit", team).param("month", "2026-01").with(as(assessor)))
                .andExpect(content().string(allOf(containsString(escaped), not(containsString(HOSTILE)))));
        mvc.perform(get("/records/trainings").param("unit", team).param("month", "2026-02").with(as(assessor)))
                .andExpect(content().string(not(containsString(escaped))));
        mvc.perform(get("/records/trainings").param("unit", otherBranch).with(as(assessor)))
                .andExpect(content().string(not(containsString(escaped))));
        mvc.perform(get("/records/trainings").param("month", "January").with(as(assessor)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("月份格式应为 2026-01")));
        mvc.perform(get("/records/trainings").with(as(agent))).andExpect(status().isForbidden());
    }

    @Test
    void aBadTrainingIsRefusedFieldByFieldAndNothingIsStored() throws Exception {
        int before = records.trainings().size();
        mvc.perform(post("/records/trainings").with(as(assessor)).with(csrf()).param("unit", "")
                        .param("heldOn", "08/01/2026").param("title", " "))
                .andExpect(status().isOk()).andExpect(view().name(TrainingController.VIEW_TRAININGS))
                .andExpect(model().attributeHasFieldErrors("trainingForm", "unit", "heldOn", "title"))
                .andExpect(content().string(allOf(containsString("请选择单位"), containsString("请填写有效日期"),
                        containsString("请填写标题"))));
        mvc.perform(post("/records/trainings").with(as(assessor)).with(csrf()).param("lang", "en")
                        .param("unit", team).param("heldOn", LocalDate.now(ZONE).plusDays(2).toString())
                        .param("title", "x"))
                .andExpect(model().attributeHasFieldErrors("trainingForm", "heldOn"))
                .andExpect(content().string(containsString("The date cannot be after today")));
        assertThat(records.trainings()).hasSize(before);
    }

    @Test
    void aManagerAddsTrainingsOfTheirSubtreeOnlyAndSeesNoOtherUnitsTrainings() throws Exception {
        long own = addTraining(manager, team, "班组培训" + team);
        assertThat(records.training(own)).isPresent();
        int before = records.trainings().size();
        mvc.perform(post("/records/trainings").with(as(manager)).with(csrf()).param("unit", otherBranch)
                        .param("heldOn", "2026-01-08").param("title", "不属于我"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("trainingForm", "unit"))
                .andExpect(content().string(containsString("不在您管辖的范围内")));
        assertThat(records.trainings()).hasSize(before);

        long other = addTraining(assessor, otherBranch, "城西培训" + otherBranch);
        mvc.perform(get("/records/trainings/" + other).with(as(manager))).andExpect(status().isNotFound());
        mvc.perform(get("/records/trainings").with(as(manager)))
                .andExpect(content().string(allOf(containsString("班组培训" + team),
                        not(containsString("城西培训" + otherBranch)))));
        mvc.perform(multipart("/records/trainings/" + other + "/attachments").file(pdf("签到.pdf")).with(as(manager))
                .with(csrf()).param("kind", "SIGN_IN")).andExpect(status().isNotFound());
        mvc.perform(get("/records/trainings/" + other).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"attachment-form\""))));
        mvc.perform(multipart("/records/trainings/" + other + "/attachments").file(pdf("签到.pdf")).with(ADMIN)
                .with(csrf()).param("kind", "SIGN_IN")).andExpect(status().isForbidden());
        assertThat(attachments.of(other)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- attachments

    private static byte[] pdfBytes() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static MockMultipartFile pdf(String name) {
        return new MockMultipartFile("file", name, "application/pdf", pdfBytes());
    }

    private static byte[] docx() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("课件");
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void anAttachedFileIsKeptMarksItsRecordAndIsServedBackAsASafeDownload() throws Exception {
        long id = addTraining(assessor, branch, "规范培训");
        mvc.perform(multipart("/records/trainings/" + id + "/attachments").file(pdf("签到 表\".pdf"))
                        .with(as(assessor)).with(csrf()).param("kind", "SIGN_IN"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/records/trainings/" + id))
                .andExpect(flash().attribute("message", "records.file.added"));
        assertThat(records.training(id).orElseThrow().record())
                .isEqualTo(new Training(branch, LocalDate.of(2026, 1, 8), "规范培训", true, false, false));
        TrainingAttachments.Attachment stored = attachments.of(id).get(0);
        assertThat(stored.fileName()).isEqualTo("签到 表_.pdf");
        assertThat(stored.type()).isEqualTo(org.warmline.files.FileKind.PDF);
        assertThat(stored.uploadedBy()).isEqualTo(assessor.username());

        MvcResult download = mvc.perform(get("/records/attachments/" + stored.id()).with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", containsString("attachment;")))
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''")))
                .andReturn();
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(pdfBytes());
        mvc.perform(get("/records/attachments/" + stored.id()).with(as(agent))).andExpect(status().isForbidden());

        // A manager attaches to a training of their own subtree; a Word document is courseware.
        mvc.perform(multipart("/records/trainings/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "课件", "application/octet-stream", docx()))
                        .with(as(manager)).with(csrf()).param("kind", "COURSEWARE"))
                .andExpect(status().is3xxRedirection());
        assertThat(attachments.of(id)).extracting(TrainingAttachments.Attachment::fileName)
                .containsExactly("签到 表_.pdf", "课件.docx");
        assertThat(records.training(id).orElseThrow().record().courseware()).isTrue();
        mvc.perform(get("/records/trainings/" + id).with(as(manager))).andExpect(content().string(allOf(
                containsString("签到 表_.pdf"), containsString("课件.docx"))));
    }

    @Test
    void hostileUploadsAreRefusedWithAMessageAndNothingIsStored() throws Exception {
        long id = addTraining(assessor, branch, "安全培训");
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(pdfBytes(), 0, tooBig, 0, pdfBytes().length);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
        String[][] cases = {
                {"setup.pdf", "SIGN_IN", "文件类型不被接受"},
                {"big.pdf", "SIGN_IN", "文件太大:最大 10 MB"},
                {"empty.pdf", "SIGN_IN", "请选择要上传的文件"},
                {"photo.png", "COURSEWARE", "此处不接受 PNG 文件"},
                {"page.html", "PHOTOS", "文件类型不被接受"},
                {"ok.pdf", "", "请选择附件类型"},
                {"课件.docx", "COURSEWARE", "可能是“压缩炸弹”"},
                {"签到表.docx", "SIGN_IN", "含有 DOCTYPE 或实体声明"},
                {"..\\签到表.pdf", "SIGN_IN", "文件名不能包含路径"},
        };
        byte[][] contents = {exe, tooBig, new byte[0], png, "<html><script>x</script></html>".getBytes(), pdfBytes(),
                java.nio.file.Files.readAllBytes(org.warmline.files.TestFiles.docxBomb()),
                org.warmline.files.TestFiles.docxWithExternalEntity(), pdfBytes()};
        for (int i = 0; i < cases.length; i++) {
            mvc.perform(multipart("/records/trainings/" + id + "/attachments")
                            .file(new MockMultipartFile("file", cases[i][0], "application/pdf", contents[i]))
                            .with(as(assessor)).with(csrf()).param("kind", cases[i][1]))
                    .andExpect(status().isOk()).andExpect(view().name(TrainingController.VIEW_TRAINING))
                    .andExpect(content().string(allOf(containsString("id=\"upload-error\""),
                            containsString(cases[i][2]))));
        }
        mvc.perform(multipart("/records/trainings/" + id + "/attachments").file(
                        new MockMultipartFile("file", "setup.pdf", "application/pdf", exe))
                        .with(as(assessor)).with(csrf()).param("kind", "SIGN_IN").param("lang", "en"))
                .andExpect(content().string(containsString("judged by the content, not the name")));
        mvc.perform(multipart("/records/trainings/" + id + "/attachments").with(as(assessor)).with(csrf())
                .param("kind", "PHOTOS")).andExpect(status().isOk())
                .andExpect(content().string(containsString("请选择要上传的文件")));
        assertThat(attachments.of(id)).isEmpty();
        assertThat(records.training(id).orElseThrow().record())
                .isEqualTo(new Training(branch, LocalDate.of(2026, 1, 8), "安全培训", false, false, false));
        mvc.perform(get("/records/attachments/999999999").with(as(assessor))).andExpect(status().isNotFound());
    }

    // ----------------------------------------------------------------------------------------------- outages

    private static String input(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(at.atZone(ZONE));
    }

    @Test
    void anOutageAndItsBackupStartAreRecordedAndTheDelayJudgedAgainstTheAllowance() throws Exception {
        String channel = "微信公众号" + code("");
        Instant started = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        mvc.perform(post("/records/outages").with(as(assessor)).with(csrf()).param("channel", channel)
                        .param("unit", branch).param("startedAt", input(started)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/records/outages"));
        Recorded<Outage> outage = records.recordedOutages().stream()
                .filter(o -> o.record().channel().equals(channel)).findFirst().orElseThrow();
        assertThat(outage.record().unit()).isEqualTo(branch);
        assertThat(outage.record().startedAt()).isEqualTo(started.toEpochMilli());
        assertThat(outage.record().backupStartedAt()).isEqualTo(Instants.NONE);
        mvc.perform(get("/records/outages").with(as(manager))).andExpect(content().string(allOf(
                containsString(channel), containsString("尚未启用,已超过 30 分钟"))));

        mvc.perform(post("/records/outages/" + outage.id() + "/backup").with(as(assessor)).with(csrf())
                        .param("backupStartedAt", input(started.minus(5, ChronoUnit.MINUTES))))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("backupForm", "backupStartedAt"))
                .andExpect(content().string(containsString("不能早于故障开始时间")));
        mvc.perform(post("/records/outages/" + outage.id() + "/backup").with(as(assessor)).with(csrf())
                        .param("backupStartedAt", input(started.plus(45, ChronoUnit.MINUTES))))
                .andExpect(status().is3xxRedirection());
        assertThat(records.recordedOutages().stream().filter(o -> o.id() == outage.id()).findFirst().orElseThrow()
                .record().backupStartedAt()).isEqualTo(started.plus(45, ChronoUnit.MINUTES).toEpochMilli());
        mvc.perform(get("/records/outages").param("lang", "en").with(as(assessor)))
                .andExpect(content().string(containsString("45 min, over 30 min")));
        mvc.perform(post("/records/outages/" + outage.id() + "/backup").with(as(assessor)).with(csrf())
                        .param("backupStartedAt", input(started.plus(10, ChronoUnit.MINUTES))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("已记录,不能修改")));
        mvc.perform(get("/records/outages").with(as(assessor)))
                .andExpect(content().string(containsString("45 分钟,超过 30 分钟")));
    }

    @Test
    void aBadOutageIsRefusedAndAnotherBranchsOutageIsHiddenFromAManager() throws Exception {
        int before = records.outages().size();
        mvc.perform(post("/records/outages").with(as(assessor)).with(csrf()).param("channel", "")
                        .param("unit", "NO-SUCH").param("startedAt", "yesterday"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("outageForm", "channel", "unit", "startedAt"))
                .andExpect(content().string(allOf(containsString("请填写渠道"), containsString("请填写有效时间"))));
        mvc.perform(post("/records/outages").with(as(assessor)).with(csrf()).param("channel", "APP")
                        .param("startedAt", input(Instant.now().plus(3, ChronoUnit.DAYS))))
                .andExpect(model().attributeHasFieldErrors("outageForm", "startedAt"));
        assertThat(records.outages()).hasSize(before);
        String channel = "APP" + code("");
        records.addOutage(new Outage(channel, otherBranch, Instant.now().toEpochMilli(), Instants.NONE, 0), "t",
                Instant.now());
        mvc.perform(get("/records/outages").with(as(manager))).andExpect(content().string(not(containsString(channel))));
        mvc.perform(get("/records/outages").with(ADMIN)).andExpect(content().string(allOf(containsString(channel),
                not(containsString("id=\"outage-form\"")))));
    }

    // ------------------------------------------------------------------------------------------ special tasks

    @Test
    void aTaskIsAddedItsProgressRecordedAndItsStateShown() throws Exception {
        String taskNo = code("RW-");
        LocalDate due = LocalDate.now(ZONE).minusDays(3);
        mvc.perform(post("/records/tasks").with(as(assessor)).with(csrf()).param("taskNo", taskNo)
                        .param("unit", team).param("title", HOSTILE).param("dueDate", due.toString()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/records/tasks"));
        assertThat(records.task(taskNo)).contains(new SpecialTask(taskNo, team, HOSTILE, due, false, null, null));
        mvc.perform(get("/records/tasks").with(as(manager))).andExpect(content().string(allOf(
                containsString(taskNo), containsString("已逾期 3 天"), not(containsString(HOSTILE)),
                containsString("&lt;script&gt;"))));

        mvc.perform(post("/records/tasks").with(as(assessor)).with(csrf()).param("taskNo", taskNo)
                        .param("unit", team).param("title", "again").param("dueDate", due.toString()))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("taskForm", "taskNo"))
                .andExpect(content().string(containsString("该任务编号已存在")));
        mvc.perform(post("/records/tasks/progress").with(as(assessor)).with(csrf()).param("taskNo", taskNo)
                        .param("planSubmitted", "true").param("quality", "false"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("progressForm", "quality"));
        assertThat(records.task(taskNo).orElseThrow().planSubmitted()).isFalse();

        mvc.perform(get("/records/tasks").param("edit", taskNo).with(as(assessor)))
                .andExpect(content().string(containsString("id=\"progress-form\"")));
        mvc.perform(post("/records/tasks/progress").with(as(assessor)).with(csrf()).param("taskNo", taskNo)
                        .param("planSubmitted", "true").param("completedOn", due.plusDays(1).toString())
                        .param("quality", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(records.task(taskNo))
                .contains(new SpecialTask(taskNo, team, HOSTILE, due, true, due.plusDays(1), true));
        mvc.perform(get("/records/tasks").param("lang", "en").with(as(assessor)))
                .andExpect(content().string(containsString("Completed 1 days late")));
        mvc.perform(post("/records/tasks/progress").with(as(manager)).with(csrf()).param("taskNo", taskNo)
                .param("planSubmitted", "false")).andExpect(status().isForbidden());
        mvc.perform(post("/records/tasks/progress").with(as(assessor)).with(csrf()).param("taskNo", "NO-SUCH-TASK"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBadTaskIsRefusedFieldByField() throws Exception {
        int before = records.tasks().size();
        mvc.perform(post("/records/tasks").with(as(assessor)).with(csrf()).param("taskNo", "RW 1/2")
                        .param("unit", "").param("title", "").param("dueDate", "31.01.2026"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("taskForm", "taskNo", "unit", "title", "dueDate"))
                .andExpect(content().string(allOf(containsString("任务编号只能包含"), containsString("请填写有效日期"))));
        assertThat(records.tasks()).hasSize(before);
    }

    // -------------------------------------------------------------------------------------------- adjustments

    @Test
    void anAdjustmentCarriesTheSignedInAssessorsNameAndIsListedWithFilters() throws Exception {
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("subject", branch)
                        .param("period", "2026-q1").param("item", "keywork.other").param("points", "−2.50")
                        .param("reason", HOSTILE).param("assessor", "someone else"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/records/adjustments"));
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("subject", steward)
                        .param("period", "2026-01").param("item", "satisfaction.result").param("points", "+1")
                        .param("reason", "回访录音证明用户满意"))
                .andExpect(status().is3xxRedirection());
        List<Adjustment> mine = records.adjustments().stream()
                .filter(a -> a.subject().equals(branch) || a.subject().equals(steward)).toList();
        assertThat(mine).extracting(Adjustment::subject, Adjustment::period, Adjustment::item,
                        a -> a.points().toPlainString(), Adjustment::reason, Adjustment::assessor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(branch, "2026-Q1", "keywork.other", "-2.5", HOSTILE,
                                "考核员钱" + assessorStaff),
                        org.assertj.core.groups.Tuple.tuple(steward, "2026-01", "satisfaction.result", "1",
                                "回访录音证明用户满意", "考核员钱" + assessorStaff));

        mvc.perform(get("/records/adjustments").param("subject", branch).with(as(manager)))
                .andExpect(content().string(allOf(containsString("2026-Q1"), containsString("-2.5"),
                        containsString("&lt;script&gt;"), not(containsString(HOSTILE)),
                        not(containsString("回访录音证明用户满意")))));
        mvc.perform(get("/records/adjustments").param("period", "2026-01").param("item", "satisfaction.result")
                .with(as(manager))).andExpect(content().string(allOf(containsString("回访录音证明用户满意"),
                containsString("+1"), not(containsString("&lt;script&gt;")))));
        String elsewhere = "城西" + code("");
        records.addAdjustment(new Adjustment(otherBranch, "2026-01", "keywork.other", java.math.BigDecimal.ONE,
                elsewhere, "x", 0), "t", Instant.now());
        mvc.perform(get("/records/adjustments").with(as(manager)))
                .andExpect(content().string(not(containsString(elsewhere))));
        mvc.perform(get("/records/adjustments").with(ADMIN)).andExpect(content().string(containsString(elsewhere)));
    }

    @Test
    void aBadAdjustmentIsRefusedExactlyAsTheLedgerReaderWouldAndNothingIsStored() throws Exception {
        int before = records.adjustments().size();
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("subject", branch)
                        .param("period", "2026-01").param("item", "keywork.other").param("points", "-1")
                        .param("reason", "  "))
                .andExpect(status().isOk()).andExpect(view().name(AdjustmentController.VIEW_ADJUSTMENTS))
                .andExpect(model().attributeHasFieldErrors("adjustmentForm", "reason"))
                .andExpect(content().string(containsString("请填写调整原因")));
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("subject", "NOBODY")
                        .param("period", "2026-13").param("item", "no.such").param("points", "two")
                        .param("reason", "r"))
                .andExpect(model().attributeHasFieldErrors("adjustmentForm", "subject", "period", "item", "points"))
                .andExpect(content().string(allOf(containsString("没有编码为“NOBODY”的单位或人员"),
                        containsString("期间“2026-13”格式不对"), containsString("没有考核项目“no.such”"),
                        containsString("分数“two”不是数字"))));
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("lang", "en")
                        .param("subject", steward).param("period", "2026").param("item", "basic.institution")
                        .param("points", "-1").param("reason", "r"))
                .andExpect(model().attributeHasFieldErrors("adjustmentForm", "item"))
                .andExpect(content().string(containsString("Item basic.institution does not apply to " + steward)));
        mvc.perform(post("/records/adjustments").with(as(assessor)).with(csrf()).param("subject", branch)
                        .param("period", "2026").param("item", "keywork.other").param("points", "-1.234")
                        .param("reason", "r"))
                .andExpect(model().attributeHasFieldErrors("adjustmentForm", "points"));
        assertThat(records.adjustments()).hasSize(before);
    }
}
