package org.warmline.sampledata;

import java.nio.file.Path;
import java.time.ZoneId;

/** Placeholder until the generator lands. */
public final class DataSetGenerator {
    public DataSetGenerator(long seed, int year, ZoneId zone) {
    }

    public void writeCsvFolder(int cases, Path folder) {
        throw new UnsupportedOperationException();
    }
}
