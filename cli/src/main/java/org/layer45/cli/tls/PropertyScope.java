package org.layer45.cli.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets system properties for the duration of one handshake and restores what was there before.
 * The provider reads {@code jdk.tls.namedGroups}, {@code jdk.tls.client.SignatureSchemes} and
 * {@code layer45.keylog} when a handshake starts; the CLI runs its handshakes one at a time.
 */
final class PropertyScope implements AutoCloseable {
    private final Map<String, String> previous = new LinkedHashMap<>();

    /** Sets {@code name} to the comma-joined {@code values}; null leaves the property as it is. */
    void set(String name, List<String> values) {
        if (values == null) {
            return;
        }
        previous.putIfAbsent(name, System.getProperty(name));
        System.setProperty(name, String.join(",", values));
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
