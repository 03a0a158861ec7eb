package org.warmline.cases;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;
import org.warmline.cases.CaseViews.CaseView;
import org.warmline.files.FileDownload;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.ledger.Category;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.OpenApiConfiguration;

/**
 * A case's files, notes, contact log and corrections under {@code /api/cases/{caseNo}}, with the pages' permissions:
 * out of the caller's scope 404, a role that may not act 403. Files are checked by content as on the pages (refused as
 * a 422 problem naming the reason; too large 413) and every download is a line in the case's history.
 */
@RestController
@RequestMapping("/api/cases/{caseNo}")
@Tag(name = "case work", description = "照片与附件、内部备注、联系记录、更正 / files, notes, contact log, corrections")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "401", description = "no or invalid token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "the account's role may not do this",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "no such case (or file) in the caller's scope",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CaseWorkApi {

    private static final String JSON = "application/json";

    /** A file of a case; {@code href} downloads it, {@code previewHref} (photos) its small JPEG preview. */
    record AttachmentView(long id, String fileName, FileKind kind, String mediaType, long size, String sha256,
                          Integer width, Integer height, boolean byCitizen, Instant addedAt, String addedBy,
                          String href, String previewHref) {
    }

    /** An internal note. */
    record NoteView(long id, Instant at, String author, String text) {
    }

    /** An attempt to reach the citizen. */
    record ContactView(long id, Instant at, String actor, ContactOutcome outcome, String remark) {
    }

    /** A new note. */
    record NewNote(@NotBlank @Size(max = Case.NOTE_MAX) @PlainText String text) {
    }

    /** A contact attempt; the case's version matters only when it is the first that reaches the citizen. */
    record NewContact(@NotNull Integer version, @NotNull ContactOutcome outcome,
                      @Size(max = Case.REMARK_MAX) @OneLine String remark) {
    }

    /**
     * A correction: the facts to change (absent or null: unchanged; an empty address or name: cleared) and the reason.
     */
    record Correction(@NotNull Integer version, @NotBlank @Size(max = 1000) @OneLine String reason,
                      Category category, @Size(max = 200) @OneLine String topic, Boolean complex,
                      @Size(max = 500) @OneLine String address, @Size(max = 100) @OneLine String citizenName,
                      @Size(max = 40) @PhoneNumber String citizenPhone) {
    }

    private final CaseDesk desk;
    private final CaseAccess access;
    private final CaseAttachments attachments;
    private final CaseViews views;
    private final CurrentUser currentUser;

    CaseWorkApi(CaseDesk desk, CaseAccess access, CaseAttachments attachments, CaseViews views,
                CurrentUser currentUser) {
        this.desk = desk;
        this.access = access;
        this.attachments = attachments;
        this.views = views;
        this.currentUser = currentUser;
    }

    // ---------------------------------------------------------------------------------------------- files

    @GetMapping(path = "/attachments", produces = JSON)
    @Operation(summary = "The case's files (photos and documents), in the order added")
    List<AttachmentView> attachments(@PathVariable String caseNo) {
        Case c = visible(caseNo);
        return attachments.of(c.id()).stream().map(a -> view(c, a)).toList();
    }

    @PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = JSON)
    @Operation(summary = "Add a file (multipart field `file`) (AGENT; UNIT_MANAGER, HANDLER in scope)",
            description = "Checked by content: JPEG, PNG, WebP, HEIC, PDF, Word, Excel or PowerPoint; at most "
                    + "warmline.attachments.max-size (10 MB) and warmline.attachments.max-per-case (20) files a case. "
                    + "Photos are kept without their location data. Refused files are a 422 problem (code = reason), "
                    + "a file too large 413, a case with its most files 409.")
    @ApiResponse(responseCode = "201", description = "kept (committed); Location is the file")
    ResponseEntity<AttachmentView> attach(@PathVariable String caseNo,
                                          @RequestParam(name = "file", required = false) MultipartFile file)
            throws FileRefused {
        Account me = currentUser.required();
        Case c = visible(caseNo);
        access.check(me, c, Case.Action.ATTACH);
        if (file == null || file.isEmpty()) {
            throw new FileRefused("files.refused.empty");
        }
        CaseAttachments.Attachment added;
        try (InputStream in = file.getInputStream();
             CaseAttachments.Prepared prepared = attachments.prepare(in, file.getOriginalFilename(), FileKind.ALL)) {
            added = attachments.add(c.id(), prepared, CaseDesk.actor(me), false, Instant.now());
        } catch (IOException e) {
            throw new FileRefused("files.refused.unreadable");
        }
        AttachmentView view = view(c, added);
        return ResponseEntity.created(URI.create(view.href())).body(view);
    }

    @GetMapping(path = "/attachments/{id}", produces = MediaType.ALL_VALUE)
    @Operation(summary = "Download a file (a line in the case's history)")
    void download(@PathVariable String caseNo, @PathVariable long id, HttpServletResponse response)
            throws IOException {
        Account me = currentUser.required();
        Case c = visible(caseNo);
        CaseAttachments.Attachment file = attachments.find(c.id(), id)
                .orElseThrow(() -> new CaseNotFound(caseNo + "/" + id));
        attachments.downloaded(file, me, Instant.now());
        FileDownload.headers(response, file.fileName(), file.kind(), file.size(), false);
        attachments.copyTo(file, false, response.getOutputStream());
    }

    @GetMapping(path = "/attachments/{id}/preview", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(summary = "A photo's small JPEG preview (at most 320 pixels a side)")
    void preview(@PathVariable String caseNo, @PathVariable long id, HttpServletResponse response)
            throws IOException {
        Case c = visible(caseNo);
        CaseAttachments.Attachment file = attachments.find(c.id(), id)
                .filter(CaseAttachments.Attachment::hasPreview)
                .orElseThrow(() -> new CaseNotFound(caseNo + "/" + id));
        FileDownload.headers(response, file.fileName(), file.kind(), -1, true);
        attachments.copyTo(file, true, response.getOutputStream());
    }

    // ---------------------------------------------------------------------------------------------- notes

    @GetMapping(path = "/notes", produces = JSON)
    @Operation(summary = "The case's internal notes, oldest first")
    List<NoteView> notes(@PathVariable String caseNo) {
        Case c = visible(caseNo);
        return desk.notes(c.id()).stream().map(CaseWorkApi::view).toList();
    }

    @PostMapping(path = "/notes", consumes = JSON, produces = JSON)
    @Operation(summary = "Add an internal note (AGENT; UNIT_MANAGER, HANDLER in scope); the version does not change")
    @ApiResponse(responseCode = "201", description = "the note")
    ResponseEntity<NoteView> note(@PathVariable String caseNo, @Valid @RequestBody NewNote body) {
        Account me = currentUser.required();
        Case c = visible(caseNo);
        access.check(me, c, Case.Action.NOTE);
        desk.note(c.id(), me, Instant.now(), body.text());
        List<CaseWorkLog.Note> notes = desk.notes(c.id());
        return ResponseEntity.status(201).body(view(notes.get(notes.size() - 1)));
    }

    // ---------------------------------------------------------------------------------------------- contact log

    @GetMapping(path = "/contacts", produces = JSON)
    @Operation(summary = "The case's contact log, oldest first")
    List<ContactView> contacts(@PathVariable String caseNo) {
        Case c = visible(caseNo);
        return desk.contacts(c.id()).stream().map(k -> new ContactView(k.id(), k.at(), k.actor(), k.outcome(),
                k.remark())).toList();
    }

    @PostMapping(path = "/contacts", consumes = JSON, produces = JSON)
    @Operation(summary = "Log an attempt to reach the citizen (UNIT_MANAGER, HANDLER)",
            description = "While dispatched, in progress or with a solution given. The first REACHED sets "
                    + "contactedAt (and moves a dispatched case to IN_PROGRESS) unless a contact was recorded; only "
                    + "then is the version checked (409 when stale).")
    ResponseEntity<CaseView> contact(@PathVariable String caseNo, @Valid @RequestBody NewContact body) {
        Account me = currentUser.required();
        Case c = visible(caseNo);
        access.check(me, c, Case.Action.CONTACT_ATTEMPT);
        Case after = desk.logContact(c.id(), body.version(), me, Instant.now(), body.outcome(), body.remark());
        return ResponseEntity.ok().eTag("\"" + after.version() + "\"").body(views.of(after, me, Instant.now()));
    }

    // ---------------------------------------------------------------------------------------------- corrections

    @PostMapping(path = "/correct", consumes = JSON, produces = JSON)
    @Operation(summary = "Correct the category, topic, complex flag, address, name or phone, with a reason "
            + "(AGENT; UNIT_MANAGER in scope)",
            description = "History lines before → after with the reason; clocks and deadline follow the corrected "
                    + "facts, as does the ledger export. A published period's result does not change.")
    ResponseEntity<CaseView> correct(@PathVariable String caseNo, @Valid @RequestBody Correction body) {
        Account me = currentUser.required();
        Case c = visible(caseNo);
        access.check(me, c, Case.Action.CORRECT);
        Map<CaseFact, Object> values = new EnumMap<>(CaseFact.class);
        put(values, CaseFact.CATEGORY, body.category());
        put(values, CaseFact.TOPIC, body.topic());
        put(values, CaseFact.COMPLEX, body.complex());
        put(values, CaseFact.ADDRESS, body.address());
        put(values, CaseFact.CITIZEN_NAME, body.citizenName());
        put(values, CaseFact.CITIZEN_PHONE, body.citizenPhone());
        Case after = desk.correct(c.id(), body.version(), me, Instant.now(), body.reason(), values);
        return ResponseEntity.ok().eTag("\"" + after.version() + "\"").body(views.of(after, me, Instant.now()));
    }

    private static void put(Map<CaseFact, Object> values, CaseFact fact, Object value) {
        if (value != null) {
            values.put(fact, value);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Case visible(String caseNo) {
        return access.find(currentUser.required(), caseNo).orElseThrow(() -> new CaseNotFound(caseNo));
    }

    private static AttachmentView view(Case c, CaseAttachments.Attachment a) {
        String href = "/api/cases/" + UriUtils.encodePathSegment(c.caseNo(), StandardCharsets.UTF_8)
                + "/attachments/" + a.id();
        return new AttachmentView(a.id(), a.fileName(), a.kind(), a.kind().mediaType(), a.size(), a.sha256(),
                a.width(), a.height(), a.byCitizen(), a.addedAt(), a.addedBy(), href,
                a.hasPreview() ? href + "/preview" : null);
    }

    private static NoteView view(CaseWorkLog.Note n) {
        return new NoteView(n.id(), n.at(), n.author(), n.text());
    }
}
