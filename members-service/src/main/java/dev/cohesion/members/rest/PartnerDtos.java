package dev.cohesion.members.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.service.PartnerClients;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the partner registry. */
public final class PartnerDtos {

    private PartnerDtos() {
    }

    @Schema(name = "PartnerRegistration", description = "A partner organisation's client at the identity provider, and what it may do.")
    public record Registration(
            @NotBlank @Size(max = 200) @Schema(example = "Ethics Forum events app") String name,
            @Size(min = 1, max = 255) @Pattern(regexp = "[A-Za-z0-9._:@/-]+", message = "letters, digits and . _ : @ / -")
            @Schema(description = "The OAuth client id it signs in with (client credentials), when the client was made at the "
                    + "identity provider by hand. Leave it out where the deployment creates partners' clients: the answer then "
                    + "holds the client's credentials, once.", example = "partner-ethics-forum") String clientId,
            @NotNull @Size(max = 10) @Schema(example = "[\"activities:write\", \"health:read\"]") List<@NotNull PartnerScope> scopes) {
    }

    @Schema(name = "PartnerChange", description = "A new name or new scopes for a registered partner.")
    public record Change(@NotBlank @Size(max = 200) @Schema(example = "Ethics Forum events app") String name,
                         @NotNull @Size(max = 10) List<@NotNull PartnerScope> scopes) {
    }

    @Schema(name = "Partner", description = "A partner registered for the network. Revoked ones are kept for the record.")
    public record View(UUID id, UUID networkId, String name,
                       @Schema(description = "The identity provider that issues its tokens") String issuer, String clientId,
                       @Schema(description = "Whether Cohesion created the client at the identity provider (its secret can then be "
                               + "rotated here, and revocation disables it)") boolean clientProvisioned,
                       List<PartnerScope> scopes, UUID registeredBy, Instant registeredAt, UUID revokedBy, Instant revokedAt,
                       @Schema(description = "When the created client was disabled at the identity provider, after the revocation")
                       Instant clientDisabledAt,
                       @Schema(description = "Also the ETag", example = "1") long version,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "Only in the answer that created the client or rotated its secret: not shown again")
                       Credentials credentials) {

        public static View of(Partner p) {
            return of(p, null);
        }

        public static View of(Partner p, PartnerClients.Credentials credentials) {
            return new View(p.id, p.networkId, p.name, p.issuer, p.clientId, p.clientProvisioned,
                    Arrays.stream(p.scopes).map(PartnerScope::valueOf).toList(), p.registeredBy, p.registeredAt, p.revokedBy, p.revokedAt,
                    p.clientDisabledAt, p.version,
                    credentials == null ? null : new Credentials(credentials.clientId(), credentials.clientSecret(), credentials.tokenUrl()));
        }
    }

    @Schema(name = "PartnerCredentials", description = "What the partner signs in with: the client credentials grant at `tokenUrl`.")
    public record Credentials(@Schema(example = "cohesion-partner-0190f2c3-8d4e-7b6a-9c1d-2e3f4a5b6c7d") String clientId,
                              String clientSecret,
                              @Schema(example = "https://id.example.org/realms/cohesion/protocol/openid-connect/token") String tokenUrl) {
    }
}
