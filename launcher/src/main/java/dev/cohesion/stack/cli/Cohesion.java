package dev.cohesion.stack.cli;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of {@code ./cohesion}: {@code up} runs the whole system locally, {@code token} prints a bearer token. */
public final class Cohesion {

    private Cohesion() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("cohesion.home", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "help" : args[0];
        Options options = Options.parse(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        int code;
        try {
            code = switch (command) {
                case "up" -> new Up(root, options).run();
                case "token" -> new Token(root, options).run();
                case "help", "--help", "-h" -> help();
                default -> {
                    System.err.println("unknown command '" + command + "'");
                    help();
                    yield 2;
                }
            };
        } catch (UsageException e) {
            System.err.println("cohesion " + command + ": " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static int help() {
        System.out.println("""
                usage: ./cohesion <command> [options]

                  up      start PostgreSQL, Kafka and the three services; Ctrl-C stops everything
                            --demo                  seed the demo network through the public APIs
                            --oidc                  a real Keycloak as the identity provider (needs Java 21+,
                                                    see docs/keycloak.md); without it, development tokens
                            --keycloak-port N       default 8180
                            --members-port N        default 8081
                            --norms-port N          default 8082
                            --metrics-port N        default 8083
                            --instances N           run each service N times (1 to 5), as on Kubernetes; instance k
                                                    (from 0) listens on the service's port + 100·k
                            --members-instances N   the same for one service (also --norms-, --metrics-instances)
                            --postgres-port N       embedded PostgreSQL port, default 5432
                            --postgres-url URL      use this server instead: postgresql://admin:password@host:port/postgres
                            --kafka-port N          default 9092
                            --mail-port N           SMTP server for notices, default 2525 (IMAP on N + 1)
                            --data-dir DIR          default .cohesion (PostgreSQL, Kafka and Keycloak data, logs, dev keys)
                  token   print a bearer token (after a first 'up'); it says who the caller is, and the
                          services' records say what that caller may do in each network
                            --subject S             the person's subject (their id at the identity provider)
                            --email ADDRESS         a verified e-mail address (to accept an invitation)
                            --partner CLIENT_ID     a partner's client-credentials token for that client
                            --admin                 the platform administrator
                            --oidc                  from the running `up --oidc` Keycloak instead, with
                                                    --user NAME, --partner CLIENT_ID or --admin
                """);
        return 0;
    }
}
