package org.warmline.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmline.PagesTest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The home page needs a signed-in user, shows who it is, and is Chinese by default and English on request. */
@PagesTest
class HomeControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountStore accounts;

    private String newAccount() {
        String username = "home" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "secret password", Role.UNIT_MANAGER, null, null);
        return username;
    }

    @Test
    void homePageNeedsASignedInUser() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void homePageIsChineseByDefault() throws Exception {
        String username = newAccount();
        mvc.perform(get("/").with(user(username).roles("UNIT_MANAGER"))).andExpect(status().isOk())
                .andExpect(view().name(HomeController.VIEW_HOME))
                .andExpect(content().string(containsString("暖线")))
                .andExpect(content().string(containsString(username + "(单位负责人)")))
                .andExpect(content().string(containsString("退出登录")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void homePageSwitchesToEnglish() throws Exception {
        String username = newAccount();
        mvc.perform(get("/").param("lang", "en").with(user(username).roles("UNIT_MANAGER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("heating petition desk")))
                .andExpect(content().string(containsString(username + " (Unit manager)")))
                .andExpect(content().string(containsString("Sign out")));
    }
}
