package dev.cohesion.stack.cli;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.keycloak.KeycloakClient;
import dev.cohesion.stack.keycloak.RealmSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./cohesion token}: prints a token signed with the development key that `up` configured, or, with
 * {@code --oidc}, one that the running local Keycloak issues through a real sign-in. It says who the caller is (a
 * subject, a verified e-mail address, the platform administrator, a partner's client); what that caller may do in
 * a network comes from the services' records (docs/security.md).
 */
final class Token {

    private final Path dataDir;
    private final Path keyDir;
    private final Options options;

    Token(Path root, Options options) {
        this.dataDir = root.resolve(options.value("data-dir", ".cohesion"));
        this.keyDir = dataDir.resolve("keys");
        this.options = options;
    }

    int run() {
        if (options.flag("oidc")) {
            return fromKeycloak();
        }
        if (!Files.exists(DevKeys.publicKeyFile(keyDir))) {
            throw new UsageException("no development key yet in " + keyDir + ": run ./cohesion up first");
        }
        DevKeys keys;
        try {
            keys = DevKeys.loadOrCreate(keyDir);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        boolean admin = options.flag("admin");
        String partner = options.value("partner", null);
        String subject = options.value("subject", admin ? "platform-admin" : partner);
        if (subject == null) {
            throw new UsageException("give --subject NAME (a person), --partner CLIENT_ID (a partner's client) or --admin");
        }
        Tokens token = Tokens.forSubject(keys, subject);
        if (admin) {
            token.admin();
        }
        if (partner != null) {
            token.client(partner);
        }
        String email = options.value("email", null);
        if (email != null) {
            token.email(email);
        }
        System.out.println(token.sign());
        return 0;
    }

    /** A password grant (a realm user or a demo member) or a partner's client credentials at `up --oidc`'s Keycloak. */
    private int fromKeycloak() {
        Path workDir = dataDir.resolve("keycloak");
        if (!Files.isDirectory(workDir.resolve("credentials"))) {
            throw new UsageException("no local Keycloak yet in " + workDir + ": run ./cohesion up --oidc first");
        }
        RealmSecrets secrets;
        try {
            secrets = RealmSecrets.in(workDir);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        KeycloakClient keycloak = new KeycloakClient("http://127.0.0.1:" + options.port("keycloak-port", 8180), secrets.adminPassword());
        String partner = options.value("partner", null);
        String user = options.flag("admin") ? "admin" : options.value("user", null);
        try {
            if (partner != null) {
                System.out.println(keycloak.clientCredentialsToken(partner, secrets.clientSecret(partner)));
            } else if (user != null) {
                System.out.println(keycloak.passwordToken(user, secrets.isRealmUser(user) ? secrets.password(user) : secrets.demoPassword()));
            } else {
                throw new UsageException("give --user NAME (olga, omar, maria, peter or a demo member), --partner CLIENT_ID or --admin");
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new UsageException(e.getMessage() + " (is ./cohesion up --oidc running?)");
        }
        return 0;
    }
}
