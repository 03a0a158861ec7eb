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
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.ledger.CaseRecord;
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
 * spec/ledger.md (everything, or one period's cases with the organisation and every manual record), results written by
 * {@link XlsxReport}, and a ledger workbook imported into the desk all-or-nothing (one transaction: units and staff,
 * cases, manual records) with the command's FILE:ROW:COLUMN problem list in the user's language. Its units and staff
 * pass the same {@link OrganizationChecks} as {@code /admin/import}.
 */
@Service
public class LedgerTransfer {

    private final LiveAssessment live;
    private final OrganizationStore organization;
    private final OrganizationChecks organizationChecks;
    private final CaseLedgerStore cases;
    private final ManualRecords records;
    private final TransactionTemplate transaction;
    private final MessageSource messages;

    public LedgerTransfer(LiveAssessment live, OrganizationStore organization, OrganizationChecks organizationChecks,
                          CaseLedgerStore cases, ManualRecords records, PlatformTransactionManager transactions,
                          MessageSource messages) {
        this.live = live;
        this.organization = organization;
        this.organizationChecks = organizationChecks;
        this.cases = cases;
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

    /** What an import added. */
    public record Imported(int units, int staff, int cases, int manualRecords) {
    }

    /**
     * Imports a ledger workbook (.xlsx): all of it or nothing.
     *
     * @param name the uploaded file's name, as the problems name the file
     * @throws LedgerException with the problems (FILE[table]:ROW:COLUMN: message, in the locale's language)
     */
    public Imported importLedger(InputStream workbook, String name, Locale locale, Account by, Instant now) {
        Locale language = LiveAssessment.language(locale);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("warmline-import");
            Path file = dir.resolve(safeName(name));
            Files.copy(workbook, file);
            DataSet data = new LedgerReader(live.currentScheme(), language).read(file).data();
            List<LedgerProblem> problems = new ArrayList<>();
            Set<String> taken = cases.taken(data.cases().stream().map(CaseRecord::caseNo).toList());
            for (CaseRecord c : data.cases()) {
                if (taken.contains(c.caseNo())) {
                    problems.add(new LedgerProblem(file.getFileName() + "[cases]", c.row(), "case_no",
                            messages.getMessage("assessing.import.caseTaken", new Object[] {c.caseNo()}, language)));
                }
            }
            if (!problems.isEmpty()) {
                throw new LedgerException(problems);
            }
            transaction.executeWithoutResult(status -> {
                // the organisation checks of /admin/import, in the transaction that saves (a refusal rolls it back)
                List<LedgerProblem> organizationProblems = organizationChecks.againstStored(
                        file.getFileName().toString(), data.units(), data.staff(), language);
                if (!organizationProblems.isEmpty()) {
                    throw new LedgerException(organizationProblems);
                }
                organization.saveAll(data.units(), data.staff());
                cases.importCases(data.cases());
                records.importAll(data.regulations(), data.trainings(), data.outages(), data.tasks(),
                        data.adjustments(), by.username(), now);
            });
            return new Imported(data.units().size(), data.staff().size(), data.cases().size(),
                    data.regulations().size() + data.trainings().size() + data.outages().size() + data.tasks().size()
                            + data.adjustments().size());
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
