package org.warmline.assessing;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.ledger.DataSet;
import org.warmline.security.Account;

/**
 * Publishing a period (发布考核结果): an ASSESSOR freezes the live result of a period. Publishing again is allowed and
 * makes the next version (e.g. after upheld appeals have been recorded as adjustments, so that the published result
 * includes them); every version is kept, the latest is the period's published result. Refusing a second publication
 * would leave no way to publish the corrected result after appeals.
 */
@Service
public class Publications implements org.warmline.cases.PublishedPeriods {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LiveAssessment live;

    public Publications(JdbcClient jdbc, PlatformTransactionManager transactions, LiveAssessment live) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.live = live;
    }

    /**
     * Publishes the period's live result as of {@code asOf}: its next version.
     *
     * @throws AssessmentRefused 403 unless the account is an ASSESSOR
     */
    public Publication publish(Period period, Instant asOf, Account by, Instant now) {
        if (!Viewers.isAssessor(by)) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        DataSet data = live.assessmentData(period);
        AssessmentResult zh = live.assess(data, period, asOf, Locale.SIMPLIFIED_CHINESE);
        AssessmentResult en = live.assess(data, period, asOf, Locale.ENGLISH);
        String zhJson = new String(LiveAssessment.json(zh), StandardCharsets.UTF_8);
        String enJson = new String(LiveAssessment.json(en), StandardCharsets.UTF_8);
        return transaction.execute(status -> {
            int version = jdbc.sql("select coalesce(max(version), 0) from assessment_publication where period = ?")
                    .param(period.label()).query(Integer.class).single() + 1;
            jdbc.sql("insert into assessment_publication (period, version, scheme, as_of, result_zh, result_en, "
                            + "published_by, published_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(period.label(), version, zh.scheme(), utc(asOf), zhJson, enJson, by.username(), utc(now))
                    .update();
            return latest(period.label()).orElseThrow();
        });
    }

    /** The period's published result: its latest version, if it was published. */
    public Optional<Publication> latest(String period) {
        return jdbc.sql("select * from assessment_publication where period = ? order by version desc")
                .param(period).withMaxRows(1).query(Publications::publication).optional();
    }

    public Optional<Publication> byId(long id) {
        return jdbc.sql("select * from assessment_publication where id = ?").param(id)
                .query(Publications::publication).optional();
    }

    /** Every version of a period's publication, latest first (without their JSON). */
    public List<Publication> versions(String period) {
        return jdbc.sql("select id, period, version, scheme, as_of, '' as result_zh, '' as result_en, published_by, "
                        + "published_at from assessment_publication where period = ? order by version desc")
                .param(period).query(Publications::publication).list();
    }

    /**
     * The latest version of each of these periods that was published, by period, without their JSON (one query: the
     * trend chart asks for the twelve months of a year).
     */
    @Override
    public java.util.Set<String> publishedOf(List<String> periods) {
        return latestWithoutJson(periods).keySet();
    }

    public java.util.Map<String, Publication> latestWithoutJson(List<String> periods) {
        java.util.Map<String, Publication> latest = new java.util.HashMap<>();
        if (periods.isEmpty()) {
            return latest;
        }
        jdbc.sql("select id, period, version, scheme, as_of, '' as result_zh, '' as result_en, published_by, "
                        + "published_at from assessment_publication where period in (:periods) order by version desc")
                .param("periods", periods).query(Publications::publication).list()
                .forEach(p -> latest.putIfAbsent(p.period(), p));
        return latest;
    }

    private static Publication publication(ResultSet rs, int row) throws SQLException {
        return new Publication(rs.getLong("id"), rs.getString("period"), rs.getInt("version"), rs.getString("scheme"),
                rs.getObject("as_of", OffsetDateTime.class).toInstant(), rs.getString("result_zh"),
                rs.getString("result_en"), rs.getString("published_by"),
                rs.getObject("published_at", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
