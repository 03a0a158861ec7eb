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
import org.warmline.cases.Case;
import org.warmline.cases.CaseAttachments;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.RegisterCommand;
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

/**
 * Loads the demo company when the server is started with {@code --demo} and the database has no cases yet: the
 * generated organisation and this year's cases up to yesterday (imported as a ledger), one account per role, and a
 * few cases typed in through the desk just now — green, amber and red clocks, and a cluster of three households of one
 * building. Prints the accounts and writes {@code demo-accounts.csv} (role, username, password, token).
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
    private final ZoneId zone;
    private final Path accountsFile;
    private final SecureRandom random = new SecureRandom();

    DemoLoader(OrganizationStore organization, CaseLedgerStore ledger, CaseDesk desk, ManualRecords records,
               AccountStore accounts, Scheme scheme, @Value("${warmline.demo.accounts-file:./data/demo-accounts.csv}") String accountsFile,
               CaseAttachments attachments) {
        this.attachments = attachments;
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
                .filter(c -> c.submittedAt() < yesterday.toEpochMilli())
                .filter(c -> c.completedAt() == Long.MIN_VALUE || c.completedAt() < yesterday.toEpochMilli())
                .toList();
        organization.saveAll(data.units(), data.staff());
        ledger.importCases(past);
        records.importAll(data.regulations(), data.trainings(), data.outages(), data.tasks(), data.adjustments(),
                "demo", now);

        List<String[]> lines = new ArrayList<>();
        Staff agent = first(data.staff(), Post.AGENT);
        Staff steward = first(data.staff(), Post.STEWARD);
        Unit branch = data.units().stream().filter(u -> u.kind() == UnitKind.BRANCH).findFirst().orElseThrow();
        Account agentAccount = account(lines, "agent", Role.AGENT, agent.code(), agent.unit());
        account(lines, "assessor", Role.ASSESSOR, null, null);
        account(lines, "manager", Role.UNIT_MANAGER, null, branch.code());
        Account handler = account(lines, "handler", Role.HANDLER, steward.code(), steward.unit());
        account(lines, "demo-admin", Role.ADMIN, null, null);

        liveCases(now, agentAccount, handler, steward);
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
        // red acceptance: an online case nobody has taken for 50 minutes
        desk.registerOnline(new OnlineCommand("demo-online-1", Channel.WECHAT, null, Category.COMPLAINT, false,
                "TEMPERATURE", "孙丽", "13822223333", "西城区光明街8号电力宿舍2号楼301室", "室温只有14度,老人受不了",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(50))), now.minus(Duration.ofMinutes(50)));
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
            desk.registerOnline(new OnlineCommand("demo-cluster-" + i, i == 1 ? Channel.APP : Channel.WECHAT, null,
                    Category.COMPLAINT, false, "TEMPERATURE", new String[] {"李强", "王芳", "赵磊"}[i],
                    "1360000" + (1000 + i * 111), "东城区幸福路175号春天花园小区15号楼" + (i + 1) + "单元" + (201 + i * 100) + "室",
                    "整栋楼暖气不热", now.minus(Duration.ofMinutes(70 - i * 20)), now.minus(Duration.ofMinutes(60 - i * 20))),
                    now.minus(Duration.ofMinutes(60 - i * 20)));
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
                EvaluationChannel.PHONE, "温度还是不够");
        // withdrawn by the citizen
        Case withdrawn = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.SUGGESTION, false, "OTHER",
                "冯涛", "13466667777", "东城区建设路30号和平小区9号楼1单元101室", "建议延长客服热线时间", now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(3)), null), agent, now.minus(Duration.ofHours(3)));
        desk.withdraw(withdrawn.id(), withdrawn.version(), agent, now.minus(Duration.ofHours(2)), "用户来电撤回");
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
