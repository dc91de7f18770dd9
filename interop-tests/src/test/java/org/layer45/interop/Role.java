package org.layer45.interop;

/** Which side of a loopback connection Layer45 plays; the peer plays the other. */
enum Role {
    LAYER45_CLIENT("Layer45 client"),
    LAYER45_SERVER("Layer45 server");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    boolean layer45IsClient() {
        return this == LAYER45_CLIENT;
    }

    TlsStack client(TlsStack peer) {
        return layer45IsClient() ? TlsStack.LAYER45 : peer;
    }

    TlsStack server(TlsStack peer) {
        return layer45IsClient() ? peer : TlsStack.LAYER45;
    }

    @Override
    public String toString() {
        return label;
    }
}
