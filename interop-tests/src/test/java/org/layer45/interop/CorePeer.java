package org.layer45.interop;

import org.layer45.connection.Config;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.TrustedCertificatesVerifier;

/**
 * A native peer binary ({@link OpenSslPeer}, {@link GnuTlsPeer}) run from the test PKI's folder
 * against our sans-I/O core: the core configurations those tests start from.
 */
abstract class CorePeer {
    final TestPki pki;

    CorePeer(TestPki pki) {
        this.pki = pki;
    }

    /** Our client: SNI and hostname check for localhost, trusting the test CA. */
    Config.Builder clientConfig() throws Exception {
        return Config.builder().serverName("localhost")
                .peerVerifier(TrustedCertificatesVerifier.pkix(pki.certificates("ca.pem")));
    }

    /** Our server with {@code server-<cert>} ("ec", "rsa", "ed25519"). */
    Config.Builder serverConfig(String cert) throws Exception {
        return Config.builder().certificateSelector(CertificateSelector.fixed(certifiedKey("server-" + cert)));
    }

    /** Our ECDSA server requiring a client certificate that chains to the test CA. */
    Config.Builder clientAuthServerConfig() throws Exception {
        return serverConfig("ec").clientAuth(ClientAuth.REQUIRED)
                .peerVerifier(TrustedCertificatesVerifier.pkix(pki.certificates("ca.pem")));
    }

    /** The test PKI's chain {@code <name>.pem} with its key. */
    CertifiedKey certifiedKey(String name) throws Exception {
        return CertifiedKey.of(pki.certificates(name + ".pem"), pki.privateKey(name));
    }
}
