package org.warmline.assessing;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The API's language: Accept-Language, Chinese unless English is asked for (as the case API answers). */
final class ApiLocale {

    private static final AcceptHeaderLocaleResolver RESOLVER = new AcceptHeaderLocaleResolver();

    static {
        RESOLVER.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        RESOLVER.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    }

    private ApiLocale() {
    }

    static Locale of(HttpServletRequest request) {
        return LiveAssessment.language(RESOLVER.resolveLocale(request));
    }
}
