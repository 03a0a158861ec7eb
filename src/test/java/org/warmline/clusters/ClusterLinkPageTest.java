package org.warmline.clusters;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmline.PagesTest;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.OnlineCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A cluster alert on the dashboard offers to link its cases under one complex case, and the link is made. */
@PagesTest
class ClusterLinkPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CaseDesk desk;

    @Autowired
    AccountStore accounts;

    @Test
    void anAgentLinksAClusterFromTheDashboard() throws Exception {
        Account agent = accounts.create("cl-" + UUID.randomUUID().toString().substring(0, 8), "long-enough-pw",
                Role.AGENT, null, null);
        Instant now = Instant.now();
        String building = "东城区幸福路" + (100 + (int) (Math.random() * 800)) + "号春天花园小区15号楼";
        String[] numbers = new String[3];
        for (int i = 0; i < 3; i++) {
            Case c = desk.registerOnline(new OnlineCommand(UUID.randomUUID().toString(), Channel.WECHAT, null,
                    Category.COMPLAINT, false, "TEMPERATURE", "住户" + i, "1390000" + (1000 + i), building + (i + 1)
                    + "单元101室", "整栋楼暖气不热", null, now.minusSeconds(1800 - i * 600L)), now.minusSeconds(1800 - i * 600L));
            numbers[i] = c.caseNo();
        }
        mvc.perform(get("/dashboard").with(user(agent.username()).roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(numbers[2])))
                .andExpect(content().string(containsString("/clusters/link")));

        mvc.perform(post("/clusters/link").with(user(agent.username()).roles("AGENT")).with(csrf())
                        .param("cases", numbers))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/cases/*"));
        Case first = desk.findByCaseNo(numbers[0]).orElseThrow();
        Case second = desk.findByCaseNo(numbers[1]).orElseThrow();
        assertThat(second.parentCase()).isNotNull();
        assertThat(desk.children(second.parentCase())).extracting(Case::caseNo).contains(numbers[1], numbers[2]);
        assertThat(first.isOpen()).isTrue();
    }

    @Test
    void aHandlerMayNotLink() throws Exception {
        Account handler = accounts.create("hl-" + UUID.randomUUID().toString().substring(0, 8), "long-enough-pw",
                Role.HANDLER, null, null);
        mvc.perform(post("/clusters/link").with(user(handler.username()).roles("HANDLER")).with(csrf())
                        .param("cases", "A", "B"))
                .andExpect(status().isForbidden());
    }
}
