package org.warmline.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;
import org.warmline.calendar.WorkingCalendar;

/**
 * Chinese first: pages are in 简体中文 unless the user switches to English with {@code ?lang=en} (kept in a cookie); every page
 * gets what its layout needs ({@link LayoutModel}), among it the desk's way of writing times ({@link DeskFormat}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final DeskFormat format;

    WebConfiguration(WorkingCalendar calendar) {
        this.format = new DeskFormat(calendar.zone());
    }

    /** How the pages write times, in the zone of the working-day calendar. */
    @Bean
    DeskFormat deskFormat() {
        return format;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("warmline-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /**
     * The static files, each folder under its own path ({@code spring.web.resources.add-mappings=false} drops Spring
     * Boot's catch-all {@code /**}, under which every other link of every page was first looked for in every jar). A
     * page links webjars by their version and the application's own files by a hash of their content, so a browser
     * keeps them for a year and an upgrade is fetched at once.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl year = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(year).resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
        for (String folder : new String[] {"css", "js"}) {
            registry.addResourceHandler("/" + folder + "/**").addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(year).resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new LayoutModel(format));
    }
}
