package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;

import org.junit.jupiter.api.Test;
import org.layer45.connection.Config;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * Session values (README "session values"): the provider-specific ones appear when the handshake
 * completes, the application's values sit beside them, and put / remove / names behave as one map
 * (SSLSession javadoc), whether the provider's values are stored or computed.
 */
class SessionValuesTest {

    private static Session handshakeSession() {
        return new Session(new SessionContext(), "example.com", 443, "TLSv1.3", "SSL_NULL_WITH_NULL_NULL",
                Config.DEFAULT_SIGNATURE_SCHEMES_CERT, new byte[32]);
    }

    private static SessionInfo info(NamedGroup group, boolean resumed) {
        return new SessionInfo(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, group, null, null,
                List.of(), List.of(), null, resumed, null, List.of());
    }

    private static Set<String> names(Session s) {
        return Set.of(s.getValueNames());
    }

    @Test
    void providerValuesAppearWhenTheHandshakeCompletes() {
        Session s = handshakeSession();
        assertNull(s.getValue(Session.PROVIDER_KEY));
        assertEquals(Set.of(), names(s));
        s.complete(info(NamedGroup.X25519, true));
        assertEquals("Layer45", s.getValue(Session.PROVIDER_KEY));
        assertEquals("x25519", s.getValue(Session.NAMED_GROUP_KEY));
        assertEquals(Boolean.TRUE, s.getValue(Session.RESUMED_KEY));
        assertEquals(Set.of(Session.PROVIDER_KEY, Session.NAMED_GROUP_KEY, Session.RESUMED_KEY), names(s));
        assertNull(Session.nullSession().getValue(Session.PROVIDER_KEY));
        assertEquals(0, Session.nullSession().getValueNames().length);
    }

    @Test
    void noGroupMeansNoGroupValue() {
        Session s = handshakeSession();
        s.complete(info(null, false));
        assertNull(s.getValue(Session.NAMED_GROUP_KEY));
        assertEquals(Boolean.FALSE, s.getValue(Session.RESUMED_KEY));
        assertEquals(Set.of(Session.PROVIDER_KEY, Session.RESUMED_KEY), names(s));
    }

    @Test
    void applicationValuesBeforeCompletion() {
        Session s = handshakeSession();
        s.putValue(Session.PROVIDER_KEY, "mine");
        s.putValue(Session.NAMED_GROUP_KEY, "mine");
        s.putValue(Session.RESUMED_KEY, "mine");
        s.putValue("app", 1);
        s.complete(info(NamedGroup.SECP256R1, false));
        assertEquals("mine", s.getValue(Session.PROVIDER_KEY), "the provider marker yields to the application");
        assertEquals("secp256r1", s.getValue(Session.NAMED_GROUP_KEY), "negotiated facts replace it");
        assertEquals(Boolean.FALSE, s.getValue(Session.RESUMED_KEY));
        assertEquals(1, s.getValue("app"));
        assertEquals(Set.of(Session.PROVIDER_KEY, Session.NAMED_GROUP_KEY, Session.RESUMED_KEY, "app"), names(s));
    }

    @Test
    void applicationOverridesAndRemovesAfterCompletion() {
        Session s = handshakeSession();
        s.complete(info(NamedGroup.X25519, false));
        s.putValue(Session.NAMED_GROUP_KEY, "other");
        assertEquals("other", s.getValue(Session.NAMED_GROUP_KEY));
        s.removeValue(Session.NAMED_GROUP_KEY);
        assertNull(s.getValue(Session.NAMED_GROUP_KEY), "removed, not back to the computed value");
        s.removeValue(Session.PROVIDER_KEY);
        assertNull(s.getValue(Session.PROVIDER_KEY));
        assertEquals(Set.of(Session.RESUMED_KEY), names(s));
        s.putValue(Session.PROVIDER_KEY, "again");
        assertEquals("again", s.getValue(Session.PROVIDER_KEY));
        assertEquals(Set.of(Session.PROVIDER_KEY, Session.RESUMED_KEY), names(s));
    }

    @Test
    void bindingListenersAreToldOnceEach() {
        Session s = handshakeSession();
        List<String> log = new ArrayList<>();
        SSLSessionBindingListener l = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent e) {
                log.add("bound " + e.getName() + " " + (e.getSession() == s));
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent e) {
                log.add("unbound " + e.getName() + " " + (e.getSession() == s));
            }
        };
        s.putValue("x", l);
        s.putValue("x", "plain");
        s.putValue("y", l);
        s.removeValue("y");
        s.removeValue("absent");
        assertEquals(List.of("bound x true", "unbound x true", "bound y true", "unbound y true"), log);
    }

    @Test
    void nullNamesAndValuesAreRefused() {
        Session s = handshakeSession();
        assertThrows(RuntimeException.class, () -> s.putValue(null, "v"));
        assertThrows(RuntimeException.class, () -> s.putValue("n", null));
        assertThrows(RuntimeException.class, () -> s.getValue(null));
        assertThrows(RuntimeException.class, () -> s.removeValue(null));
    }
}
