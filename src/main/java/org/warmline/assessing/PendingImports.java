package org.warmline.assessing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * The workbooks uploaded to the import page and waiting for their preview to be confirmed: each kept as a temporary
 * file, known to the session that uploaded it by a random token together with the fingerprint of the plan shown. A
 * session holds one at a time; files older than a day are removed when another upload comes.
 */
@Component
class PendingImports {

    private static final String ATTRIBUTE = PendingImports.class.getName();
    private static final Duration KEPT = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A workbook waiting for confirmation. */
    record Pending(String token, String path, String name, String fingerprint) implements Serializable {
    }

    private final Path folder;

    PendingImports() {
        this.folder = Path.of(System.getProperty("java.io.tmpdir"), "warmline-pending-imports");
    }

    /** Keeps an uploaded workbook for the session, replacing the one it had. */
    Pending keep(HttpSession session, InputStream workbook, String name) {
        discard(session);
        try {
            Files.createDirectories(folder);
            removeOld();
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Path file = folder.resolve(token + ".xlsx");
            Files.copy(workbook, file);
            Pending pending = new Pending(token, file.toString(), name, null);
            session.setAttribute(ATTRIBUTE, pending);
            return pending;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Notes the fingerprint of the plan shown for the session's workbook. */
    void shown(HttpSession session, Pending pending, String fingerprint) {
        session.setAttribute(ATTRIBUTE, new Pending(pending.token(), pending.path(), pending.name(), fingerprint));
    }

    /** The session's workbook with this token, while its file is there. */
    Optional<Pending> find(HttpSession session, String token) {
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Pending pending)
                || !pending.token().equals(token) || !Files.isRegularFile(Path.of(pending.path()))) {
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    InputStream open(Pending pending) throws IOException {
        return Files.newInputStream(Path.of(pending.path()));
    }

    /** Forgets the session's workbook and removes its file. */
    void discard(HttpSession session) {
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof Pending pending) {
            session.removeAttribute(ATTRIBUTE);
            try {
                Files.deleteIfExists(Path.of(pending.path()));
            } catch (IOException ignored) {
                // removed with the old files later
            }
        }
    }

    private void removeOld() throws IOException {
        Instant before = Instant.now().minus(KEPT);
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
