package org.layer45.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Parameter sources shared by the {@code JavaPeer*Test} classes: every Java peer of
 * {@link TlsStack#peers()} in both {@link Role}s, in that order (peer, then role).
 */
final class JavaPeerCases {
    private JavaPeerCases() {
    }

    /** (peer, role) for every Java peer and both roles. */
    static Stream<Arguments> peersAndRoles() {
        List<Arguments> out = new ArrayList<>();
        for (TlsStack peer : TlsStack.peers()) {
            for (Role role : Role.values()) {
                out.add(Arguments.of(peer, role));
            }
        }
        return out.stream();
    }

    /** (peer, role, variant): each (peer, role) once with every one of {@code variants}, in their order. */
    static Stream<Arguments> peersAndRolesWith(Object... variants) {
        return peersAndRoles().flatMap(a -> Stream.of(variants).map(v -> Arguments.of(a.get()[0], a.get()[1], v)));
    }
}
