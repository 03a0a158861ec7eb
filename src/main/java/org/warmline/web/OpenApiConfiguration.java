package org.warmline.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI description of {@code /api} (springdoc: {@code /v3/api-docs}, UI at {@code /swagger-ui.html}), with the
 * bearer-token security scheme. The description and its UI are public: they show no data, and every call still needs
 * a token.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The name of the bearer-token security scheme, for the API controllers' {@code @SecurityRequirement}. */
    public static final String BEARER = "bearer";

    /**
     * The policy of every page, with one exception for Swagger UI: the one style element its script adds, allowed by
     * its hash (of the springdoc version in pom.xml; ContentSecurityPolicyBrowserTest fails when an upgrade changes it).
     */
    static final String SWAGGER_UI_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");

    @Bean
    OpenAPI warmlineOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Warmline API (暖线)").version("1")
                        .description("Petition cases for integrations (12345 platform, CTI telephony, WeChat back "
                                + "end): the same permissions and data scope as the pages; errors as RFC 9457 "
                                + "problem details in the language of Accept-Language (zh-CN by default, en)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An account's API token: Authorization: Bearer <token>")));
    }

    /** Before the API and page chains: the description and the UI need no sign-in. */
    @Bean
    @Order(0)
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                        "/swagger-ui/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> SecurityHeaders.configure(headers, SWAGGER_UI_POLICY))
                .build();
    }
}
