package org.warmline.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Says at start-up, on PostgreSQL, when the case search's trigram index cannot serve Chinese: the database's LC_CTYPE
 * is not a UTF-8 locale (pg_trgm then sees no letters in Chinese text, and a search scans every case instead), or the
 * index is missing. The results are the same either way; only their speed suffers, so this is a warning.
 */
@Component
class TextSearchCheck {

    private static final Logger log = LoggerFactory.getLogger(TextSearchCheck.class);

    private final JdbcClient jdbc;

    TextSearchCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        String product = jdbc.sql("select 1").query(rs -> {
            rs.next();
            return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
        });
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        String ctype = jdbc.sql("select datctype from pg_database where datname = current_database()")
                .query(String.class).single();
        if (ctype == null || !ctype.toUpperCase(java.util.Locale.ROOT).replace("-", "").contains("UTF8")) {
            log.warn("数据库的 LC_CTYPE 为 {},不是 UTF-8 区域设置:工单搜索的三元组索引无法索引中文,中文搜索将逐条扫描(结果不变,只是较慢)。"
                    + "请用 UTF-8 区域设置(如 C.UTF-8 或 zh_CN.UTF-8)建库 / The database's LC_CTYPE is {}, not a UTF-8 "
                    + "locale: the case search's trigram index cannot index Chinese, so Chinese searches scan every case "
                    + "(same results, slower). Create the database with a UTF-8 locale such as C.UTF-8.", ctype, ctype);
        }
        boolean indexed = jdbc.sql("select count(*) from pg_indexes where indexname = 'petition_case_text'")
                .query(Long.class).single() > 0;
        if (!indexed) {
            log.warn("工单搜索的索引 petition_case_text 不存在,搜索将逐条扫描 / The case search's index petition_case_text is "
                    + "missing: searches scan every case.");
        }
    }
}
