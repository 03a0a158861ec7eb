package org.warmline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * A test of the application's pages and API through MockMvc: the whole application with one in-memory database and
 * one Spring context shared by every class so marked, so the suite starts it once per test JVM. Each class makes its
 * own units, staff and accounts (fresh codes, or once if missing), so none depends on what another left behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:pages;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
public @interface PagesTest {
}
