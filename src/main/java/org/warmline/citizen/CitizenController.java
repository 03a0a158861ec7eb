package org.warmline.citizen;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.util.unit.DataSize;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAttachments;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.PhoneMask;
import org.warmline.cases.IdempotencyKeyReused;
import org.warmline.cases.TransitionRefused;
import org.warmline.files.FileDownload;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.files.Upload;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Topic;

/**
 * The citizens' pages under {@code /public} (no login; CSRF as on every form): the online submission form with up to
 * five photos (the phone's camera opens from the field), the page with the tracking link, the status page of a
 * tracking link with the citizen's own photos (more may be added while the case is open) and its satisfaction survey. An unknown, altered or
 * expired link gets one and the same "link not valid" page (404), never a hint whether a case exists. The pages are
 * not cached and send no referrer, so the link does not leak to other sites.
 */
@Controller
@RequestMapping("/public")
class CitizenController {

    static final String VIEW_FORM = "citizen/form";
    static final String VIEW_SUBMITTED = "citizen/submitted";
    static final String VIEW_TRACK = "citizen/track";
    static final String VIEW_SURVEY = "citizen/survey";
    static final String VIEW_INVALID = "citizen/invalid";
    static final String VIEW_LIMIT = "citizen/limit";

    /** The channels of the public form. */
    static final List<Channel> CHANNELS = List.of(Channel.WECHAT, Channel.APP);

    /** A milestone of the status page: its message key and when it happened. */
    record Milestone(String key, Instant at) {
    }

    /** The most photos a citizen sends with the form, or at once from the tracking page. */
    static final int MAX_PHOTOS = 5;

    private final CitizenDesk citizens;
    private final CaseAttachments attachments;
    private final MessageSource messages;
    private final long maxRequest;

    CitizenController(CitizenDesk citizens, CaseAttachments attachments,
                      @Value("${spring.servlet.multipart.max-request-size:21MB}") DataSize maxRequest,
                      MessageSource messages) {
        this.messages = messages;
        this.citizens = citizens;
        this.attachments = attachments;
        this.maxRequest = maxRequest.toBytes();
    }

    @ModelAttribute
    void privacy(HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("categories", Category.values());
        model.addAttribute("topics", Topic.values());
        model.addAttribute("levels", EvaluationLevel.values());
        model.addAttribute("maxPhotos", MAX_PHOTOS);
        model.addAttribute("maxPhotoBytes", attachments.maxSize());
        model.addAttribute("maxPhotoMegabytes", Upload.megabytes(attachments.maxSize()));
        model.addAttribute("maxRequestBytes", maxRequest);
        model.addAttribute("maxRequestMegabytes", Upload.megabytes(maxRequest));
    }

    @GetMapping("/new")
    String form(@RequestParam(name = "channel", required = false) String channel, Model model) {
        CitizenForm form = new CitizenForm();
        CHANNELS.stream().filter(c -> c.name().equalsIgnoreCase(channel)).findFirst().ifPresent(form::setChannel);
        form.setIdempotencyKey(UUID.randomUUID().toString());
        model.addAttribute("citizenForm", form);
        return VIEW_FORM;
    }

