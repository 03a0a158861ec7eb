package org.warmline.cli;

import java.io.PrintStream;
import java.util.Set;

/** Dispatches the command-line commands. */
public final class WarmlineCommand {

    private static final Set<String> COMMANDS = Set.of("assess", "generate", "help", "--help", "-h");

    private WarmlineCommand() {
    }

    public static boolean isCommand(String word) {
        return COMMANDS.contains(word);
    }

    /** Runs a command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("not yet implemented: " + args[0]);
        return 1;
    }
}
