package dev.cohesion.kit.testapp;

import dev.cohesion.kit.api.security.AccessGrants;
import dev.cohesion.kit.api.security.Caller;
import dev.cohesion.kit.api.security.Identity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The test application has no network records: nobody holds a grant in any network. */
@ApplicationScoped
public class NoGrants implements AccessGrants {

    @Override
    public Uni<Optional<Caller.Grant>> grant(Identity caller, UUID networkId) {
        return Uni.createFrom().item(Optional.empty());
    }
}
