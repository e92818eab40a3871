package dev.nonstop.persistence;

import dev.nonstop.testsupport.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persistence contract on a real MySQL-compatible server (MariaDB in CI), on a database made
 * afresh for the run. Where no server answers, the class is skipped with a message saying so; in
 * CI (environment CI=true, or -Dnonstop.test.mysql.required=true) it fails instead.
 */
@SpringBootTest
@ActiveProfiles({"test", "mysql", "mariadb"})
@Import(Fixtures.class)
class MariaDbPersistenceTest extends PersistenceContract {

    static final String SERVER = env("NONSTOP_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    static final String DATABASE = env("NONSTOP_TEST_DB_NAME", "nonstop_test");
    static final String USER = env("NONSTOP_TEST_DB_USER", "nonstop_test");
    static final String PASSWORD = env("NONSTOP_TEST_DB_PASSWORD", "nonstop_test");
    static final String OPTIONS = "?connectionTimeZone=UTC&useUnicode=true&characterEncoding=utf8";

    @BeforeAll
    static void freshDatabase() {
        try (Connection connection = DriverManager.getConnection(SERVER + OPTIONS + "&connectTimeout=3000",
                USER, PASSWORD); Statement sql = connection.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException unreachable) {
            String message = "No MySQL-compatible server for the persistence tests at " + SERVER + " as " + USER
                    + " (" + unreachable.getMessage() + "). Start MariaDB and create the user as .ci/run does.";
            if (required()) {
                Assertions.fail(message);
            }
            System.err.println("SKIPPED MariaDbPersistenceTest: " + message);
            Assumptions.abort(message);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SERVER + DATABASE + OPTIONS);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || Boolean.getBoolean("nonstop.test.mysql.required");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
