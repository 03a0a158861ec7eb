package org.warmline.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A clear page, not a stack trace, for an upload that is too big or malformed; and the signed-in user as the navigation
 * bar of the layout ({@code templates/fragments/layout.html}) shows it ({@code nav}, put on every page by
 * {@link LayoutModel}).
 */
@ControllerAdvice
public class LayoutAdvice {

    static final String VIEW_ERROR = "error";

    /** The signed-in user as the navigation bar shows it. */
    record Nav(String username, String role, boolean admin) {
    }

    /** The signed-in user as the navigation bar shows it, or null (added to every page by {@link LayoutModel}). */
    static Nav nav() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        String role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5)).findFirst().orElse(null);
        return new Nav(authentication.getName(), role, "ADMIN".equals(role));
    }

    /**
     * The error page ({@code templates/error.html}) for another module's handler of its own refusals: the status, the
     * reason as a message key with its arguments, and the navigation bar of the signed-in user.
     *
     * @return the view name
     */
    public static String errorPage(Model model, int status, String reason, Object... reasonArgs) {
        model.addAttribute("nav", nav());
        model.addAttribute("status", status);
        model.addAttribute("reason", reason);
        model.addAttribute("reasonArgs", reasonArgs);
        return VIEW_ERROR;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("nav", nav());
        model.addAttribute("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
        model.addAttribute("reason", "error.tooLarge");
        return VIEW_ERROR;
    }

    @ExceptionHandler(MultipartException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badUpload(Model model) {
        model.addAttribute("nav", nav());
        model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
        model.addAttribute("reason", "error.badUpload");
        return VIEW_ERROR;
    }
}
