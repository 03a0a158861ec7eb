package org.warmline.assessing;

import java.time.Instant;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.ledger.LedgerException;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.ApiLocale;

/**
 * The assessment office's REST API: the live result of a period in exactly the JSON of {@code warmline assess}
 * (restricted to the caller's subjects and to the warnings about cases in the caller's scope), a period's published
 * result (restricted alike), and the ledger's export and import.
 */
@RestController
@Tag(name = "assessments")
class AssessmentApi {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final LiveAssessment live;
    private final Publications publications;
    private final LedgerTransfer transfer;
    private final Viewers viewers;
    private final CurrentUser currentUser;

    AssessmentApi(LiveAssessment live, Publications publications, LedgerTransfer transfer, Viewers viewers,
                  CurrentUser currentUser) {
        this.live = live;
        this.publications = publications;
        this.transfer = transfer;
        this.viewers = viewers;
        this.currentUser = currentUser;
    }

    @GetMapping(value = "/api/assessments/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The live assessment of a period (2026-01, 2026-Q1 or 2026) as of asOf (default now), "
            + "in the JSON of `warmline assess`; a unit manager gets the subjects of their subtree only")
    ResponseEntity<byte[]> assess(@PathVariable String period, @RequestParam(required = false) String asOf,
                                  HttpServletRequest request) {
        Account account = viewer();
        Period p = live.period(period);
        Instant at = live.asOf(asOf, Instant.now());
        AssessmentResult result = viewers.visible(account, live.assess(p, at, ApiLocale.of(request)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LiveAssessment.json(result));
    }

    @GetMapping(value = "/api/assessments/{period}/published", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A period's published (frozen) result, its latest version, in the JSON of `warmline assess`")
    ResponseEntity<byte[]> published(@PathVariable String period, HttpServletRequest request) {
        Account account = viewer();
        Period p = live.period(period);
        Publication publication = publications.latest(p.label())
                .orElseThrow(() -> new AssessmentRefused(404, "assessing.error.notPublished", "period", p.label()));
        byte[] json = publication.jsonBytes(ApiLocale.of(request));
        if (!Viewers.seesAll(account)) {
            json = ResultDocument.write(viewers.visible(account, ResultDocument.parse(json)));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Warmline-Publication-Version", Integer.toString(publication.version())).body(json);
    }

    @GetMapping("/api/ledger/export")
    @Operation(summary = "The desk's data set as a ledger workbook (docs/ledger.md): everything, or with period the "
            + "cases submitted in it (and the complaints of the repeat window before it) with all other records")
    void export(@RequestParam(required = false) String period, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        Account account = currentUser.required();
        if (!LedgerTransfer.mayTransfer(account)) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        Period p = period == null || period.isBlank() ? null : live.period(period);
        String name = "warmline-ledger" + (p == null ? "" : "-" + p.label()) + ".xlsx";
        response.setContentType(XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        transfer.exportLedger(p, response.getOutputStream());
    }

    @PostMapping(value = "/api/ledger/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Imports a ledger workbook (.xlsx) into the desk, all or nothing: new cases are created, stored "
            + "cases updated fact by fact (each change on the case's history), manual records already stored are not "
            + "added twice; with dryRun=true nothing changes and the answer says what the import would do; problems "
            + "as FILE:ROW:COLUMN")
    LedgerTransfer.ImportPlan importLedger(@RequestParam("file") MultipartFile file,
                                           @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                                           HttpServletRequest request) throws java.io.IOException {
        Account account = currentUser.required();
        if (!LedgerTransfer.mayTransfer(account)) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        if (file.isEmpty() || !file.getOriginalFilename().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new AssessmentRefused("assessing.import.notXlsx", "file");
        }
        try (var in = file.getInputStream()) {
            return dryRun ? transfer.previewImport(in, file.getOriginalFilename(), ApiLocale.of(request))
                    : transfer.importLedger(in, file.getOriginalFilename(), ApiLocale.of(request), account,
                            Instant.now(), null);
        } catch (LedgerException e) {
            throw new LedgerRefused(e);
        }
    }

    private Account viewer() {
        Account account = currentUser.required();
        if (!Viewers.mayView(account)) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        return account;
    }
}
