package org.warmline.security;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.warmline.WarmlineApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** The first start creates one administrator with a random password, logged once; later starts create nothing. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

    private static final Pattern LOGGED = Pattern.compile(
            "WARN.*首次启动.*初始密码 (\\S+) .*First start: created administrator account 'admin' with password (\\S+) ");

    private static ConfigurableApplicationContext start(String url) {
        // command-line arguments, so that they win over application.properties (never the ./data file database)
        return new SpringApplicationBuilder(WarmlineApplication.class)
                .run("--spring.datasource.url=" + url, "--server.port=0");
    }

    @Test
    void theFirstStartCreatesAdminWithARandomPasswordAndTheSecondDoesNot(CapturedOutput output) {
        String url = "jdbc:h2:mem:bootstrap" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        String password;
        try (ConfigurableApplicationContext first = start(url)) {
            assertThat(first.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
            AccountStore accounts = first.getBean(AccountStore.class);
            assertThat(accounts.count()).isOne();
            Account admin = accounts.find("admin").orElseThrow();
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(admin.enabled()).isTrue();

            Matcher logged = LOGGED.matcher(output.getOut());
            assertThat(logged.find()).as("the password is logged at WARN").isTrue();
            password = logged.group(1);
            assertThat(logged.group(2)).isEqualTo(password);
            assertThat(password).hasSize(16).matches("[A-Za-z2-9]+");

            String hash = accounts.passwordHash("admin").orElseThrow();
            assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(password);
            assertThat(first.getBean(PasswordEncoder.class).matches(password, hash)).isTrue();
        }
        try (ConfigurableApplicationContext second = start(url)) {
            assertThat(second.getBean(AccountStore.class).count()).isOne();
            Matcher logged = LOGGED.matcher(output.getOut());
            assertThat(logged.find()).isTrue();
            assertThat(logged.find()).as("no second password").isFalse();
            assertThat(second.getBean(PasswordEncoder.class)
                    .matches(password, second.getBean(AccountStore.class).passwordHash("admin").orElseThrow()))
                    .isTrue();
        }
    }

    @Test
    void passwordsAreRandom() {
        assertThat(AdminBootstrap.randomPassword()).isNotEqualTo(AdminBootstrap.randomPassword()).hasSize(16);
    }
}
