package dev.cohesion.stack.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One database and one login role per service, created idempotently with a superuser connection. */
public final class ServiceDatabases {

    /** Opens a connection to the server's maintenance database as a role allowed to create roles and databases. */
    @FunctionalInterface
    public interface AdminConnection {
        Connection open() throws SQLException;
    }

    private ServiceDatabases() {
    }

    public static void ensure(AdminConnection admin, String database, String user, String password) throws SQLException {
        requireIdentifier(database);
        requireIdentifier(user);
        try (Connection c = admin.open(); Statement st = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                st.execute("create role " + user + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                st.execute("create database " + database + " owner " + user);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
        }
    }
}
