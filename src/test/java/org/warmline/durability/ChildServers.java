package org.warmline.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application started as its own OS process on a test database, as the durability tests need it: started with
 * extra settings, ready when {@code GET /api/me} answers 200 with the test's token, killed with {@code kill -9}, and
 * every process it started ended at the end. The child's output goes to {@code <workDir>/server-N.log}.
 */
final class ChildServers {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    /** A running child. */
    record Server(Process process, int port, Path log) {
        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Path workDir;
    private final String jdbcUrl;
    private final String username;
    private final String token;
    private final HttpClient http;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private int serverCount;

    ChildServers(Path workDir, String jdbcUrl, String username, String token, HttpClient http) {
        this.workDir = workDir;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.token = token;
        this.http = http;
    }

    /** Starts the application on the test database with these extra arguments; waits until it answers. */
    Server start(String... extra) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = workDir.resolve("server-" + (++serverCount) + ".log");
            Path argFile = workDir.resolve("classpath.args");
            // the test class path can be long: pass it in an argument file, not on the command line
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\")
                    + "\"\n", StandardCharsets.UTF_8);
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "@" + argFile,
                    "org.warmline.WarmlineApplication",
                    "--server.address=127.0.0.1", "--server.port=" + port,
                    "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + username,
                    "--spring.datasource.password=", "--warmline.escalation.enabled=false",
                    "--spring.main.banner-mode=off"));
            command.addAll(List.of(extra));
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            processes.add(process);
            Server server = new Server(process, port, log);
            if (awaitReady(server)) {
                return server;
            }
            String output = tail(log);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (attempt < 3 && output.contains("already in use")) {
                continue; // someone else took the free port in between
            }
            throw new AssertionError("the server did not start (see " + log + "):\n" + output);
        }
    }

    /** Ends every child still running. */
    void stopAll() {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private boolean awaitReady(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        HttpRequest me = authorized(URI.create(server.base() + "/api/me")).timeout(Duration.ofSeconds(2)).GET()
                .build();
        while (System.nanoTime() < deadline && server.process().isAlive()) {
            try {
                if (http.send(me, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** {@code kill -9}: no shutdown hook, no connection closed cleanly. */
    static void kill9(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -9 " + process.pid()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
