package dev.cohesion.stack.cli;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** {@code --postgres-url postgresql://admin:password@host:port/database}: a server that Cohesion does not start. */
record ExternalPostgres(String host, int port, String database, String user, String password) {

    static ExternalPostgres parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--postgres-url is not a URL: " + e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() == null) {
            throw new UsageException("--postgres-url must look like postgresql://admin:password@host:5432/postgres");
        }
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new ExternalPostgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database,
                decode(userInfo[0]), userInfo.length > 1 ? decode(userInfo[1]) : "");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
