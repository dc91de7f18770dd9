package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;

/**
 * Our TLS 1.3 server against GnuTLS's {@code gnutls-cli} (Debian gnutls-bin 3.7): every suite ×
 * group, and resumption. The other direction (our client against {@code gnutls-serv}, which listens
 * on all interfaces but is only dialled on 127.0.0.1) is {@link GnuTlsServerInteropTest}; more
 * features of this direction are in {@link GnuTlsClientFeaturesTest}.
 */
@Timeout(60)
class GnuTlsInteropTest {
    private static GnuTlsPeer gnutls;

    @BeforeAll
    static void setUp() throws Exception {
        gnutls = GnuTlsPeer.require();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("org.layer45.interop.GnuTlsPeer#tls13SuitesAndGroups")
    void gnutlsClientAgainstOurServer(CipherSuite suite, String gnutlsCipher, NamedGroup group, String gnutlsGroup)
            throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 " + suite.name() + " " + group.name() + " ec-cert");
        List<SessionInfo> sessions = new ArrayList<>();
        String priority = "--priority=NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+" + gnutlsCipher
                + ":-GROUP-ALL:+GROUP-" + gnutlsGroup;
        String out = gnutls.serve(gnutls.serverConfig("ec").build(), 1, List.of(priority), sessions);

        assertTrue(out.contains("Handshake was completed"), out);
        assertTrue(out.contains("(TLS1.3-X.509)"), out);
        assertTrue(out.contains("hello from layer45"), out);
        assertEquals(suite, sessions.get(0).suite());
        assertEquals(group, sessions.get(0).group());
    }

    @Test
    void gnutlsClientResumesWithOurTicket() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 resumption (PSK from ticket)");
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(gnutls.serverConfig("ec").build(), 2, List.of("--resume"), sessions);

        assertTrue(out.contains("This is a resumed session"), out);
        assertFalse(sessions.get(0).resumed());
        assertTrue(sessions.get(1).resumed());
    }
}
