package org.warmline.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The API's language: English when Accept-Language asks for it, Chinese otherwise (none, Chinese of any region, or a
 * language the desk does not speak). The pages keep theirs in a cookie ({@link WebConfiguration}).
 */
public final class ApiLocale {

    private static final AcceptHeaderLocaleResolver RESOLVER = new AcceptHeaderLocaleResolver();

    static {
        RESOLVER.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        RESOLVER.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    }

    private ApiLocale() {
    }

    /** Whether a request is the API's: under {@code /api/} of the application's path. */
    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}. */
    public static Locale of(HttpServletRequest request) {
        Locale locale = RESOLVER.resolveLocale(request);
        return locale.getLanguage().equals(Locale.ENGLISH.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
