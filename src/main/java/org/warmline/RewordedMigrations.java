package org.warmline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrations whose header comment was reworded after they had been applied (to point at {@code docs/} instead of
 * files the repository does not hold): a database that applied the old text stored the old checksum, which Flyway's
 * validation would refuse. Before migrating, exactly these versions with exactly the old checksum are set to the new
 * one; any other difference still fails validation as it should. Nothing but comments changed in these files.
 */
@Configuration(proxyBeanMethods = false)
public class RewordedMigrations {

    /** version → {checksum of the text first applied, checksum of the text now}. */
    static final Map<String, int[]> CHECKSUMS = Map.of(
            "1", new int[] {-1388549553, -2104950832},
            "2", new int[] {-8744363, -1425596156},
            "4", new int[] {-2121539591, 621656433},
            "5", new int[] {274131197, 1300051385},
            "8", new int[] {538622099, 977500986});

    @Bean
    FlywayMigrationStrategy rewordedMigrationsFirst() {
        return flyway -> {
            accept(flyway);
            flyway.migrate();
        };
    }

    /** Sets the old checksums of the reworded versions to the new ones; a database without Flyway's table is left. */
    static void accept(Flyway flyway) {
        DataSource ds = flyway.getConfiguration().getDataSource();
        String table = "\"" + flyway.getConfiguration().getTable() + "\"";
        try (Connection c = ds.getConnection()) {
            if (!hasTable(c, flyway.getConfiguration().getTable())) {
                return;
            }
            try (PreparedStatement update = c.prepareStatement("update " + table
                    + " set \"checksum\" = ? where \"version\" = ? and \"checksum\" = ?")) {
                for (Map.Entry<String, int[]> e : CHECKSUMS.entrySet()) {
                    update.setInt(1, e.getValue()[1]);
                    update.setString(2, e.getKey());
                    update.setInt(3, e.getValue()[0]);
                    update.executeUpdate();
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not accept the reworded migrations' checksums", e);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, name, null)) {
            return rs.next();
        }
    }
}
