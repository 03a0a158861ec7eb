package org.warmline.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.warmline.cases.Texts;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.ApiLocale;
import org.warmline.web.OpenApiConfiguration;

/**
 * {@code /api/notifications}: the caller's own in-app notifications, newest first, each with its text in the caller's
 * language (Accept-Language; Chinese by default) as well as its message key and arguments; marking one or all read.
 * Another account's notification is 404.
 */
@RestController
@RequestMapping(path = "/api/notifications", produces = "application/json")
@Tag(name = "notifications", description = "通知 / the caller's notifications")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
class NotificationApi {

    /** A notification as the API shows it; {@code caseNo} null for one about no case, {@code readAt} null if unread. */
    record NotificationView(long id, Instant at, String text, String key, List<String> args, String caseNo,
                            Instant readAt) {
    }

    /** A page of notifications and how many are unread in all. */
    record NotificationPage(List<NotificationView> items, long unread, int page, int size) {
    }

    private final Notifications notifications;
    private final CurrentUser currentUser;
    private final Texts texts;

    NotificationApi(Notifications notifications, CurrentUser currentUser, Texts texts) {
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.texts = texts;
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, newest first")
    NotificationPage list(@Parameter(description = "only the unread ones") @RequestParam(defaultValue = "false")
                          boolean unread,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, HttpServletRequest request) {
        Account me = currentUser.required();
        Locale locale = ApiLocale.of(request);
        List<NotificationView> items = notifications.page(me.id(), unread, size, page * size).stream()
                .map(n -> view(n, locale)).toList();
        return new NotificationPage(items, notifications.unreadCount(me.id()), page, size);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (again: no change)")
    @ApiResponse(responseCode = "204", description = "read")
    @ApiResponse(responseCode = "404", description = "no such notification of the caller",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Void> read(@PathVariable long id) {
        Account me = currentUser.required();
        if (!notifications.owns(id, me.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        notifications.markRead(id, me.id(), Instant.now());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read")
    @Operation(summary = "Mark all of the caller's notifications read")
    @ApiResponse(responseCode = "204", description = "all read")
    ResponseEntity<Void> readAll() {
        notifications.markAllRead(currentUser.required().id(), Instant.now());
        return ResponseEntity.noContent().build();
    }

    private NotificationView view(Notification n, Locale locale) {
        return new NotificationView(n.id(), n.at(), texts.show(n.text(), locale), n.text().key(), n.text().args(),
                n.caseNo(), n.readAt());
    }
}
