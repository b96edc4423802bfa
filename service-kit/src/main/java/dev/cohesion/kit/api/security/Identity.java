package dev.cohesion.kit.api.security;

import java.time.Instant;

/**
 * Who a verified token says the caller is: the issuer and its subject, the e-mail address if the provider
 * verified it, the OAuth client a client-credentials token was issued to (a partner), whether the provider makes
 * the caller the platform administrator, and when the token expires. What the caller may do in a network does not
 * come from the token: the service's own records decide ({@link AccessGrants}).
 */
public record Identity(String issuer, String subject, String email, boolean emailVerified, String clientId,
                       boolean admin, Instant expiresAt) {

    /** The e-mail address, when the identity provider verified it. */
    public java.util.Optional<String> verifiedEmail() {
        return emailVerified && email != null ? java.util.Optional.of(email) : java.util.Optional.empty();
    }
}