    @PostMapping("/new")
    String submit(@Valid @ModelAttribute("citizenForm") CitizenForm form, BindingResult result,
                  @RequestParam(name = "photos", required = false) List<MultipartFile> photos,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        if (form.getChannel() != null && !CHANNELS.contains(form.getChannel())) {
            result.rejectValue("channel", "citizen.channel.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW_FORM;
        }
        List<CaseAttachments.Prepared> prepared = new ArrayList<>();
        try {
            Optional<MessageSourceResolvable> refused = prepare(photos, prepared);
            if (refused.isPresent()) {
                result.reject(refused.get().getCodes()[0], refused.get().getArguments(), null);
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return VIEW_FORM;
            }
            return file(form, result, prepared, request, response, model, redirect);
        } finally {
            prepared.forEach(CaseAttachments.Prepared::close);
        }
    }

    private String file(CitizenForm form, BindingResult result, List<CaseAttachments.Prepared> photos,
                        HttpServletRequest request, HttpServletResponse response, Model model,
                        RedirectAttributes redirect) {
        CitizenDesk.Submitted submitted;
        try {
            submitted = citizens.submit(form, request.getRemoteAddr(), Instant.now(), photos);
        } catch (SubmissionLimits.LimitReached reached) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("limitKind", reached.kind().name());
            model.addAttribute("limit", reached.limit());
            return VIEW_LIMIT;
        } catch (IdempotencyKeyReused reused) {
            // the form was sent before and then changed: nothing is filed; a fresh form key files the new content
            result.reject("citizen.form.resent");
            form.setIdempotencyKey(UUID.randomUUID().toString());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return VIEW_FORM;
        } catch (TransitionRefused refused) {
            result.reject(refused.getCodes()[0], refused.getArguments(), refused.getDefaultMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW_FORM;
        }
        redirect.addFlashAttribute("caseNo", submitted.caseFiled().caseNo());
        if (submitted.created()) {
            redirect.addFlashAttribute("trackingLink", ServletUriComponentsBuilder.fromContextPath(request)
                    .path("/public/track/{token}").buildAndExpand(submitted.token()).toUriString());
        }
        return "redirect:/public/submitted";
    }

    @GetMapping("/submitted")
    String submitted(Model model) {
        if (!model.containsAttribute("caseNo")) {
            return "redirect:/public/new";
        }
        return VIEW_SUBMITTED;
    }

    @GetMapping("/track/{token}")
    String track(@PathVariable("token") String token, Model model, HttpServletResponse response) {
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, Instant.now());
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        return status(token, tracked.get(), model);
    }

