package org.warmline.web;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
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
     * Boot's catch-all {@code /**}): the links a page writes are rewritten to versioned webjar paths, and under a
     * catch-all every other link of every page (each case's, each action's) was first looked for in every jar.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/");
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
