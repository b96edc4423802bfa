package dev.cohesion.members.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "0.0.0.0",
            "0.1.2.3", "100.64.0.1", "100.127.255.254", "192.0.0.8", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    void local_private_and_reserved_addresses_are_refused(String address) throws Exception {
        assertFalse(WebhookTarget.publicAddress(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2001:db8::1", "2606:4700::1111"})
    void public_addresses_are_allowed(String address) throws Exception {
        assertTrue(WebhookTarget.publicAddress(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.org/x", "https://user:pw@hooks.example.org/x", "https://hooks.example.org/x#frag",
            "/relative", "ftp://hooks.example.org/x", "https:///nohost"})
    void urls_must_be_https_absolute_and_without_credentials_or_fragment(String url) {
        assertTrue(WebhookTarget.urlProblem(URI.create(url), false).isPresent(), url);
    }

    @org.junit.jupiter.api.Test
    void plain_http_only_for_a_development_host() {
        assertEquals(java.util.Optional.empty(), WebhookTarget.urlProblem(URI.create("https://hooks.example.org/x?a=1"), false));
        assertEquals(java.util.Optional.empty(), WebhookTarget.urlProblem(URI.create("http://127.0.0.1:8080/x"), true));
    }
}
