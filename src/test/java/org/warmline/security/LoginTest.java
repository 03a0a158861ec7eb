package org.warmline.security;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.warmline.PagesTest;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Form login on the pages: passwords, session fixation, throttling, CSRF, and the sign-in page in both languages. */
@PagesTest
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
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(containsString("用户名或密码错误")));
    }

    /** A sign-in from a given client address. */
    private ResultActions login(String username, String password, String client) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(client);
                    return request;
                }));
    }

    @Test
    void anUnknownNameAndAnAccountGetTheSameAnswersAndTheFifthFailureHoldsTheAddress() throws Exception {
        String username = newAccount();
        String unknown = "nobody-" + username;
        String client = "10.1.0." + (int) (Math.random() * 250);
        for (String name : List.of(username, unknown)) {
            for (int i = 1; i < 5; i++) {
                login(name, "wrong " + i, client).andExpect(redirectedUrl("/login?error"));
            }
            login(name, "wrong 5", client).andExpect(redirectedUrl("/login?wait=1")).andExpect(unauthenticated());
            // held: not even the right password is looked at, and the answer is the same for both names
            login(name, PASSWORD, client).andExpect(redirectedUrl("/login?wait=1")).andExpect(unauthenticated());
        }
        assertThat(accounts.find(username).orElseThrow().lockedUntil()).isNull();
        mvc.perform(get("/login").param("wait", "1"))
                .andExpect(content().string(containsString("这台电脑用这个用户名登录失败的次数过多,请 1 分钟后再试")))
                .andExpect(content().string(not(containsString("用户名或密码错误"))))
                .andExpect(content().string(not(containsString("锁定"))));
        mvc.perform(get("/login").param("wait", "999").param("lang", "en"))
                .andExpect(content().string(containsString("Try again in 15 minutes")));
    }

    @Test
    void theOwnerSignsInFromAnotherAddressWhileAnAttackersIsHeld() throws Exception {
        String username = newAccount();
        for (int i = 1; i <= 7; i++) {
            login(username, "guess " + i, "203.0.113.7");
        }
        login(username, PASSWORD, "203.0.113.7").andExpect(unauthenticated());
        login(username, PASSWORD, "10.2.0.1").andExpect(redirectedUrl("/")).andExpect(authenticated());
    }

    @Test
    void aSuccessForgetsThatAddresssFailures() throws Exception {
        String username = newAccount();
        String client = "10.3.0." + (int) (Math.random() * 250);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                login(username, "wrong", client).andExpect(redirectedUrl("/login?error"));
            }
            login(username, PASSWORD, client).andExpect(redirectedUrl("/")).andExpect(authenticated());
        }
    }

    @Test
    void aDisabledAccountIsToldOnlyAfterTheRightPassword() throws Exception {
        String username = newAccount();
        accounts.setEnabled(username, false);
        login(username, "wrong password", "10.4.0.1").andExpect(redirectedUrl("/login?error"));
        login(username, PASSWORD, "10.4.0.1").andExpect(redirectedUrl("/login?disabled"));
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

    @Test
    void theStaticFilesAreServedUnderTheirOwnPathsAndPagesLinkThemByVersionForABrowserToKeep() throws Exception {
        String page = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        Matcher bootstrap = Pattern.compile("/webjars/bootstrap/[0-9][0-9.]*/css/bootstrap\\.min\\.css").matcher(page);
        Matcher css = Pattern.compile("/css/warmline-[0-9a-f]{32}\\.css").matcher(page);
        assertThat(bootstrap.find()).as("a versioned Bootstrap link in " + page).isTrue();
        assertThat(css.find()).as("a link to warmline.css by its content's hash in " + page).isTrue();
        for (String path : List.of(bootstrap.group(), css.group())) {
            mvc.perform(get(path)).andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", containsString("max-age=31536000")));
        }
        mvc.perform(get("/css/warmline.css")).andExpect(status().isOk());
        mvc.perform(get("/js/warmline.js")).andExpect(status().isOk());
        mvc.perform(get("/favicon.ico")).andExpect(status().isOk());
        // nothing else is a static file: not the templates, not the application's settings
        mvc.perform(get("/application.properties")).andExpect(status().is(not(200)));
        mvc.perform(get("/static/css/warmline.css")).andExpect(status().is(not(200)));
    }
}
