package dev.cohesion.stack.keycloak;

import dev.cohesion.stack.secrets.Secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm file ({@code keycloak/cohesion-realm.json}, also mounted by docker-compose) and the values of its
 * placeholders: each user's password ({@code ${COHESION_KC_PASSWORD_<USER>}}) and each confidential client's secret
 * ({@code ${COHESION_KC_SECRET_<CLIENT>}}), generated on first use into {@code <workDir>/credentials}, owner-only.
 */
public final class RealmSecrets {

    private static final String RESOURCE = "/keycloak/cohesion-realm.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final String PASSWORD = "COHESION_KC_PASSWORD_";
    private static final String SECRET = "COHESION_KC_SECRET_";

    private final Secrets secrets;
    private final String realm;

    private RealmSecrets(Secrets secrets, String realm) {
        this.secrets = secrets;
        this.realm = realm;
    }

    /** The secrets of the Keycloak whose work directory this is. */
    public static RealmSecrets in(Path workDir) throws IOException {
        try (InputStream in = RealmSecrets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new RealmSecrets(Secrets.in(workDir.resolve("credentials")), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The realm file as Keycloak imports it (it replaces the placeholders from its environment). */
    String realmJson() {
        return realm;
    }

    /** Every placeholder of the realm file with its value: Keycloak's environment. */
    Map<String, String> placeholderValues() {
        Map<String, String> values = new TreeMap<>();
        Matcher m = PLACEHOLDER.matcher(realm);
        while (m.find()) {
            values.put(m.group(1), value(m.group(1)));
        }
        return values;
    }

    /** Whether the realm file has this user. */
    public boolean isRealmUser(String username) {
        return realm.contains("${" + PASSWORD + upper(username) + "}");
    }

    /** The password of a user of the realm file (olga, omar, maria, peter, admin). */
    public String password(String username) {
        if (!isRealmUser(username)) {
            throw new IllegalArgumentException("the realm file has no user " + username);
        }
        return value(PASSWORD + upper(username));
    }

    /** The secret of a confidential client of the realm file (partner-ethics-forum, partner-other, other-app). */
    public String clientSecret(String clientId) {
        String name = SECRET + upper(clientId);
        if (!realm.contains("${" + name + "}")) {
            throw new IllegalArgumentException("the realm file has no confidential client " + clientId);
        }
        return value(name);
    }

    /** The password of the master realm's "admin": the admin console and the admin API. */
    public String adminPassword() {
        return secrets.password("keycloak-admin");
    }

    /** The password of the users the demo creates (`./cohesion up --oidc --demo`). */
    public String demoPassword() {
        return secrets.password("demo-users");
    }

    private String value(String placeholder) {
        return secrets.password(placeholder.toLowerCase(Locale.ROOT));
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
