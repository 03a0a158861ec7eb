package org.warmline.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A browser test ({@link BrowserTestBase}): the whole application on a random port, with one in-memory database and
 * one Spring context shared by every class so marked (each class makes its own units, staff and accounts with fresh
 * codes, so none sees another's). Webhooks may go to the tests' own local receivers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1",
                "warmline.webhooks.allow-internal-addresses=true"})
public @interface BrowserTest {
}
