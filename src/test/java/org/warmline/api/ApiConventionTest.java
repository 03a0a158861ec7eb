package org.warmline.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.warmline.cases.Case;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One convention for the API of every module: its controllers are the {@code @RestController}s, all under
 * {@code /api} (and the pages' {@code @Controller}s never are), so that the one handler of the API's errors answers
 * for all of them; and a problem has one shape wherever it arises — the security filter chain's 401 and 403, a
 * module's refusal — with the same type and title for the same kind, in the caller's language.
 */
class ApiConventionTest extends ApiFixture {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theApiIsExactlyTheRestControllersOfTheModules() {
        List<String> wrong = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("org.warmline")) {
                return;
            }
            boolean rest = AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class);
            for (String path : info.getPatternValues()) {
                if (rest != path.startsWith("/api/")) {
                    wrong.add(method.getBeanType().getSimpleName() + " " + path);
                }
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(mappings.getHandlerMethods().values().stream().map(m -> m.getBeanType().getPackageName())
                .filter(p -> p.startsWith("org.warmline")).distinct())
                .as("the modules that own an API or pages")
                .contains("org.warmline.cases", "org.warmline.evaluation", "org.warmline.notifications",
                        "org.warmline.assessing", "org.warmline.security");
    }

    @Test
    void aForbiddenAnswerHasOneShapeFromTheFilterChainAndFromAModule() throws Exception {
        mvc.perform(as(Caller.AGENT, get("/actuator/prometheus"))).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:forbidden"))
                .andExpect(jsonPath("$.title").value("无权操作"))
                .andExpect(jsonPath("$.detail").value("此账户无权执行此操作。"))
                .andExpect(jsonPath("$.instance").value("/actuator/prometheus"));
        Case c = dispatched();
        mvc.perform(as(Caller.MANAGER_IN, post("/api/cases/{no}/reassign", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + c.version() + ",\"unit\":\"T3\"}")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:forbidden"))
                .andExpect(jsonPath("$.title").value("无权操作"))
                .andExpect(jsonPath("$.code").value("case.forbidden.unit"));
        mvc.perform(as(Caller.AGENT, get("/api/ledger/export")).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:forbidden"))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.code").value("assessing.error.forbidden"));
    }

    @Test
    void everyControllerOfTheApiAnswersThroughTheOneHandler() throws Exception {
        // an unknown case in the case API and in the evaluation module's part of it: the same 404
        for (String path : new String[] {"/api/cases/{no}", "/api/cases/{no}/callback-attempts",
                "/api/cases/{no}/attachments"}) {
            mvc.perform(as(Caller.AGENT, get(path, "C-NONE")).header("Accept-Language", "en"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("urn:warmline:problem:not-found"))
                    .andExpect(jsonPath("$.title").value("Not found"));
        }
        // a method the path does not take, on the security module's controller and on the notifications'
        for (String path : new String[] {"/api/me", "/api/notifications"}) {
            mvc.perform(as(Caller.AGENT, post(path)))
                    .andExpect(status().isMethodNotAllowed())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().exists("Allow"));
        }
        // a period the assessment API cannot read: a field error like any other of the API
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-13")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:invalid"))
                .andExpect(jsonPath("$.title").value("请求内容有误"))
                .andExpect(jsonPath("$.errors[0].field").value("period"));
    }
}
