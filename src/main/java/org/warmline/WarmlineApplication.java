package org.warmline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.warmline.cli.WarmlineCommand;

/**
 * Warmline (暖线): the petition desk and performance assessment of a district-heating company. With a command
 * ({@code assess}, {@code generate}) it runs that command in plain Java, without a web server or a database; with no
 * command it starts the server.
 */
@SpringBootApplication
public class WarmlineApplication {

    public static void main(String[] args) {
        if (args.length > 0 && WarmlineCommand.isCommand(args[0])) {
            System.exit(WarmlineCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(WarmlineApplication.class, args);
    }
}
