package org.warmline.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /admin/accounts}: administrators create accounts, reset passwords, disable accounts and issue API tokens. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class AccountAdminTest {

    private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountStore accounts;

    private static String username() {
        return "acc" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void login(String username, String password, boolean works) throws Exception {
        mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andExpect(works ? authenticated().withUsername(username) : unauthenticated());
    }

    @Test
    void thePageIsForAdministratorsOnly() throws Exception {
        mvc.perform(get("/admin/accounts").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("账户管理"), containsString("锁定至"))));
        mvc.perform(get("/admin/accounts").param("lang", "en").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Accounts"), containsString("Locked until"))));
        mvc.perform(get("/admin/accounts").with(user("a").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/accounts").with(user("m").roles("UNIT_MANAGER"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/accounts")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/admin/accounts").with(ADMIN).param("username", username()).param("role", "AGENT")
                .param("password", "long enough password")).andExpect(status().isForbidden());
    }

    @Test
    void anAccountCreatedWithATypedPasswordCanSignIn() throws Exception {
        String username = username();
        mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "AGENT").param("password", "typed by admin"))
                .andExpect(redirectedUrl("/admin/accounts")).andExpect(flash().attribute("message", "account.created"))
                .andExpect(flash().attributeCount(2));
        assertThat(accounts.find(username).orElseThrow().role()).isEqualTo(Role.AGENT);
        login(username, "typed by admin", true);
        mvc.perform(get("/admin/accounts").with(ADMIN))
                .andExpect(content().string(allOf(containsString(username), containsString("客服专员"))));
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndWorks() throws Exception {
        String username = username();
        MvcResult result = mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "ASSESSOR").param("password", ""))
                .andExpect(redirectedUrl("/admin/accounts")).andReturn();
        String password = (String) result.getFlashMap().get("secret");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        login(username, password, true);
    }

    @Test
    void badAccountsAreRefusedWithFieldErrors() throws Exception {
        String taken = username();
        accounts.create(taken, "some password", Role.AGENT, null, null);
        mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", taken).param("role", "AGENT")
                        .param("password", "short"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("accountForm", "username", "password"))
                .andExpect(content().string(allOf(containsString("用户名已存在"), containsString("至少 10 个字符"))));
        String username = username();
        mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER").param("unitCode", "NO-SUCH-UNIT"))
                .andExpect(model().attributeHasFieldErrors("accountForm", "unitCode"));
        mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER"))
                .andExpect(model().attributeHasFieldErrors("accountForm", "unitCode"));
        mvc.perform(post("/admin/accounts").with(ADMIN).with(csrf()).param("username", "<script>x</script>")
                        .param("role", "KING"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("accountForm", "username", "role"))
                .andExpect(content().string(not(containsString("<script>x</script>"))));
        assertThat(accounts.find(username)).isEmpty();
    }

    @Test
    void passwordsAreResetAccountsDisabledAndTokensIssued() throws Exception {
        String username = username();
        accounts.create(username, "first password", Role.AGENT, null, null);

        mvc.perform(post("/admin/accounts/password").with(ADMIN).with(csrf()).param("username", username)
                .param("password", "second password")).andExpect(redirectedUrl("/admin/accounts"));
        login(username, "first password", false);
        login(username, "second password", true);
        mvc.perform(post("/admin/accounts/password").with(ADMIN).with(csrf()).param("username", username)
                        .param("password", "short"))
                .andExpect(flash().attribute("failure", "validation.password.short"));
        login(username, "second password", true);
        String generated = (String) mvc.perform(post("/admin/accounts/password").with(ADMIN).with(csrf())
                .param("username", username)).andReturn().getFlashMap().get("secret");
        login(username, generated, true);

        mvc.perform(post("/admin/accounts/enabled").with(ADMIN).with(csrf()).param("username", username)
                .param("enabled", "false")).andExpect(redirectedUrl("/admin/accounts"));
        assertThat(accounts.find(username).orElseThrow().enabled()).isFalse();
        login(username, generated, false);
        mvc.perform(post("/admin/accounts/enabled").with(ADMIN).with(csrf()).param("username", username)
                .param("enabled", "true"));
        login(username, generated, true);

        String token = (String) mvc.perform(post("/admin/accounts/token").with(ADMIN).with(csrf())
                        .param("username", username))
                .andExpect(flash().attribute("secretLabel", "account.token")).andReturn().getFlashMap().get("secret");
        assertThat(accounts.findByToken(token)).map(Account::username).contains(username);
        mvc.perform(get("/admin/accounts").with(ADMIN).flashAttr("secret", token).flashAttr("secretLabel",
                        "account.token").flashAttr("secretUser", username))
                .andExpect(content().string(allOf(containsString(token), containsString("只显示这一次"))));

        mvc.perform(post("/admin/accounts/token").with(ADMIN).with(csrf()).param("username", "nobody-" + username))
                .andExpect(flash().attribute("failure", "account.unknown"));
        mvc.perform(post("/admin/accounts/enabled").with(ADMIN).with(csrf()).param("username", "root")
                .param("enabled", "false")).andExpect(flash().attribute("failure", "account.cannotDisableSelf"));
    }
}
