package org.warmline.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.warmline.PagesTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API under /api authenticates by bearer token only and answers 401 as a problem detail. */
@PagesTest
class ApiTokenTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountStore accounts;

    @Autowired
    JdbcClient jdbc;

    private String newAccount(Role role) {
        String username = "api" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "secret password", role, null, null);
        return username;
    }

    @Test
    void withoutATokenTheApiAnswers401AsAProblemDetail() throws Exception {
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.title").value("未通过身份验证"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Authorization: Bearer")))
                .andExpect(jsonPath("$.instance").value("/api/me"));
        mvc.perform(get("/api/me").header("Accept-Language", "en")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.detail").value("A valid API token is required: Authorization: Bearer <token>"));
    }

    @Test
    void aValidTokenAuthenticates() throws Exception {
        String username = newAccount(Role.UNIT_MANAGER);
        String token = accounts.newApiToken(username);
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.role").value("UNIT_MANAGER"))
                .andExpect(jsonPath("$.roleName").value("单位负责人"));
    }

    @Test
    void anInvalidTokenIs401() throws Exception {
        String username = newAccount(Role.AGENT);
        String token = accounts.newApiToken(username);
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/me").header("Authorization", "Basic " + token)).andExpect(status().isUnauthorized());
    }

    @Test
    void onlyTheTokensHashIsStoredAndANewTokenReplacesTheOld() throws Exception {
        String username = newAccount(Role.AGENT);
        String first = accounts.newApiToken(username);
        String stored = jdbc.sql("select api_token_hash from account where username = ?").param(username)
                .query(String.class).single();
        assertThat(stored).isEqualTo(AccountStore.tokenHash(first)).hasSize(64).doesNotContain(first);
        assertThat(java.util.Base64.getUrlDecoder().decode(first)).hasSize(32);

        String second = accounts.newApiToken(username);
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + first)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + second)).andExpect(status().isOk());
        accounts.revokeApiToken(username);
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + second)).andExpect(status().isUnauthorized());
    }

    @Test
    void theApiNeedsNoCsrfTokenButStillATokenForPosts() throws Exception {
        String username = newAccount(Role.AGENT);
        String token = accounts.newApiToken(username);
        mvc.perform(post("/api/me")).andExpect(status().isUnauthorized());
        // authenticated, no CSRF token: reaches MVC, which has no POST /api/me
        mvc.perform(post("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isMethodNotAllowed());
    }
}
