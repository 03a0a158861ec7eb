package org.warmline.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The home page is Chinese by default and English on request. */
@WebMvcTest(HomeController.class)
@Import(WebConfiguration.class)
class HomeControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void homePageIsChineseByDefault() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(view().name(HomeController.VIEW_HOME))
                .andExpect(content().string(containsString("暖线")));
    }

    @Test
    void homePageSwitchesToEnglish() throws Exception {
        mvc.perform(get("/").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("heating petition desk")));
    }
}
