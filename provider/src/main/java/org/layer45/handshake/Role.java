package org.layer45.handshake;

/** Which end of a connection we are (or the peer is). */
public enum Role {
    CLIENT,
    SERVER
}
