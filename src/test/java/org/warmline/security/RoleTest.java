package org.warmline.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The five roles of docs/desk.md, named alike in the enum and on the pages. */
class RoleTest {

    @Test
    void theFiveRolesHaveTheirChineseNamesOnThePages() throws IOException {
        Properties zh = new Properties();
        Properties en = new Properties();
        try (InputStream z = getClass().getResourceAsStream("/messages.properties");
                InputStream e = getClass().getResourceAsStream("/messages_en.properties")) {
            zh.load(new InputStreamReader(z, StandardCharsets.UTF_8));
            en.load(new InputStreamReader(e, StandardCharsets.UTF_8));
        }
        assertThat(Role.values()).extracting(Role::name)
                .containsExactly("ADMIN", "ASSESSOR", "AGENT", "UNIT_MANAGER", "HANDLER");
        for (Role role : Role.values()) {
            assertThat(zh.getProperty("role." + role.name())).isEqualTo(role.chineseName());
            assertThat(en.getProperty("role." + role.name())).isNotBlank();
            assertThat(role.authority()).isEqualTo("ROLE_" + role.name());
        }
    }
}
