package dev.cohesion.stack.demo;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.keycloak.LocalKeycloak;

/**
 * Where the demo's people and its partner get their tokens: signed with the development key (`./cohesion up
 * --demo`), or from Keycloak (`--oidc`). A token says who someone is; the demo makes them members, organisers and
 * a partner through the public APIs, like anyone would.
 */
public interface DemoIdentities {

    /** The platform administrator. */
    String admin();

    /** The subject the provider gives the person (to name the first organiser). */
    String subject(String person);

    /** A person's token; the person is created at the provider if it does not know them yet. */
    String person(String person);

    /** The partner's OAuth client id. */
    String partnerClientId();

    /** The partner's client-credentials token. */
    String partner();

    /** Tokens signed with the development key: each person's subject is their name. */
    static DemoIdentities development(DevKeys keys) {
        return new DemoIdentities() {
            @Override
            public String admin() {
                return Tokens.forSubject(keys, "platform-admin").admin().sign();
            }

            @Override
            public String subject(String person) {
                return person;
            }

            @Override
            public String person(String person) {
                return Tokens.forSubject(keys, person).email(person + "@example.org").sign();
            }

            @Override
            public String partnerClientId() {
                return "demo-events-app";
            }

            @Override
            public String partner() {
                return Tokens.forSubject(keys, partnerClientId()).client(partnerClientId()).sign();
            }
        };
    }

    /** Real sign-ins at the local Keycloak: see {@link KeycloakIdentities}. */
    static DemoIdentities keycloak(LocalKeycloak keycloak) {
        return new KeycloakIdentities(keycloak);
    }
}
