package org.warmline.security;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first start creates the administrator {@code admin} with a random password, written once to the log at WARN.
 * There is no default password anywhere; when any account exists, nothing happens.
 */
@Component
@org.springframework.core.annotation.Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    /** Without look-alikes (0/O, 1/l/I). */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;

    AdminBootstrap(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** Runs before any other start-up runner (the demo loader among them), so a first start always gets its admin. */
    @Override
    public void run(ApplicationArguments args) {
        createAdminOnFirstStart();
    }

    void createAdminOnFirstStart() {
        if (accounts.count() > 0) {
            return;
        }
        String password = randomPassword();
        try {
            accounts.create(ADMIN, password, Role.ADMIN, null, null);
        } catch (DuplicateKeyException raced) {
            return; // another instance on the same database was first
        }
        log.warn("首次启动:已创建管理员账户 admin,初始密码 {} (仅显示这一次,请妥善保管) / "
                + "First start: created administrator account 'admin' with password {} (shown only this once)",
                password, password);
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
