package org.layer45.handshake;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.Verifier;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.CertificateVerify;

/** CertificateVerify signing input and verification (RFC 8446 §4.4.3). */
public final class Signatures {
    private static final byte[] SERVER_CONTEXT =
            "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_CONTEXT =
            "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    /**
     * RFC 8446 §4.4.3: 64 bytes of 0x20, the context string, a single 0 byte, then
     * Transcript-Hash(Handshake Context, Certificate).
     *
     * @param signer the role of the signer
     */
    public static byte[] certificateVerifyContent(Role signer, byte[] transcriptHash) {
        byte[] context = signer == Role.SERVER ? SERVER_CONTEXT : CLIENT_CONTEXT;
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        out[64 + context.length] = 0;
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }

    /**
     * Checks a peer's CertificateVerify: the scheme must be one we offered, allowed in TLS 1.3 and
     * matching the leaf key (else illegal_parameter); the signature must verify (else decrypt_error).
     */
    public static void verifyCertificateVerify(CryptoBackend backend, java.util.List<SignatureScheme> offered,
            CertificateVerify cv, PublicKey leafKey, Role signer, byte[] transcriptHash) throws TlsFailure {
        SignatureScheme scheme = cv.scheme();
        if (!offered.contains(scheme) || !scheme.allowedInTls13CertificateVerify()) {
            throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.UNOFFERED_SIGNATURE_SCHEME,
                    "peer signed with a scheme we did not offer (" + scheme + ")");
        }
        if (!backend.canVerify(scheme, leafKey)) {
            throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.UNOFFERED_SIGNATURE_SCHEME,
                    "signature scheme does not match the certificate key (" + scheme + ")");
        }
        Verifier verifier = backend.verifier(scheme, leafKey);
        if (!verifier.verify(certificateVerifyContent(signer, transcriptHash), cv.signature())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_SIGNATURE,
                    "certificate verify signature is invalid");
        }
    }
}
