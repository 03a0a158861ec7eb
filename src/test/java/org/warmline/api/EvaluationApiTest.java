package org.warmline.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.warmline.cases.Case;
import org.warmline.cases.CaseState;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/cases/{caseNo}/evaluation}: a callback's evaluation by API, with the pages' permissions. */
class EvaluationApiTest extends ApiFixture {

    private static String body(int version, String level) {
        return "{\"version\":" + version + ",\"level\":\"" + level + "\",\"comment\":\"还是冷\"}";
    }

    @Test
    void anAgentRecordsTheCallbackAndAnUnsatisfiedAnswerOpensTheReview() throws Exception {
        Case c = completed();
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/evaluation", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body(c.version(), "UNSATISFIED"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REVIEW"));
        Case after = desk.find(c.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(CaseState.REVIEW);
        assertThat(after.evaluation()).isEqualTo(EvaluationLevel.UNSATISFIED);
        assertThat(after.evaluationChannel()).isEqualTo(EvaluationChannel.PHONE);
        assertThat(after.evaluationComment()).isEqualTo("还是冷");
    }

    @Test
    void othersMayNotAndAStaleVersionIsAConflict() throws Exception {
        Case c = completed();
        for (Caller caller : new Caller[] {Caller.HANDLER_IN, Caller.MANAGER_IN, Caller.ASSESSOR, Caller.ADMIN}) {
            mvc.perform(as(caller, post("/api/cases/{no}/evaluation", c.caseNo())
                            .contentType(MediaType.APPLICATION_JSON).content(body(c.version(), "SATISFIED"))))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(as(Caller.MANAGER_OUT, post("/api/cases/{no}/evaluation", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body(c.version(), "SATISFIED"))))
                .andExpect(status().isNotFound());
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/evaluation", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body(c.version() - 1, "SATISFIED"))))
                .andExpect(status().isConflict());
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/evaluation", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body(c.version(), "GREAT"))))
                .andExpect(status().isBadRequest());
        assertThat(desk.find(c.id()).orElseThrow().state()).isEqualTo(CaseState.COMPLETED);
    }
}