    @GetMapping("/track/{token}/survey")
    String survey(@PathVariable("token") String token, Model model, HttpServletResponse response) {
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, Instant.now());
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        if (!tracked.get().surveyOpen()) {
            model.addAttribute("surveyClosed", true);
            return status(token, tracked.get(), model);
        }
        model.addAttribute("surveyForm", new SurveyForm());
        return survey(token, tracked.get(), model);
    }

    @PostMapping("/track/{token}/survey")
    String answer(@PathVariable("token") String token, @Valid @ModelAttribute("surveyForm") SurveyForm form,
                  BindingResult result, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Instant now = Instant.now();
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, now);
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        Case c = tracked.get().caseFiled();
        if (citizens.asksResolution(c) && form.getResolved() == null) {
            result.rejectValue("resolved", c.complex() ? "citizen.survey.accepted.required"
                    : "citizen.survey.resolved.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return survey(token, tracked.get(), model);
        }
        try {
            if (citizens.answerSurvey(token, form.getLevel(), form.getComment(), form.getResolved(), now).isEmpty()) {
                return invalid(response);
            }
        } catch (TransitionRefused | CaseChanged closed) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("surveyClosed", true);
            return status(token, citizens.track(token, now).orElse(tracked.get()), model);
        }
        redirect.addFlashAttribute("thanks", true);
        return "redirect:/public/track/" + token;
    }

    @PostMapping("/track/{token}/photos")
    String addPhotos(@PathVariable("token") String token,
                     @RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model,
                     HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        Instant now = Instant.now();
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, now);
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        List<CaseAttachments.Prepared> prepared = new ArrayList<>();
        try {
            Optional<MessageSourceResolvable> refused = prepare(photos, prepared);
            if (refused.isEmpty() && prepared.isEmpty()) {
                refused = Optional.of(new FileRefused("files.refused.empty"));
            }
            if (refused.isEmpty()) {
                try {
                    citizens.addPhotos(token, prepared, now);
                    redirect.addFlashAttribute("photosAdded", prepared.size());
                    return "redirect:/public/track/" + token + "#photos";
                } catch (TransitionRefused closed) {
                    refused = Optional.of(closed);
                }
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("photoError", messages.getMessage(refused.get(), locale));
            return status(token, citizens.track(token, now).orElse(tracked.get()), model);
        } finally {
            prepared.forEach(CaseAttachments.Prepared::close);
        }
    }

    @GetMapping("/track/{token}/files/{id}")
    void file(@PathVariable("token") String token, @PathVariable("id") long id, HttpServletResponse response)
            throws IOException {
        sendOwnFile(token, id, false, response);
    }

    @GetMapping("/track/{token}/files/{id}/preview")
    void preview(@PathVariable("token") String token, @PathVariable("id") long id, HttpServletResponse response)
            throws IOException {
        sendOwnFile(token, id, true, response);
    }

    /** One of the tracked case's own files, or 404 for anything else: a token opens its own case's files only. */
    private void sendOwnFile(String token, long id, boolean preview, HttpServletResponse response)
            throws IOException {
        Optional<CaseAttachments.Attachment> file = citizens.track(token, Instant.now())
                .flatMap(t -> citizens.ownFile(t.caseFiled(), id))
                .filter(a -> !preview || a.hasPreview());
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        FileDownload.headers(response, file.get().fileName(), file.get().kind(), preview ? -1 : file.get().size(),
                preview);
        attachments.copyTo(file.get(), preview, response.getOutputStream());
    }

    /**
     * Checks the citizen's photos (at most {@link #MAX_PHOTOS}; JPEG, PNG, WebP or HEIC), each prepared for keeping;
     * the reason of the first refusal, naming the file, if any is refused.
     */
    private Optional<MessageSourceResolvable> prepare(List<MultipartFile> photos,
                                                      List<CaseAttachments.Prepared> prepared) {
        List<MultipartFile> sent = photos == null ? List.of() : photos.stream().filter(f -> !f.isEmpty()).toList();
        if (sent.size() > MAX_PHOTOS) {
            return Optional.of(new DefaultMessageSourceResolvable(new String[] {"citizen.photos.tooMany"},
                    new Object[] {MAX_PHOTOS}));
        }
        for (MultipartFile f : sent) {
            try (InputStream in = f.getInputStream()) {
                prepared.add(attachments.prepare(in, f.getOriginalFilename(), FileKind.PHOTOS));
            } catch (FileRefused refused) {
                return Optional.of(new DefaultMessageSourceResolvable(new String[] {"citizen.photos.refused"},
                        new Object[] {f.getOriginalFilename(), refused}));
            } catch (IOException e) {
                return Optional.of(new FileRefused("files.refused.unreadable"));
            }
        }
        return Optional.empty();
    }

    private String survey(String token, CitizenDesk.Tracked tracked, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("c", tracked.caseFiled());
        model.addAttribute("asksResolution", citizens.asksResolution(tracked.caseFiled()));
        return VIEW_SURVEY;
    }

    private String status(String token, CitizenDesk.Tracked tracked, Model model) {
        Case c = tracked.caseFiled();
        model.addAttribute("token", token);
        model.addAttribute("c", c);
        model.addAttribute("phone", PhoneMask.mask(c.citizenPhone()));
        model.addAttribute("milestones", milestones(c));
        model.addAttribute("surveyOpen", tracked.surveyOpen());
        model.addAttribute("surveyed", tracked.surveyed());
        List<CaseAttachments.Attachment> own = citizens.ownFiles(c);
        model.addAttribute("photos", own);
        model.addAttribute("mayAddPhotos", c.isOpen() && attachments.of(c.id()).size() < attachments.maxPerCase());
        return VIEW_TRACK;
    }

    private static String invalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return VIEW_INVALID;
    }

    /** What a citizen sees of the case's progress: milestones only, no staff. */
    static List<Milestone> milestones(Case c) {
        List<Milestone> out = new ArrayList<>();
        add(out, "citizen.milestone.submitted", c.submittedAt());
        add(out, "citizen.milestone.accepted", c.acceptedAt());
        add(out, "citizen.milestone.dispatched", c.dispatchedAt());
        add(out, "citizen.milestone.contacted", c.contactedAt());
        add(out, "citizen.milestone.surveyed", c.surveyedAt());
        add(out, "citizen.milestone.solution", c.solutionAt());
        add(out, "citizen.milestone.completed", c.completedAt());
        add(out, "citizen.milestone.evaluated", c.evaluatedAt());
        add(out, "citizen.milestone.reviewed", c.reviewedAt());
        add(out, "citizen.milestone.rehandled", c.rehandledAt());
        add(out, "citizen.milestone.explained", c.explainedAt());
        add(out, "citizen.milestone.withdrawn", c.withdrawnAt());
        out.sort(java.util.Comparator.comparing(Milestone::at));
        return out;
    }

    private static void add(List<Milestone> out, String key, Instant at) {
        if (at != null) {
            out.add(new Milestone(key, at));
        }
    }
}
