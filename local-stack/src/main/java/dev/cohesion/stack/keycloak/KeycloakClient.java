package dev.cohesion.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the tests and the demo do with a Keycloak realm, over HTTP as any client would: the OAuth flows (password
 * grant on the test client, client credentials for partners, the browser's authorization code with PKCE) and the
 * admin API (users).
 */
public final class KeycloakClient {

    /** The realm's public client for automated tests: password grant only. */
    public static final String TESTS_CLIENT = "cohesion-tests";
    /** The realm's public client for browser front-ends: authorization code with PKCE (S256). */
    public static final String WEB_CLIENT = "cohesion-web";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*\\baction=\"([^\"]*)\"");

    private final String baseUrl;
    private final String realm = LocalKeycloak.REALM;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String adminToken;
    private long adminTokenAt;

    /** @param adminPassword the master realm's admin's, for the admin API ({@link RealmSecrets#adminPassword()}) */
    public KeycloakClient(String baseUrl, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    private String oidc(String endpoint) {
        return baseUrl + "/realms/" + realm + "/protocol/openid-connect/" + endpoint;
    }

    /** A user's access token by the password grant on {@value #TESTS_CLIENT}. */
    public String passwordToken(String username, String password) {
        return accessToken(oidc("token"), form("grant_type", "password", "client_id", TESTS_CLIENT,
                "username", username, "password", password, "scope", "openid"));
    }

    /** A confidential client's own token (a partner's sign-in). */
    public String clientCredentialsToken(String clientId, String secret) {
        return accessToken(oidc("token"), form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * The browser's sign-in on {@value #WEB_CLIENT}: the authorization request with an S256 code challenge, the
     * login form posted with the user's credentials (Keycloak's cookies carried by hand: it marks them Secure even
     * over http), the redirect caught (nothing listens there), the code exchanged with the verifier.
     */
    public String authorizationCodeWithPkce(String username, String password, String redirectUri) {
        String verifier = random(32);
        String state = random(16);
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(oidc("auth") + "?" + encode(form(
                "client_id", WEB_CLIENT, "response_type", "code", "scope", "openid", "redirect_uri", redirectUri,
                "state", state, "code_challenge", base64Url(sha256(verifier)), "code_challenge_method", "S256")))).GET(), cookies);
        Matcher action = LOGIN_FORM.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no login form: HTTP " + page.statusCode() + " "
                    + page.headers().firstValue("Location").orElse(""));
        }
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form("username", username, "password", password)))), cookies);
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || !location.startsWith(redirectUri)) {
            throw new IllegalStateException("the sign-in of " + username + " was refused (HTTP " + login.statusCode() + ")");
        }
        Map<String, String> answer = query(URI.create(location));
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new IllegalStateException("unexpected redirect: " + location);
        }
        return accessToken(oidc("token"), form("grant_type", "authorization_code", "client_id", WEB_CLIENT,
                "code", answer.get("code"), "redirect_uri", redirectUri, "code_verifier", verifier));
    }

    /** Creates a user with a verified e-mail and a password (or finds it), and returns its id: the subject of its tokens. */
    public String ensureUser(String username, String email, String password) {
        Optional<String> existing = userId(username);
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> user = Map.of("username", username, "email", email, "emailVerified", true, "enabled", true,
                "firstName", username, "lastName", "Demo",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = admin("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the user " + username + ": " + created.statusCode() + " " + created.body());
        }
        return userId(username).orElseThrow();
    }

    /** The id (the subject of its tokens) of the user with exactly this name. */
    public Optional<String> userId(String username) {
        HttpResponse<String> found = admin("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        JsonNode users = read(found.body());
        return users.isArray() && users.size() > 0 ? Optional.of(users.get(0).path("id").asText()) : Optional.empty();
    }

    /** The realm's client with exactly this client id, as the admin API represents it. */
    public Optional<JsonNode> client(String clientId) {
        JsonNode found = read(admin("GET", "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).body());
        return found.isArray() && found.size() > 0 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Creates a client of the realm from its admin API representation. */
    public void createClient(Map<String, Object> representation) {
        HttpResponse<String> created = admin("POST", "/clients", representation);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the client: " + created.statusCode() + " " + created.body());
        }
    }

    private HttpResponse<String> admin(String method, String path, Object body) {
        String token = adminToken();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(request, new LinkedHashMap<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master realm's admin token, reused for 30 s (it lives 60 s; hashing the admin password costs ~170 ms). */
    private synchronized String adminToken() {
        if (adminToken == null || System.nanoTime() - adminTokenAt > Duration.ofSeconds(30).toNanos()) {
            adminToken = accessToken(baseUrl + "/realms/master/protocol/openid-connect/token",
                    form("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword));
            adminTokenAt = System.nanoTime();
        }
        return adminToken;
    }

    private String accessToken(String tokenEndpoint, Map<String, String> form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), new LinkedHashMap<>());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(form.get("grant_type") + " for " + form.get("client_id") + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return read(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(uri.getRawQuery()).orElse("").split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return base64Url(b);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
