package dev.cohesion.stack.demo;

import dev.cohesion.stack.keycloak.KeycloakClient;
import dev.cohesion.stack.keycloak.LocalKeycloak;
import dev.cohesion.stack.keycloak.RealmSecrets;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The demo's sign-ins at the local Keycloak: the realm's users with their generated passwords, the other demo members
 * created through Keycloak's admin API (one shared generated password), the partner as the realm's
 * partner-ethics-forum client. Tokens live 5 minutes there: each is reused for 4.
 */
final class KeycloakIdentities implements DemoIdentities {

    private static final Duration REUSE = Duration.ofMinutes(4);

    private record Held(String token, long at) {
    }

    private final RealmSecrets secrets;
    private final KeycloakClient client;
    private final Map<String, Held> tokens = new ConcurrentHashMap<>();

    KeycloakIdentities(LocalKeycloak keycloak) {
        this.secrets = keycloak.secrets();
        this.client = keycloak.client();
    }

    private String cached(String who, Supplier<String> signIn) {
        return tokens.compute(who, (k, held) -> held != null && System.nanoTime() - held.at() < REUSE.toNanos() ? held
                : new Held(signIn.get(), System.nanoTime())).token();
    }

    @Override
    public String admin() {
        return cached("admin", () -> client.passwordToken("admin", secrets.password("admin")));
    }

    @Override
    public String subject(String person) {
        return client.userId(person).orElseThrow(() -> new IllegalStateException("no user " + person + " in the realm"));
    }

    @Override
    public String person(String person) {
        return cached(person, () -> {
            if (secrets.isRealmUser(person)) {
                return client.passwordToken(person, secrets.password(person));
            }
            client.ensureUser(person, person + "@example.org", secrets.demoPassword());
            return client.passwordToken(person, secrets.demoPassword());
        });
    }

    @Override
    public String partnerClientId() {
        return "partner-ethics-forum";
    }

    @Override
    public String partner() {
        return cached(partnerClientId(), () -> client.clientCredentialsToken(partnerClientId(), secrets.clientSecret(partnerClientId())));
    }
}
