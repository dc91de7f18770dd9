package org.layer45.jsse;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.layer45.crypto.CryptoBackend;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.Role;
import org.layer45.iana.SignatureScheme;

/**
 * Bridges an application's {@link X509KeyManager} to the core's {@link CertificateSelector}, calling
 * it as SunJSSE does for TLS 1.3: a server asks {@code chooseEngineServerAlias(keyType, null, engine)}
 * (or {@code chooseServerAlias(keyType, null, socket)} on a socket) once per key type the client's
 * signature_algorithms allow, in order ("EC", "RSASSA-PSS", "RSA", "EdDSA"); a client asks
 * {@code chooseEngineClientAlias(keyTypes, null, engine)} once. The SNI names the client sent are
 * on the handshake session first, so SNI-aware key managers (NewSunX509/PKIX) can pick by name.
 */
final class KeyManagerSelector implements CertificateSelector {
    private final X509KeyManager km;
    private final Engine engine;
    private final CryptoBackend backend;

    KeyManagerSelector(X509KeyManager km, Engine engine, CryptoBackend backend) {
        this.km = km;
        this.engine = engine;
        this.backend = backend;
    }

    @Override
    public CertifiedKey select(Role role, List<String> serverNames, List<SignatureScheme> signatureSchemes,
            List<SignatureScheme> signatureSchemesCert) {
        Session hs = engine.handshakeSessionInternal();
        // As SunJSSE: getPeerSupportedSignatureAlgorithms() is what the peer accepts in certificates
        // (signature_algorithms_cert, else signature_algorithms, RFC 8446 §4.2.3); the PKIX key manager
        // checks our chain against it, and TLS 1.3 signature_algorithms may omit rsa_pkcs1_*.
        hs.setPeerSignatureSchemes(signatureSchemesCert);
        if (role == Role.SERVER) {
            hs.setRequestedServerNames(serverNames);
            if (!sniAccepted(engine.parameters().sniMatchers, serverNames)) {
                return null; // the core answers handshake_failure (documented: SunJSSE sends unrecognized_name)
            }
        }
        if (km == null) {
            return null;
        }
        List<String> keyTypes = keyTypes(signatureSchemes);
        CertifiedKey key = role == Role.SERVER ? chooseServer(keyTypes, signatureSchemes)
                : chooseClient(keyTypes, signatureSchemes);
        if (key != null) {
            hs.setLocalCertificates(key.chain());
        }
        return key;
    }

    private CertifiedKey chooseServer(List<String> keyTypes, List<SignatureScheme> schemes) {
        SSLSocket socket = engine.transportSocket();
        for (String keyType : keyTypes) {
            String alias;
            if (socket != null) {
                alias = km.chooseServerAlias(keyType, null, socket);
            } else if (km instanceof X509ExtendedKeyManager x) {
                alias = x.chooseEngineServerAlias(keyType, null, engine);
            } else {
                alias = km.chooseServerAlias(keyType, null, null);
            }
            CertifiedKey key = load(alias, schemes);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private CertifiedKey chooseClient(List<String> keyTypes, List<SignatureScheme> schemes) {
        String[] types = keyTypes.toArray(String[]::new);
        SSLSocket socket = engine.transportSocket();
        String alias;
        if (socket != null) {
            alias = km.chooseClientAlias(types, null, socket);
        } else if (km instanceof X509ExtendedKeyManager x) {
            alias = x.chooseEngineClientAlias(types, null, engine);
        } else {
            alias = km.chooseClientAlias(types, null, null);
        }
        return load(alias, schemes);
    }

    private CertifiedKey load(String alias, List<SignatureScheme> schemes) {
        if (alias == null) {
            return null;
        }
        X509Certificate[] chain = km.getCertificateChain(alias);
        PrivateKey key = km.getPrivateKey(alias);
        if (chain == null || chain.length == 0 || key == null) {
            return null;
        }
        CertifiedKey ck = CertifiedKey.of(List.of(chain), key);
        for (SignatureScheme s : schemes) {
            if (s.allowedInTls13CertificateVerify() && ck.canSign(s, backend)) {
                return ck;
            }
        }
        return null;
    }

    /** JSSE key types (Standard Algorithm Names) for the signature schemes the peer accepts, in its order. */
    static List<String> keyTypes(List<SignatureScheme> schemes) {
        Set<String> out = new LinkedHashSet<>();
        for (SignatureScheme s : schemes) {
            String name = s.name();
            if (name.startsWith("ecdsa_")) {
                out.add("EC");
            } else if (name.startsWith("rsa_pss_pss_")) {
                out.add("RSASSA-PSS");
            } else if (name.startsWith("rsa_pss_rsae_") || name.startsWith("rsa_pkcs1_")) {
                out.add("RSA");
            } else if (name.equals("ed25519") || name.equals("ed448")) {
                out.add("EdDSA");
            }
        }
        return new ArrayList<>(out);
    }

    /** RFC 6066 §3 with JSSE's SNIMatcher: when matchers are set, a sent host name must match one. */
    private static boolean sniAccepted(Collection<SNIMatcher> matchers, List<String> names) {
        if (matchers == null || matchers.isEmpty() || names.isEmpty()) {
            return true;
        }
        for (SNIMatcher m : matchers) {
            for (String n : names) {
                if (m.getType() == 0 && m.matches(new SNIHostName(n))) {
                    return true;
                }
            }
        }
        return false;
    }
}
