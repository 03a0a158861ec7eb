package org.warmline.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.warmline.announcements.Announcement;
import org.warmline.announcements.Announcements;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAttachments;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.RegisterCommand;
import org.warmline.escalation.Escalations;
import org.warmline.evaluation.CallbackAttempts;
import org.warmline.evaluation.CallbackOutcome;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.Scheme;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.SURVEYED_AT;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;

/**
 * Loads the demo company when the server is started with {@code --demo} and the database has no cases yet: the
 * generated organisation and this year's consistent cases up to yesterday (imported as a ledger), one account per role
 * (the manager's branch is the handler's), and cases typed in through the desk just now — green, amber and red clocks,
 * a cluster of three households of one building, complaints the citizen confirmed and did not confirm, a complex case
 * accepted on site, callbacks that did not reach the citizen, consultations waiting for and failing their follow-up
 * window, a repeat linked at intake, an active outage announcement with calls answered from it in the last hours —
 * then one escalation round, so that the manager has unread notices. Prints the
 * accounts and writes {@code demo-accounts.csv} (role, username, password, token).
 */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final OrganizationStore organization;
    private final CaseLedgerStore ledger;
    private final CaseDesk desk;
    private final CaseAttachments attachments;
    private final ManualRecords records;
    private final AccountStore accounts;
    private final CallbackAttempts attempts;
    private final Escalations escalations;
    private final Announcements announcements;
    private final ZoneId zone;
    private final Path accountsFile;
    private final SecureRandom random = new SecureRandom();

    DemoLoader(OrganizationStore organization, CaseLedgerStore ledger, CaseDesk desk, ManualRecords records,
               AccountStore accounts, CallbackAttempts attempts, Escalations escalations, Scheme scheme,
               @Value("${warmline.demo.accounts-file:./data/demo-accounts.csv}") String accountsFile,
               CaseAttachments attachments, Announcements announcements) {
        this.attachments = attachments;
        this.announcements = announcements;
        this.attempts = attempts;
        this.escalations = escalations;
        this.organization = organization;
        this.ledger = ledger;
        this.desk = desk;
        this.records = records;
        this.accounts = accounts;
        this.zone = ZoneId.of(scheme.zone());
        this.accountsFile = Path.of(accountsFile);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo")) {
            return;
        }
        if (ledger.count() > 0) {
            log.info("--demo: the database already holds cases; the demo company is not loaded again ({} lists its accounts)",
                    accountsFile);
            return;
        }
        load(Instant.now());
    }

    /** Loads the demo company as of {@code now}. */
    void load(Instant now) {
        int year = now.atZone(zone).getYear();
        DataSet data = new DataSetGenerator(20261128L, year, zone).branches(2, 3).generate(2400);
        Instant yesterday = now.minus(Duration.ofDays(1));
        List<CaseRecord> past = data.cases().stream()
                .filter(c -> c.get(SUBMITTED_AT).isBefore(yesterday))
                .filter(c -> c.get(COMPLETED_AT) == null || c.get(COMPLETED_AT).isBefore(yesterday))
                .filter(DemoLoader::consistent)
                .toList();
        organization.saveAll(data.units(), data.staff());
        ledger.importCases(past);
        records.importAll(data.regulations(), data.trainings(), data.outages(), data.tasks(), data.adjustments(),
                "demo", now);

        List<String[]> lines = new ArrayList<>();
        Staff agent = first(data.staff(), Post.AGENT);
        Staff steward = first(data.staff(), Post.STEWARD);
        // the manager of the steward's branch: the demo's late cases escalate to them
        Unit branch = branchOf(steward.unit(), data.units());
        Account agentAccount = account(lines, "agent", Role.AGENT, agent.code(), agent.unit());
        account(lines, "assessor", Role.ASSESSOR, null, null);
        account(lines, "manager", Role.UNIT_MANAGER, null, branch.code());
        Account handler = account(lines, "handler", Role.HANDLER, steward.code(), steward.unit());
        account(lines, "demo-admin", Role.ADMIN, null, null);

        liveCases(now, agentAccount, handler, steward);
        loopCases(now, agentAccount, handler, steward);
        outage(now, agentAccount, handler, steward, data.units());
        // the first escalation round at once, so that the managers' bells ring on the first page
        escalations.run(now);
        write(lines);
        log.warn("--demo: loaded {} units, {} staff, {} cases; accounts (also in {}):", data.units().size(),
                data.staff().size(), ledger.count(), accountsFile);
        for (String[] line : lines) {
            log.warn("--demo:   {} {} / {}", line[0], line[1], line[2]);
        }
    }

    private void liveCases(Instant now, Account agent, Account handler, Staff steward) {
        String unit = steward.unit();
        // green: typed in five minutes ago
        desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "BILLING", "周敏",
                "13911112222", "东城区建设路12号和平小区3号楼1单元502室", "询问本季采暖费缴费方式", now.minus(Duration.ofMinutes(10)),
                now.minus(Duration.ofMinutes(5)), null), agent, now);
        // red acceptance: an online case the agent took 45 minutes ago but has not dispatched in 50 (taken, so that
        // the assessment knows whose it is: an online case nobody took counts for no unit, with a warning)
        Case waiting = desk.registerOnline(new OnlineCommand("demo-online-1", Channel.WECHAT, null, Category.COMPLAINT,
                false, "TEMPERATURE", "孙丽", "13822223333", "西城区光明街8号电力宿舍2号楼301室", "室温只有14度,老人受不了",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(50))), now.minus(Duration.ofMinutes(50)));
        desk.accept(waiting.id(), waiting.version(), agent, now.minus(Duration.ofMinutes(45)));
        // red contact and handling: dispatched 30 h ago, nobody called the citizen
        Case late = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK", "钱进",
                "13733334444", "高新区科技路66号创新小区7号楼2单元1101室", "暖气片漏水,楼下已渗水", now.minus(Duration.ofHours(31)),
                now.minus(Duration.ofHours(30)), null), agent, now.minus(Duration.ofHours(30)));
        late = desk.dispatch(late.id(), late.version(), agent, now.minus(Duration.ofHours(30)).plusSeconds(300), unit,
                steward.code());
        desk.logContact(late.id(), late.version(), handler, now.minus(Duration.ofHours(29)),
                org.warmline.cases.ContactOutcome.NO_ANSWER, "响铃无人接");
        desk.logContact(late.id(), late.version(), handler, now.minus(Duration.ofHours(26)),
                org.warmline.cases.ContactOutcome.SWITCHED_OFF, null);
        desk.note(late.id(), agent, now.minus(Duration.ofHours(25)), "用户白天上班,晚上7点后再联系;楼下住户也来电反映渗水");
        photo(late, "楼下渗水.jpg", now.minus(Duration.ofHours(30)));
        // a cluster: three households of one building, same topic, within the last hour
        for (int i = 0; i < 3; i++) {
            Case household = desk.registerOnline(new OnlineCommand("demo-cluster-" + i, i == 1 ? Channel.APP
                    : Channel.WECHAT, null, Category.COMPLAINT, false, "TEMPERATURE",
                    new String[] {"李强", "王芳", "赵磊"}[i], "1360000" + (1000 + i * 111),
                    "东城区幸福路175号春天花园小区15号楼" + (i + 1) + "单元" + (201 + i * 100) + "室", "整栋楼暖气不热",
                    now.minus(Duration.ofMinutes(70 - i * 20)), now.minus(Duration.ofMinutes(60 - i * 20))),
                    now.minus(Duration.ofMinutes(60 - i * 20)));
            desk.accept(household.id(), household.version(), agent, now.minus(Duration.ofMinutes(58 - i * 20)));
        }

        // handled to completion today, waiting for the callback
        Case done = desk.registerByAgent(new RegisterCommand(Channel.WALK_IN, Category.COMPLAINT, false, "SERVICE",
                "吴刚", "13644445555", "东城区建设路20号和平小区5号楼2单元402室", "维修人员上门态度差", now.minus(Duration.ofHours(6)),
                now.minus(Duration.ofHours(5)), null), agent, now.minus(Duration.ofHours(5)));
        done = desk.dispatch(done.id(), done.version(), agent, now.minus(Duration.ofHours(5)).plusSeconds(240), unit,
                steward.code());
        done = desk.contact(done.id(), done.version(), handler, now.minus(Duration.ofHours(4)));
        done = desk.giveSolution(done.id(), done.version(), handler, now.minus(Duration.ofHours(3)), "班长上门致歉并重新检修");
        desk.complete(done.id(), done.version(), handler, now.minus(Duration.ofHours(2)), true);
        // an unsatisfied evaluation waiting for its review
        Case unhappy = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "郑洁", "13555556666", "西城区光明街10号电力宿舍4号楼2单元201室", "室温不达标", now.minus(Duration.ofHours(21)),
                now.minus(Duration.ofHours(20)), null), agent, now.minus(Duration.ofHours(20)));
        unhappy = desk.dispatch(unhappy.id(), unhappy.version(), agent, now.minus(Duration.ofHours(20)).plusSeconds(120),
                unit, steward.code());
        unhappy = desk.contact(unhappy.id(), unhappy.version(), handler, now.minus(Duration.ofHours(19)));
        unhappy = desk.giveSolution(unhappy.id(), unhappy.version(), handler, now.minus(Duration.ofHours(12)), "调整入户阀门");
        unhappy = desk.complete(unhappy.id(), unhappy.version(), handler, now.minus(Duration.ofHours(10)), false);
        desk.evaluate(unhappy.id(), unhappy.version(), agent, now.minus(Duration.ofHours(2)), EvaluationLevel.UNSATISFIED,
                EvaluationChannel.PHONE, "温度还是不够", false);
        // withdrawn by the citizen
        Case withdrawn = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.SUGGESTION, false, "OTHER",
                "冯涛", "13466667777", "东城区建设路30号和平小区9号楼1单元101室", "建议延长客服热线时间", now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(3)), null), agent, now.minus(Duration.ofHours(3)));
        desk.withdraw(withdrawn.id(), withdrawn.version(), agent, now.minus(Duration.ofHours(2)), "用户来电撤回");
    }

    /**
     * The loops the desk closes: complaints confirmed and not confirmed by the citizen, a complex case accepted on
     * site, callbacks that did not reach the citizen (one still in the queue, one out of it), a consultation waiting
     * for its follow-up window and one followed up, a repeat complaint linked at intake.
     */
    private void loopCases(Instant now, Account agent, Account handler, Staff steward) {
        String unit = steward.unit();
        // confirmed by the citizen in the callback
        Case confirmed = handled(agent, handler, unit, steward, now.minus(Duration.ofHours(50)), false, "TEMPERATURE",
                "陈红", "13512340001", "东城区建设路16号和平小区4号楼1单元301室", "卧室温度只有16度", "排气后复测室温21度");
        desk.evaluate(confirmed.id(), confirmed.version(), agent, now.minus(Duration.ofHours(20)),
                EvaluationLevel.SATISFIED, EvaluationChannel.PHONE, "现在暖和了,谢谢", true);
        // not confirmed: the handler thought it resolved, the citizen did not
        Case denied = handled(agent, handler, unit, steward, now.minus(Duration.ofHours(52)), false, "TEMPERATURE",
                "林涛", "13512340002", "东城区建设路18号和平小区6号楼2单元502室", "客厅暖气片上热下凉", "清洗暖气片");
        desk.evaluate(denied.id(), denied.version(), agent, now.minus(Duration.ofHours(21)), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, "好一点了,但还是偏凉", false);
        // a complex case whose rectification the citizen accepted on site
        Case complex = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, true, "OUTAGE",
                "何静", "13512340003", "东城区建设路22号和平小区8号楼", "整栋楼供回水管老化漏水,需更换",
                now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(4)), null), agent, now.minus(Duration.ofDays(4)));
        complex = desk.dispatch(complex.id(), complex.version(), agent, now.minus(Duration.ofDays(4)).plusSeconds(300),
                unit, steward.code());
        complex = desk.contact(complex.id(), complex.version(), handler, now.minus(Duration.ofDays(4)).plusSeconds(3600));
        complex = desk.survey(complex.id(), complex.version(), handler, now.minus(Duration.ofDays(4)).plusSeconds(7200));
        complex = desk.giveSolution(complex.id(), complex.version(), handler, now.minus(Duration.ofDays(3)),
                "分两天更换8号楼供回水立管,期间临时供热");
        desk.completeAccepted(complex.id(), complex.version(), handler, now.minus(Duration.ofDays(1)), true);
        // callbacks that did not reach the citizen: one attempt (due again now), and three (out of the queue)
        Case once = handled(agent, handler, unit, steward, now.minus(Duration.ofHours(14)), false, "BILLING",
                "黄磊", "13512340004", "西城区光明街12号电力宿舍5号楼101室", "本月采暖费多扣", "核实后退还多扣费用");
        attempts.record(once.id(), once.version(), agent, now.minus(Duration.ofHours(5)), CallbackOutcome.NO_ANSWER,
                now);
        Case thrice = handled(agent, handler, unit, steward, now.minus(Duration.ofHours(40)), false, "LEAK",
                "宋佳", "13512340005", "西城区光明街14号电力宿舍7号楼202室", "阀门滴水", "更换阀门垫片");
        attempts.record(thrice.id(), thrice.version(), agent, now.minus(Duration.ofHours(26)), CallbackOutcome.NO_ANSWER,
                now);
        attempts.record(thrice.id(), thrice.version(), agent, now.minus(Duration.ofHours(21)),
                CallbackOutcome.POWERED_OFF, now);
        attempts.record(thrice.id(), thrice.version(), agent, now.minus(Duration.ofHours(16)), CallbackOutcome.NO_ANSWER,
                now);
        // a consultation answered on the spot: resolved if no follow-up comes within the window
        Case asked = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "BILLING",
                "唐敏", "13512340006", "东城区建设路26号和平小区10号楼301室", "询问低保户采暖费减免办法",
                null, now.minus(Duration.ofDays(2)), null), agent, now.minus(Duration.ofDays(2)));
        desk.answerOnTheSpot(asked.id(), asked.version(), agent, now.minus(Duration.ofDays(2)).plusSeconds(240),
                "持低保证到营业厅办理,减免30%");
        // a consultation the citizen asked again about: not resolved, the two cases linked
        Case first = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "METERING",
                "曹亮", "13512340007", "东城区建设路28号和平小区12号楼402室", "热计量表读数看不懂", null,
                now.minus(Duration.ofDays(3)), null), agent, now.minus(Duration.ofDays(3)));
        desk.answerOnTheSpot(first.id(), first.version(), agent, now.minus(Duration.ofDays(3)).plusSeconds(300),
                "读数单位为千瓦时,按月累计");
        desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "METERING", "曹亮",
                "13512340007", "东城区建设路28号和平小区12号楼402室", "仍不清楚本月热量怎么计算", null,
                now.minus(Duration.ofHours(3)), null), agent, now.minus(Duration.ofHours(3)));
        // a repeat complaint, linked to the earlier one at intake
        Case earlier = handled(agent, handler, unit, steward, now.minus(Duration.ofDays(6)), false, "TEMPERATURE",
                "邓强", "13512340008", "东城区建设路30号和平小区14号楼201室", "室温不达标", "调节楼栋平衡阀");
        desk.evaluate(earlier.id(), earlier.version(), agent, now.minus(Duration.ofDays(5)), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, "稍有改善", false);
        desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE", "邓强",
                "13512340008", "东城区建设路30号和平小区14号楼201室", "室温又降到15度", null,
                now.minus(Duration.ofHours(1)), null), agent, now.minus(Duration.ofHours(1)), earlier.caseNo());
    }

    /**
     * An outage of the steward's station two hours ago, announced at once for the station and a community of its
     * area; its complex case contacted by the station, and eight callers answered from the announcement since.
     */
    private void outage(Instant now, Account agent, Account handler, Staff steward, List<Unit> units) {
        Unit station = stationOf(steward.unit(), units);
        Instant start = now.minus(Duration.ofMinutes(130));
        Instant posted = now.minus(Duration.ofMinutes(120));
        java.time.format.DateTimeFormatter input = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .withZone(zone);
        Announcement a = announcements.post(new Announcements.Command(List.of(station.code()),
                List.of("锦绣花园小区", "建设路40号"), "一次网主管道爆管,正在抢修", input.format(start),
                input.format(now.plus(Duration.ofHours(4))), station.code(), null, "抢修队已到场,正在排水"), agent, posted);
        Case complex = desk.find(a.caseId()).orElseThrow();
        desk.contact(complex.id(), complex.version(), handler, posted.plus(Duration.ofMinutes(25)));
        String[] names = {"刘洋", "陈静", "杨帆", "赵丽", "黄伟", "周婷", "吴磊", "徐敏"};
        for (int i = 0; i < names.length; i++) {
            Instant at = posted.plus(Duration.ofMinutes(6 + i * 14L));
            String address = i % 3 == 2 ? "东城区建设路40号" + (i + 1) + "号楼" + (i % 2 + 1) + "单元" + (301 + i) + "室"
                    : "东城区锦绣花园小区" + (i + 3) + "栋" + (i % 2 + 1) + "单元" + (101 + i * 100) + "室";
            announcements.answer(a.id(), new RegisterCommand(Channel.HOTLINE, i == 4 ? Category.COMPLAINT
                            : Category.CONSULTATION, false, "OUTAGE", names[i], "1381234" + (5600 + i), address,
                    i == 4 ? "家里已经冷了两个小时,老人受不了" : "暖气突然不热了,什么时候恢复", start.plus(Duration.ofMinutes(5)), at,
                    null), agent, at, null);
        }
    }

    /** The station a unit is or lies under, else the first station. */
    private static Unit stationOf(String unit, List<Unit> units) {
        java.util.Map<String, Unit> byCode = new java.util.HashMap<>();
        units.forEach(u -> byCode.put(u.code(), u));
        Unit at = byCode.get(unit);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (at != null && seen.add(at.code())) {
            if (at.kind() == UnitKind.STATION) {
                return at;
            }
            at = at.parent() == null ? null : byCode.get(at.parent());
        }
        return units.stream().filter(u -> u.kind() == UnitKind.STATION).findFirst().orElseThrow();
    }

    /** A hotline case registered at {@code at}, dispatched, contacted, answered and completed within ten hours. */
    private Case handled(Account agent, Account handler, String unit, Staff steward, Instant at, boolean complex,
                         String topic, String name, String phone, String address, String demand, String solution) {
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, complex, topic, name,
                phone, address, demand, at.minusSeconds(600), at, null), agent, at);
        c = desk.dispatch(c.id(), c.version(), agent, at.plusSeconds(300), unit, steward.code());
        c = desk.contact(c.id(), c.version(), handler, at.plus(Duration.ofHours(1)));
        c = desk.giveSolution(c.id(), c.version(), handler, at.plus(Duration.ofHours(4)), solution);
        return desk.complete(c.id(), c.version(), handler, at.plus(Duration.ofHours(8)), true);
    }

    /**
     * Whether a generated case is consistent (the generator also makes a tail of damaged rows, to test the engine):
     * no milestone before its submission, no evaluation before its completion, no review before its dissatisfied
     * evaluation. The demo loads only consistent cases, so that its assessments carry no warnings of its own making.
     */
    static boolean consistent(CaseRecord c) {
        Instant submitted = c.get(SUBMITTED_AT);
        for (var column : List.of(ACCEPTED_AT, DISPATCHED_AT, CONTACTED_AT, SURVEYED_AT, SOLUTION_AT, COMPLETED_AT,
                EVALUATED_AT)) {
            if (c.get(column) != null && c.get(column).isBefore(submitted)) {
                return false;
            }
        }
        if (c.get(EVALUATED_AT) != null && c.get(COMPLETED_AT) != null
                && c.get(EVALUATED_AT).isBefore(c.get(COMPLETED_AT))) {
            return false;
        }
        Instant unsatisfied = c.get(UNSATISFIED_AT) != null ? c.get(UNSATISFIED_AT)
                : c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? c.get(EVALUATED_AT) : null;
        return unsatisfied == null || c.get(REVIEWED_AT) == null || !c.get(REVIEWED_AT).isBefore(unsatisfied);
    }

    /** The branch above a unit (the unit itself when it is one), or the first branch when there is none above. */
    private static Unit branchOf(String unit, List<Unit> units) {
        java.util.Map<String, Unit> byCode = new java.util.HashMap<>();
        units.forEach(u -> byCode.put(u.code(), u));
        Unit at = byCode.get(unit);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (at != null && seen.add(at.code())) {
            if (at.kind() == UnitKind.BRANCH) {
                return at;
            }
            at = at.parent() == null ? null : byCode.get(at.parent());
        }
        return units.stream().filter(u -> u.kind() == UnitKind.BRANCH).findFirst().orElseThrow();
    }

    /** A made-up photo (a wall with a damp patch) added to a demo case by the citizen. */
    private void photo(Case c, String name, Instant at) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(800, 600,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(236, 232, 222), 800, 600,
                new java.awt.Color(214, 208, 196)));
        g.fillRect(0, 0, 800, 600);
        g.setColor(new java.awt.Color(150, 130, 95, 170));
        g.fillOval(280, 40, 300, 420);
        g.setColor(new java.awt.Color(120, 100, 70, 200));
        g.fillOval(360, 120, 140, 260);
        g.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", jpeg);
            try (CaseAttachments.Prepared p = attachments.prepare(new java.io.ByteArrayInputStream(jpeg.toByteArray()),
                    name, org.warmline.files.FileKind.PHOTOS)) {
                attachments.add(c.id(), p, CaseDesk.CITIZEN, true, at);
            }
        } catch (java.io.IOException | org.warmline.files.FileRefused e) {
            log.warn("--demo: no photo for {}: {}", c.caseNo(), e.toString());
        }
    }

    private Account account(List<String[]> lines, String username, Role role, String staff, String unit) {
        Optional<Account> existing = accounts.find(username);
        String password = password();
        Account account;
        if (existing.isPresent()) {
            accounts.setPassword(username, password);
            account = existing.get();
        } else {
            account = accounts.create(username, password, role, staff, unit);
        }
        String token = accounts.newApiToken(username);
        lines.add(new String[] {role.name(), username, password, token});
        return account;
    }

    private String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static Staff first(List<Staff> staff, Post post) {
        return staff.stream().filter(s -> s.post() == post).findFirst().orElseThrow();
    }

    private void write(List<String[]> lines) {
        StringBuilder csv = new StringBuilder("role,username,password,token\n");
        for (String[] line : lines) {
            csv.append(String.join(",", line)).append('\n');
        }
        try {
            if (accountsFile.getParent() != null) {
                Files.createDirectories(accountsFile.getParent());
            }
            Files.writeString(accountsFile, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + accountsFile, e);
        }
    }
}
