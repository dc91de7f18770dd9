package org.layer45.handshake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.layer45.iana.ExtensionType;
import org.layer45.message.extension.Extension;

/**
 * Edits the extensions of a handshake message just before we encode it (in the spirit of Botan's
 * {@code tls_modify_extensions} callback): it may add, remove or reorder entries of the mutable list
 * it is given. Used to reproduce other implementations' messages byte for byte (the RFC 8448 traces
 * carry renegotiation_info, record_size_limit, padding, ...) and for experiments such as GREASE.
 *
 * <p>It only changes what is sent: the handshake does not act on extensions the customizer adds
 * (e.g. adding early_data does not make us send 0-RTT data), and a customizer that changes the value
 * of a negotiated extension (key_share, supported_versions) breaks the handshake. What the
 * customizer sends is what the transcript covers. Rules, checked by {@link #apply} with an
 * {@link IllegalStateException} (a programming error, not a protocol failure):
 * <ul>
 *   <li>no extension type twice (RFC 8446 §4.2: "There MUST NOT be more than one extension of the
 *       same type in a given extension block");
 *   <li>ClientHello: it runs before the PSK binders are computed, on a list whose last entry is our
 *       pre_shared_key when we offer a ticket; that entry must stay last and unchanged (RFC 8446
 *       §4.2.11: it "MUST be the last extension"), and none may be added when we offer no ticket;
 *   <li>HelloRetryRequest: the cookie may be replaced but not removed; the server then expects the
 *       echo of the cookie as sent.
 * </ul>
 * Called on the connection's thread; it need not be thread-safe unless the Config is shared across
 * threads. Default (see {@link #none()}): no change.
 */
@FunctionalInterface
public interface ExtensionCustomizer {

    /** The messages whose extensions can be customized. */
    enum Message {
        CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST, ENCRYPTED_EXTENSIONS
    }

    /**
     * @param message    the message about to be encoded (a second ClientHello after a
     *                   HelloRetryRequest is also {@link Message#CLIENT_HELLO}: it carries a cookie)
     * @param extensions the extensions we are about to send, in order; edit in place
     */
    void customize(Message message, List<Extension> extensions);

    /** The customizer that changes nothing. */
    static ExtensionCustomizer none() {
        return (message, extensions) -> { };
    }

    /**
     * Runs the settings' customizer on a copy of {@code extensions} and checks the rules above.
     *
     * @return the extensions to send (a new mutable list)
     * @throws IllegalStateException if the customizer broke a rule
     */
    static List<Extension> apply(HandshakeSettings settings, Message message, List<Extension> extensions) {
        List<Extension> out = new ArrayList<>(extensions);
        settings.extensionCustomizer().customize(message, out);
        Set<Integer> seen = new HashSet<>();
        for (Extension e : out) {
            if (!seen.add(e.type())) {
                throw new IllegalStateException("extension customizer repeated " + ExtensionType.name(e.type()));
            }
        }
        if (message == Message.CLIENT_HELLO) {
            Extension ours = extensions.isEmpty() ? null : extensions.get(extensions.size() - 1);
            boolean offered = ours != null && ours.type() == ExtensionType.PRE_SHARED_KEY;
            boolean intact = offered ? !out.isEmpty() && out.get(out.size() - 1) == ours
                    : !seen.contains(ExtensionType.PRE_SHARED_KEY);
            if (!intact) {
                throw new IllegalStateException("extension customizer moved, changed or added pre_shared_key: "
                        + "it must stay our last extension (RFC 8446 §4.2.11)");
            }
        }
        if (message == Message.HELLO_RETRY_REQUEST && !seen.contains(ExtensionType.COOKIE)) {
            throw new IllegalStateException("extension customizer removed the hello retry request cookie");
        }
        return out;
    }
}
