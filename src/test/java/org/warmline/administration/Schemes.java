package org.warmline.administration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.warmline.scheme.SchemeLoader;

/** Scheme files for the tests: the built-in scheme's YAML with another version name and changed settings. */
public final class Schemes {

    private Schemes() {
    }

    public static String defaultYaml() {
        try (InputStream in = SchemeLoader.class.getResourceAsStream(SchemeLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default scheme named {@code version}, with an acceptance allowance of {@code acceptance} (ISO, PT30M). */
    public static byte[] version(String version, String acceptance) {
        String yaml = defaultYaml().replace("version: default", "version: " + version)
                .replace("acceptance: { allowance: PT30M,", "acceptance: { allowance: " + acceptance + ",");
        if (!yaml.contains("version: " + version) || !yaml.contains("allowance: " + acceptance)) {
            throw new IllegalStateException("the default scheme changed its layout");
        }
        return yaml.getBytes(StandardCharsets.UTF_8);
    }
}
