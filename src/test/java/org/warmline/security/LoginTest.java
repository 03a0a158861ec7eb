package org.warmline.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Form login on the pages: passwords, session fixation, throttling, CSRF, and the sign-in page in both languages. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class LoginTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountStore accounts;

    private String newAccount() {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, PASSWORD, Role.AGENT, null, null);
        return username;
    }

    private ResultActions login(String username, String password) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()));
    }

    @Test
    void pagesRequireLogin() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/anything/else")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void theRightPasswordSignsInWithANewSessionId() throws Exception {
        String username = newAccount();
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = mvc.perform(post("/login").session(session).param("username", username)
                        .param("password", PASSWORD).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(username).withRoles("AGENT"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNotNull();
        assertThat(result.getRequest().getSession(false).getId()).isNotEqualTo(before);
    }

    @Test
    void aSessionEndsWhenAnAdministratorDisablesOrChangesTheAccount() throws Exception {
        String disabled = newAccount();
        MockHttpSession first = (MockHttpSession) login(disabled, PASSWORD).andReturn().getRequest().getSession(false);
        mvc.perform(get("/").session(first)).andExpect(status().isOk());
        accounts.setEnabled(disabled, false);
        mvc.perform(get("/").session(first)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login?changed"));
        assertThat(first.isInvalid()).isTrue();

        String moved = newAccount();
        MockHttpSession second = (MockHttpSession) login(moved, PASSWORD).andReturn().getRequest().getSession(false);
        mvc.perform(get("/cases").session(second)).andExpect(status().isOk());
        accounts.update(moved, Role.HANDLER, null, null, true);
        mvc.perform(get("/cases").session(second)).andExpect(redirectedUrl("/login?changed"));

        String untouched = newAccount();
        MockHttpSession third = (MockHttpSession) login(untouched, PASSWORD).andReturn().getRequest().getSession(false);
        accounts.setPassword(untouched, "another long password");
        mvc.perform(get("/").session(third)).andExpect(status().isOk());
        mvc.perform(get("/login").param("changed", "")).andExpect(content().string(
                org.hamcrest.Matchers.containsString("您的账户已被管理员更改或停用")));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        String username = newAccount();
        login(username, "wrong password").andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        login("nobody-" + username, PASSWORD).andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        assertThat(accounts.find(username).orElseThrow().failedLogins()).isEqualTo(1);
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(containsString("用户名或密码错误")));
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() throws Exception {
        String username = newAccount();
        for (int i = 1; i < 5; i++) {
            login(username, "wrong " + i).andExpect(redirectedUrl("/login?error"));
        }
        login(username, "wrong 5").andExpect(redirectedUrl("/login?locked")).andExpect(unauthenticated());
        login(username, PASSWORD).andExpect(redirectedUrl("/login?locked")).andExpect(unauthenticated());

        Account account = accounts.find(username).orElseThrow();
        assertThat(account.lockedUntil()).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                Instant.now().plus(Duration.ofMinutes(16)));
        mvc.perform(get("/login").param("locked", ""))
                .andExpect(content().string(containsString("账户已被锁定,请 15 分钟后再试")))
                .andExpect(content().string(not(containsString("用户名或密码错误"))));
        mvc.perform(get("/login").param("locked", "").param("lang", "en"))
                .andExpect(content().string(containsString("this account is locked. Try again in 15 minutes")));
    }

    @Test
    void theLockEndsWhenItsTimeIsOver() throws Exception {
        String username = newAccount();
        accounts.lockUntil(username, Instant.now().minusSeconds(1));
        login(username, PASSWORD).andExpect(redirectedUrl("/")).andExpect(authenticated());
        assertThat(accounts.find(username).orElseThrow().lockedUntil()).isNull();
    }

    @Test
    void aSuccessResetsTheFailureCount() throws Exception {
        String username = newAccount();
        for (int i = 0; i < 4; i++) {
            login(username, "wrong").andExpect(redirectedUrl("/login?error"));
        }
        assertThat(accounts.find(username).orElseThrow().failedLogins()).isEqualTo(4);
        login(username, PASSWORD).andExpect(authenticated());
        assertThat(accounts.find(username).orElseThrow().failedLogins()).isZero();
        for (int i = 0; i < 4; i++) {
            login(username, "wrong").andExpect(redirectedUrl("/login?error"));
        }
        login(username, PASSWORD).andExpect(redirectedUrl("/")).andExpect(authenticated());
    }

    @Test
    void aPostWithoutCsrfTokenIsForbidden() throws Exception {
        String username = newAccount();
        mvc.perform(post("/login").param("username", username).param("password", PASSWORD))
                .andExpect(status().isForbidden()).andExpect(unauthenticated());
        mvc.perform(post("/logout").with(user(username).roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(user(username).roles("AGENT")).with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void theLoginPageIsChineseByDefaultAndEnglishOnRequest() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("用户名")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("bootstrap.min.css")));
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("User name")))
                .andExpect(content().string(containsString("Sign in")));
    }

    @Test
    void bootstrapCssIsPublic() throws Exception {
        mvc.perform(get("/webjars/bootstrap/css/bootstrap.min.css")).andExpect(status().isOk());
    }
}
