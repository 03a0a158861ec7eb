package org.warmline.assessing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseFact;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.CaseState;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Training;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;
import org.warmline.ledger.LedgerReader;
import org.warmline.ledger.LedgerWriter;
import org.warmline.organization.OrganizationChecks;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.reporting.XlsxReport;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * The Excel round trip (台账导入导出): the desk's data set written as a ledger workbook in the layout of
 * docs/ledger.md (everything, or one period's cases with the organisation and every manual record), results written by
 * {@link XlsxReport}, and a ledger workbook imported into the desk all-or-nothing (one transaction: units and staff,
 * new cases, stored cases updated fact by fact with their history, manual records) with the command's
 * FILE:ROW:COLUMN problem list in the user's language, after a preview of what it would do. Its units and staff pass
 * the same {@link OrganizationChecks} as {@code /admin/import}.
 */
@Service
public class LedgerTransfer {

    private final LiveAssessment live;
    private final OrganizationStore organization;
    private final OrganizationChecks organizationChecks;
    private final CaseLedgerStore cases;
    private final CaseDesk desk;
    private final ManualRecords records;
    private final TransactionTemplate transaction;
    private final MessageSource messages;

    public LedgerTransfer(LiveAssessment live, OrganizationStore organization, OrganizationChecks organizationChecks,
                          CaseLedgerStore cases, CaseDesk desk, ManualRecords records,
                          PlatformTransactionManager transactions, MessageSource messages) {
        this.live = live;
        this.organization = organization;
        this.organizationChecks = organizationChecks;
        this.cases = cases;
        this.desk = desk;
        this.records = records;
        this.transaction = new TransactionTemplate(transactions);
        this.messages = messages;
    }

    /** Who may export the ledger (it holds citizens' names and phones) and import one: ADMIN and ASSESSOR. */
    static boolean mayTransfer(Account account) {
        return account.role() == Role.ADMIN || account.role() == Role.ASSESSOR;
    }

    /** The data set an export writes: everything, or (period given) what the period's assessment reads. */
    public DataSet exported(Period period) {
        return period == null ? live.everything() : live.dataSet(period);
    }

    /** Writes the ledger workbook of {@link #exported(Period)} to the stream. */
    public void exportLedger(Period period, OutputStream out) {
        DataSet data = exported(period);
        ZoneId zone = live.zone();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("warmline-export");
            Path file = dir.resolve("ledger.xlsx");
            new LedgerWriter(zone).writeXlsx(data, file);
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** Writes a result as the command's {@code --format xlsx} does. */
    public static void exportResult(AssessmentResult result, OutputStream out, Locale locale) {
        exportResult(result, out, locale, List.of());
    }

    /** As {@link #exportResult(AssessmentResult, OutputStream, Locale)}, with notes in the summary sheet. */
    public static void exportResult(AssessmentResult result, OutputStream out, Locale locale,
                                    List<XlsxReport.Note> notes) {
        XlsxReport.write(result, out, LiveAssessment.language(locale), notes);
    }

    /** One fact of a case that an import changes: the ledger column, its value before and after, as text. */
    public record FieldChange(String field, String before, String after) {
    }

    /** A stored case that an import changes, with the workbook's row and the changed facts. */
    public record ChangedCase(String caseNo, int row, List<FieldChange> changes) {
    }

    /**
     * What an import of a workbook does (a dry run, {@code applied} false) or did: the cases it creates (new case
     * numbers), the stored cases it changes with their changed facts, how many it leaves as they are, the units and
     * staff it writes (new or updated), and the manual records it adds; manual records already stored as they are in
     * the workbook (an exported ledger imported again) are not added twice.
     */
    public record ImportPlan(String file, boolean applied, int created, int updated, int unchanged,
                             List<String> newCases, List<ChangedCase> changedCases, int units, int staff,
                             int manualRecords, int manualRecordsKnown) {

        ImportPlan asApplied() {
            return new ImportPlan(file, true, created, updated, unchanged, newCases, changedCases, units, staff,
                    manualRecords, manualRecordsKnown);
        }

        /** A fingerprint of what the import would do, to tell whether the data changed since a preview. */
        public String fingerprint() {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(asApplied().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The desk's data changed between a preview and its confirmation: nothing was imported; here is the new plan. */
    public static final class PlanChanged extends RuntimeException {
        private final transient ImportPlan plan;

        PlanChanged(ImportPlan plan) {
            super("the desk's data changed since the preview");
            this.plan = plan;
        }

        public ImportPlan plan() {
            return plan;
        }
    }

    /**
     * What importing a ledger workbook (.xlsx) would do, without changing anything (the page's preview, the API's
     * {@code dryRun}).
     *
     * @param name the uploaded file's name, as the problems name the file
     * @throws LedgerException with the problems (FILE[table]:ROW:COLUMN: message, in the locale's language)
     */
    public ImportPlan previewImport(InputStream workbook, String name, Locale locale) {
        return withFile(workbook, name, file -> {
            Locale language = LiveAssessment.language(locale);
            Reading reading = read(file, language);
            List<LedgerProblem> problems = new ArrayList<>(organizationChecks.againstStored(
                    file.getFileName().toString(), reading.data.units(), reading.data.staff(), language));
            problems.addAll(reading.problems);
            if (!problems.isEmpty()) {
                throw new LedgerException(problems);
            }
            return reading.plan;
        });
    }

    /**
     * Imports a ledger workbook (.xlsx), all of it or nothing, in one transaction: units and staff written, new cases
     * created, stored cases updated fact by fact (each change a line of the case's history, action {@code IMPORT},
     * by the importer, the file's name as note; clocks and state follow the facts), manual records added unless
     * already stored.
     *
     * @param expected the fingerprint of the plan previewed and confirmed, or null; when the plan differs now (the
     *                 desk's data changed since), nothing is imported and {@link PlanChanged} carries the new plan
     * @throws LedgerException with the problems (FILE[table]:ROW:COLUMN: message, in the locale's language)
     */
    public ImportPlan importLedger(InputStream workbook, String name, Locale locale, Account by, Instant now,
                                   String expected) {
        return withFile(workbook, name, file -> {
            Locale language = LiveAssessment.language(locale);
            String fileName = file.getFileName().toString();
            return transaction.execute(status -> {
                Reading reading = read(file, language);
                // the organisation checks of /admin/import, in the transaction that saves (a refusal rolls it back)
                List<LedgerProblem> problems = new ArrayList<>(organizationChecks.againstStored(fileName,
                        reading.data.units(), reading.data.staff(), language));
                problems.addAll(reading.problems);
                if (!problems.isEmpty()) {
                    throw new LedgerException(problems);
                }
                if (expected != null && !expected.equals(reading.plan.fingerprint())) {
                    throw new PlanChanged(reading.plan);
                }
                organization.saveAll(reading.data.units(), reading.data.staff());
                cases.importCases(reading.created);
                for (Map.Entry<String, List<CaseFact.Change>> e : reading.changes.entrySet()) {
                    desk.changeFactsOfCurrent(e.getKey(), by, now, Case.Action.IMPORT, fileName, e.getValue());
                }
                records.importAll(reading.regulations, reading.trainings, reading.outages, reading.tasks,
                        reading.adjustments, by.username(), now);
                return reading.plan.asApplied();
            });
        });
    }

    /** A workbook read and compared with the desk: the plan and what it takes to carry it out. */
    private record Reading(DataSet data, ImportPlan plan, List<LedgerProblem> problems, List<CaseRecord> created,
                           Map<String, List<CaseFact.Change>> changes, List<Regulation> regulations,
                           List<Training> trainings, List<Outage> outages, List<SpecialTask> tasks,
                           List<Adjustment> adjustments) {
    }

    private Reading read(Path file, Locale language) {
        String fileName = file.getFileName().toString();
        DataSet data = new LedgerReader(live.currentScheme(), language).read(file).data();
        Map<String, Case> stored = desk.findByCaseNos(data.cases().stream().map(CaseRecord::caseNo).toList());
        List<LedgerProblem> problems = new ArrayList<>();
        List<CaseRecord> created = new ArrayList<>();
        Map<String, List<CaseFact.Change>> changes = new LinkedHashMap<>();
        List<ChangedCase> changed = new ArrayList<>();
        int unchanged = 0;
        ValueText text = new ValueText(live.zone(), language);
        for (CaseRecord c : data.cases()) {
            Case current = stored.get(c.caseNo());
            if (current == null) {
                created.add(c);
                continue;
            }
            if (current.state() == CaseState.WITHDRAWN) {
                problems.add(new LedgerProblem(fileName + "[cases]", c.row(), "case_no", messages.getMessage(
                        "assessing.import.caseWithdrawn", new Object[] {c.caseNo()}, language)));
                continue;
            }
            List<CaseFact.Change> differences = CaseFact.differences(current, c);
            if (differences.isEmpty()) {
                unchanged++;
                continue;
            }
            changes.put(c.caseNo(), differences);
            changed.add(new ChangedCase(c.caseNo(), c.row(), differences.stream()
                    .map(d -> new FieldChange(d.fact().name(), text.of(current.get(d.fact())), text.of(d.value())))
                    .toList()));
        }
        List<Regulation> regulations = notStored(data.regulations(), records.regulations(), r -> r);
        List<Training> trainings = notStored(data.trainings(), records.trainings(), t -> t);
        List<Outage> outages = notStored(data.outages(), records.outages(),
                o -> Arrays.asList(o.channel(), o.unit(), o.startedAt(), o.backupStartedAt()));
        List<SpecialTask> tasks = notStored(data.tasks(), records.tasks(), t -> t);
        List<Adjustment> adjustments = notStored(data.adjustments(), records.adjustments(),
                a -> Arrays.asList(a.subject(), a.period(), a.item(), a.points(), a.reason(), a.assessor()));
        int manual = regulations.size() + trainings.size() + outages.size() + tasks.size() + adjustments.size();
        int all = data.regulations().size() + data.trainings().size() + data.outages().size() + data.tasks().size()
                + data.adjustments().size();
        ImportPlan plan = new ImportPlan(fileName, false, created.size(), changed.size(), unchanged,
                created.stream().map(CaseRecord::caseNo).toList(), List.copyOf(changed), data.units().size(),
                data.staff().size(), manual, all - manual);
        return new Reading(data, plan, problems, created, changes, regulations, trainings, outages, tasks,
                adjustments);
    }

    /**
     * The records of {@code incoming} that are not stored already (compared by {@code key}; each stored record answers
     * for one incoming record, so a record that the workbook holds twice and the desk once is added once more).
     */
    private static <T> List<T> notStored(List<T> incoming, List<T> stored, Function<T, Object> key) {
        Map<Object, Integer> counts = new HashMap<>();
        stored.forEach(r -> counts.merge(key.apply(r), 1, Integer::sum));
        List<T> result = new ArrayList<>();
        for (T r : incoming) {
            Integer left = counts.get(key.apply(r));
            if (left != null && left > 0) {
                counts.put(key.apply(r), left - 1);
            } else {
                result.add(r);
            }
        }
        return result;
    }

    /** A value of a case's fact as the preview shows it: instants as the ledger writes them, codes in the language. */
    private record ValueText(java.time.ZoneId zone, Locale language) {

        private static final java.time.format.DateTimeFormatter SECONDS =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        private static final java.time.format.DateTimeFormatter MILLIS =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

        String of(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof Instant i) {
                var local = i.atZone(zone);
                return (i.toEpochMilli() % 1000 == 0 ? SECONDS : MILLIS).format(local);
            }
            boolean chinese = !"en".equals(language.getLanguage());
            if (value instanceof Boolean b) {
                return chinese ? (b ? "是" : "否") : b.toString();
            }
            if (value instanceof org.warmline.ledger.Coded coded) {
                return chinese ? coded.chinese() : coded.name();
            }
            return value.toString();
        }
    }

    private interface FileWork<T> {
        T with(Path file) throws IOException;
    }

    /** Copies the upload to a temporary file for the reader, and removes it afterwards. */
    private static <T> T withFile(InputStream workbook, String name, FileWork<T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("warmline-import");
            Path file = dir.resolve(safeName(name));
            Files.copy(workbook, file);
            return work.with(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** The uploaded file's own name, without any folder, safe as a file name, ending in .xlsx. */
    static String safeName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}:*?\"<>|\\[\\]]", "_").trim();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "ledger" + name;
        }
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? name : name + ".xlsx";
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
