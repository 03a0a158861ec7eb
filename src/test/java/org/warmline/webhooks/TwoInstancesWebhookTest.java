package org.warmline.webhooks;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.warmline.WarmlineApplication;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on one PostgreSQL database, each running the webhook job every 200 ms under its
 * ShedLock lock and, on top of that, two threads each calling it at the same moment: every event reaches the
 * receiver (a real local HTTP server) exactly once, each case's events in order.
 */
class TwoInstancesWebhookTest {

    @Test
    void everyEventIsDeliveredExactlyOnceByTwoInstances() throws Exception {
        DataSource db = Databases.postgres();
        WebhookFixture f = new WebhookFixture(db, true);
        MockWebServer http = new MockWebServer();
        Map<String, Integer> byId = new ConcurrentHashMap<>();
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byId.merge(request.getHeader("webhook-id"), 1, Integer::sum);
                order.add(request.getUtf8Body());
                return new MockResponse().setResponseCode(200);
            }
        });
        http.start();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            f.endpoints.register(http.url("/hook").toString(), null,
                    EnumSet.of(WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_DISPATCHED), "admin", Instant.now());
            int cases = 10;
            Instant t0 = Instant.now().minusSeconds(3600);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                numbers.add(f.dispatched(f.complaint(t0.plusSeconds(i * 60L), "1390000" + String.format("%04d", i)),
                        t0.plusSeconds(i * 60L + 300)).caseNo());
            }
            String[] args = args(db);
            instances.add(start(args));
            instances.add(start(args));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (ConfigurableApplicationContext instance : instances) {
                WebhookJob job = instance.getBean(WebhookJob.class);
                for (int i = 0; i < 2; i++) {
                    calls.add(threads.submit(() -> {
                        go.await();
                        job.deliver();
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (f.count("select count(*) from webhook_delivery where status = 'DELIVERED'") < 2L * cases
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000); // more scheduled rounds on both instances

            assertThat(byId).hasSize(2 * cases).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
            assertThat(f.count("select count(*) from webhook_delivery where status = 'DELIVERED' and attempts = 1"))
                    .isEqualTo(2L * cases);
            assertThat(f.count("select count(*) from shedlock where name = 'webhook-deliveries'")).isEqualTo(1);
            for (String caseNo : numbers) {
                List<String> ofCase = order.stream().filter(body -> body.contains(caseNo)).toList();
                assertThat(ofCase).hasSize(2);
                assertThat(ofCase.get(0)).contains("\"type\":\"case.registered\"");
                assertThat(ofCase.get(1)).contains("\"type\":\"case.dispatched\"");
            }
        } finally {
            threads.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
            http.shutdown();
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(WarmlineApplication.class).web(WebApplicationType.SERVLET).run(args);
    }

    private static String[] args(DataSource db) throws java.sql.SQLException {
        try (Connection connection = db.getConnection()) {
            var meta = connection.getMetaData();
            return new String[] {"--spring.datasource.url=" + meta.getURL(),
                    "--spring.datasource.username=" + meta.getUserName(), "--spring.datasource.password=",
                    "--warmline.webhooks.enabled=true", "--warmline.webhooks.interval=PT0.2S",
                    "--warmline.webhooks.initial-delay=PT0S", "--warmline.webhooks.allow-internal-addresses=true",
                    "--spring.main.banner-mode=off", "--server.port=0"};
        }
    }
}
