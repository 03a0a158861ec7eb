package org.warmline.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.warmline.PagesTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The error page (what the container shows for a 403, 404 or 500): in the layout, in the user's language, no trace. */
@PagesTest
class ErrorPageTest {

    @Autowired
    MockMvc mvc;

    @Test
    void forbiddenNotFoundAndServerErrorsGetAPlainPage() throws Exception {
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/admin/units").with(user("a").roles("AGENT")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(allOf(containsString("您没有访问此页面的权限"), containsString("navbar"),
                        not(containsString("/admin/units\"")))));
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML).param("lang", "en").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .with(user("a").roles("AGENT")))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("This page does not exist")));
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret detail"))
                        .with(user("a").roles("AGENT")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(allOf(containsString("服务器暂时无法处理"),
                        not(containsString("secret detail")), not(containsString("IllegalStateException")))));
    }

    @Test
    void anAddressNoPageHasGoesToTheErrorPageNotToAProblemInJson() throws Exception {
        // the container then shows /error (above) for the status; a problem in JSON is for the API only
        mvc.perform(get("/no-such-page").accept(MediaType.TEXT_HTML).with(user("a").roles("AGENT")))
                .andExpect(status().isNotFound()).andExpect(content().string(""))
                .andExpect(result -> assertThat(result.getResponse().getContentType()).as("no problem+json").isNull());
        mvc.perform(get("/api/no-such-thing").with(user("a").roles("AGENT")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
