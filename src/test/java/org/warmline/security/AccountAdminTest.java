package org.warmline.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;

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
@PagesTest
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
                .andExpect(content().string(allOf(containsString("账户管理"), containsString("登录受限至"))));
        mvc.perform(get("/admin/accounts").param("lang", "en").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Accounts"), containsString("Sign-in held until"))));
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

    @Autowired
    org.warmline.organization.OrganizationStore organization;

    @Test
    void anAccountIsEditedWithFieldErrorsForBadValuesAndNothingChangedThen() throws Exception {
        String unit = "U" + UUID.randomUUID().toString().substring(0, 6);
        organization.saveAll(java.util.List.of(new org.warmline.ledger.Unit(unit, "城东分公司",
                org.warmline.ledger.UnitKind.BRANCH, null)), java.util.List.of());
        String username = username();
        accounts.create(username, "some password", Role.AGENT, null, null);
        mvc.perform(get("/admin/accounts").param("edit", username).with(ADMIN)).andExpect(status().isOk())
                .andExpect(model().attributeExists("editForm"))
                .andExpect(content().string(allOf(containsString("修改账户 " + username),
                        containsString("account-edit-form"))));
        mvc.perform(get("/admin/accounts").param("edit", "no-such-account").with(ADMIN))
                .andExpect(redirectedUrl("/admin/accounts")).andExpect(flash().attribute("failure", "account.unknown"));

        // a unit manager needs a unit; an unknown unit is named as such; nothing is changed
        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER").param("enabled", "true"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("editForm", "unitCode"));
        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER").param("unitCode", "NO-SUCH").param("enabled", "true"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("editForm", "unitCode"));
        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "KING"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("editForm", "role"));
        assertThat(accounts.find(username).orElseThrow().role()).isEqualTo(Role.AGENT);

        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER").param("unitCode", unit).param("_enabled", "on"))
                .andExpect(redirectedUrl("/admin/accounts")).andExpect(flash().attribute("message", "account.updated"));
        Account changed = accounts.find(username).orElseThrow();
        assertThat(changed.role()).isEqualTo(Role.UNIT_MANAGER);
        assertThat(changed.unitCode()).isEqualTo(unit);
        assertThat(changed.enabled()).as("an unticked box (only its _enabled marker sent) disables").isFalse();
        login(username, "some password", false);
        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                        .param("role", "UNIT_MANAGER").param("unitCode", unit).param("enabled", "true"))
                .andExpect(redirectedUrl("/admin/accounts"));
        login(username, "some password", true);

        // an administrator cannot demote or disable themselves
        String admin = username();
        accounts.create(admin, "root password", Role.ADMIN, null, null);
        mvc.perform(post("/admin/accounts/edit").with(user(admin).roles("ADMIN")).with(csrf())
                        .param("username", admin).param("role", "AGENT").param("enabled", "false"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("editForm", "role", "enabled"));
        assertThat(accounts.find(admin).orElseThrow().role()).isEqualTo(Role.ADMIN);
        mvc.perform(post("/admin/accounts/edit").with(user("a").roles("AGENT")).with(csrf())
                .param("username", username).param("role", "ADMIN")).andExpect(status().isForbidden());
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnceAndAnEditedRoleApplies() throws Exception {
        String username = username();
        accounts.create(username, "some password", Role.AGENT, null, null);
        MvcResult issued = mvc.perform(post("/admin/accounts/token").with(ADMIN).with(csrf())
                .param("username", username)).andExpect(redirectedUrl("/admin/accounts")).andReturn();
        String token = (String) issued.getFlashMap().get("secret");
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("AGENT")));
        mvc.perform(get("/admin/accounts").with(ADMIN))
                .andExpect(content().string(containsString("/admin/accounts/token/revoke")));

        // the role changed on the page: the token's next request has the new role (no stale cached account)
        mvc.perform(post("/admin/accounts/edit").with(ADMIN).with(csrf()).param("username", username)
                .param("role", "ASSESSOR").param("enabled", "true")).andExpect(redirectedUrl("/admin/accounts"));
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("ASSESSOR")));

        mvc.perform(post("/admin/accounts/token/revoke").with(ADMIN).with(csrf()).param("username", username))
                .andExpect(redirectedUrl("/admin/accounts"))
                .andExpect(flash().attribute("message", "account.tokenRevoked"));
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(post("/admin/accounts/token/revoke").with(ADMIN).with(csrf()).param("username", "nobody-here"))
                .andExpect(flash().attribute("failure", "account.unknown"));
        mvc.perform(post("/admin/accounts/token/revoke").with(user("m").roles("UNIT_MANAGER")).with(csrf())
                .param("username", username)).andExpect(status().isForbidden());
    }
}
