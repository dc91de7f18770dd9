package org.layer45.jsse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.AlgorithmConstraints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

import org.layer45.iana.CipherSuite;

/**
 * The per-engine / per-socket settings that {@link SSLParameters} carries, held in the form the
 * {@link ConfigFactory} needs. Not thread-safe: its owner (Engine, server socket) guards it.
 * Named groups and signature schemes use the JDK 20+ {@code SSLParameters} accessors when they exist
 * (found reflectively, since we compile for JDK 17); otherwise the JDK 17 system properties apply.
 */
final class EngineParameters {
    List<String> protocols;
    List<String> cipherSuites = Protocols.defaultSuiteNames();
    boolean needClientAuth;
    boolean wantClientAuth;
    List<SNIServerName> serverNames;
    Collection<SNIMatcher> sniMatchers;
    List<String> applicationProtocols = List.of();
    String endpointIdentificationAlgorithm;
    AlgorithmConstraints algorithmConstraints;
    boolean useCipherSuitesOrder = true;
    int maximumPacketSize;
    /** Null: from the jdk.tls.namedGroups property or our defaults. */
    List<String> namedGroups;
    /** Null: from the jdk.tls.client/server.SignatureSchemes properties or our defaults. */
    List<String> signatureSchemes;

    private EngineParameters(List<String> protocols) {
        this.protocols = protocols;
    }

    /** Defaults with {@code protocols} enabled (the context's client or server defaults). */
    static EngineParameters defaults(List<String> protocols) {
        return new EngineParameters(protocols);
    }

    EngineParameters copy() {
        EngineParameters p = new EngineParameters(protocols);
        p.cipherSuites = cipherSuites;
        p.needClientAuth = needClientAuth;
        p.wantClientAuth = wantClientAuth;
        p.serverNames = serverNames;
        p.sniMatchers = sniMatchers;
        p.applicationProtocols = applicationProtocols;
        p.endpointIdentificationAlgorithm = endpointIdentificationAlgorithm;
        p.algorithmConstraints = algorithmConstraints;
        p.useCipherSuitesOrder = useCipherSuitesOrder;
        p.maximumPacketSize = maximumPacketSize;
        p.namedGroups = namedGroups;
        p.signatureSchemes = signatureSchemes;
        return p;
    }

    /** SSLEngine.setEnabledCipherSuites: unknown names are refused, known ones kept in order. */
    void setCipherSuites(String[] names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n == null || CipherSuite.byName(n) == null) {
                throw new IllegalArgumentException("unsupported cipher suite: " + n);
            }
            out.add(n);
        }
        cipherSuites = shared(out, cipherSuites, List.of(Protocols.defaultSuiteNames()));
    }

    /** SSLEngine.setEnabledProtocols: names we do not implement are refused. */
    void setProtocols(String[] names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n == null || !Protocols.known(n)) {
                throw new IllegalArgumentException("unsupported protocol: " + n);
            }
            out.add(n);
        }
        protocols = shared(out, protocols,
                List.of(Protocols.SUPPORTED, Protocols.TLS13_ONLY, Protocols.TLS12_ONLY));
    }

    /**
     * {@code chosen} as an immutable list, reusing {@code current} or one of the {@code common} lists
     * when equal: an application that sets the same SSLParameters on every engine then shares one
     * list between all of them instead of keeping a copy per connection (DESIGN.md §6).
     */
    private static List<String> shared(List<String> chosen, List<String> current, List<List<String>> common) {
        if (chosen.equals(current)) {
            return current;
        }
        for (List<String> c : common) {
            if (chosen.equals(c)) {
                return c;
            }
        }
        return List.copyOf(chosen);
    }

    void setNeedClientAuth(boolean need) {
        needClientAuth = need;
        wantClientAuth = false;
    }

    void setWantClientAuth(boolean want) {
        wantClientAuth = want;
        needClientAuth = false;
    }

    SSLParameters toSSLParameters() {
        SSLParameters p = new SSLParameters(cipherSuites.toArray(String[]::new), protocols.toArray(String[]::new));
        if (needClientAuth) {
            p.setNeedClientAuth(true);
        } else if (wantClientAuth) {
            p.setWantClientAuth(true);
        }
        if (serverNames != null) {
            p.setServerNames(serverNames);
        }
        if (sniMatchers != null) {
            p.setSNIMatchers(sniMatchers);
        }
        p.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm(endpointIdentificationAlgorithm);
        p.setAlgorithmConstraints(algorithmConstraints);
        p.setUseCipherSuitesOrder(useCipherSuitesOrder);
        p.setMaximumPacketSize(maximumPacketSize);
        invoke(p, "setNamedGroups", namedGroups);
        invoke(p, "setSignatureSchemes", signatureSchemes);
        return p;
    }

    /** SSLEngine.setSSLParameters: null fields leave the current value (javadoc of setSSLParameters). */
    void apply(SSLParameters p) {
        if (p.getCipherSuites() != null) {
            setCipherSuites(p.getCipherSuites());
        }
        if (p.getProtocols() != null) {
            setProtocols(p.getProtocols());
        }
        if (p.getNeedClientAuth()) {
            setNeedClientAuth(true);
        } else {
            setWantClientAuth(p.getWantClientAuth());
        }
        if (p.getServerNames() != null) {
            serverNames = List.copyOf(p.getServerNames());
        }
        if (p.getSNIMatchers() != null) {
            sniMatchers = List.copyOf(p.getSNIMatchers());
        }
        applicationProtocols = List.of(p.getApplicationProtocols());
        endpointIdentificationAlgorithm = p.getEndpointIdentificationAlgorithm();
        algorithmConstraints = p.getAlgorithmConstraints();
        useCipherSuitesOrder = p.getUseCipherSuitesOrder();
        maximumPacketSize = p.getMaximumPacketSize();
        List<String> groups = getList(p, "getNamedGroups");
        if (groups != null) {
            namedGroups = groups;
        }
        List<String> schemes = getList(p, "getSignatureSchemes");
        if (schemes != null) {
            signatureSchemes = schemes;
        }
    }

    /** Calls a JDK 20+ String[] setter if this JDK has it. */
    private static void invoke(SSLParameters p, String setter, List<String> value) {
        if (value == null) {
            return;
        }
        try {
            Method m = SSLParameters.class.getMethod(setter, String[].class);
            m.invoke(p, (Object) value.toArray(String[]::new));
        } catch (NoSuchMethodException e) {
            // JDK 17-19: the value lives only in this engine's settings
            return;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(setter, e);
        }
    }

    private static List<String> getList(SSLParameters p, String getter) {
        try {
            Method m = SSLParameters.class.getMethod(getter);
            String[] v = (String[]) m.invoke(p);
            return v == null ? null : List.of(v);
        } catch (NoSuchMethodException e) {
            return null; // JDK 17-19
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter, e);
        }
    }
}
