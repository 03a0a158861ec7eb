package org.warmline.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.warmline.web.Problems;
import org.warmline.web.SecurityHeaders;

/**
 * Three filter chains: the operations endpoints under {@code /actuator/**} (health open, the rest for ADMIN tokens), the
 * integration API under {@code /api/**} (stateless, bearer token, no CSRF since no cookie
 * authenticates it, errors as problem details), and the pages (form login at {@code /login}, CSRF, session fixation
 * protection by changing the session id, sign-in throttling per name and address ({@link ThrottledLogin}), logout by
 * POST).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginPolicy.class)
class SecurityConfiguration {

    /**
     * bcrypt of the policy's strength, stored with its {@code {bcrypt}} prefix so that hashes can be upgraded later; a
     * hash keeps the strength it was made with, so changing the setting leaves every password valid.
     */
    @Bean
    PasswordEncoder passwordEncoder(LoginPolicy policy) {
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(policy.passwordStrength())));
    }

    @Bean
    AccountUserDetailsService userDetailsService(AccountStore accounts) {
        return new AccountUserDetailsService(accounts);
    }

    /**
     * The operations endpoints under {@code /actuator}: health open to load balancers (its details only to an ADMIN
     * token, {@code management.endpoint.health.show-details=when-authorized}), everything else (Prometheus metrics) for
     * ADMIN tokens only; stateless, bearer token, problem details like the API.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorChain(HttpSecurity http, AccountStore accounts, Problems answers) throws Exception {
        ApiProblems problems = new ApiProblems(answers);
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiTokenFilter(accounts, problems), AuthorizationFilter.class)
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AccountStore accounts, Problems answers) throws Exception {
        ApiProblems problems = new ApiProblems(answers);
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiTokenFilter(accounts, problems), AuthorizationFilter.class)
                .headers(SecurityHeaders::configure)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, AccountStore accounts, AccountUserDetailsService users,
                                  PasswordEncoder passwords, LoginThrottle throttle) throws Exception {
        LoginOutcomes outcomes = new LoginOutcomes();
        return http
                // the only way in: no parent manager behind it that could check a password without the throttle
                .authenticationManager(new ProviderManager(new ThrottledLogin(users, passwords, throttle)))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        // the citizens' pages (org.warmline.citizen): no login, CSRF as everywhere
                        .requestMatchers("/public/**").permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(outcomes).failureHandler(outcomes)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new SessionAccountCheck(accounts), AuthorizationFilter.class)
                .csrf(csrf -> { }) // on for every page form; Thymeleaf adds the token to th:action forms
                .headers(SecurityHeaders::configure)
                .build();
    }

}
