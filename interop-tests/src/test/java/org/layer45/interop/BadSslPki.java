package org.layer45.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local "badssl" certificates (INTEROP.md §0), made with openssl under {@code badssl/} in the
 * {@link TestPki} folder, each with one defect, for nginx virtual hosts named {@code <name>.localhost}:
 * <ul>
 * <li>{@code good}: a leaf under an intermediate CA ({@code int-ca}) that chains to the EC root; served
 *     with the intermediate ({@code good-chain.pem}).</li>
 * <li>{@code incomplete-chain}: the same kind of leaf, served without its intermediate.</li>
 * <li>{@code expired} / {@code not-yet-valid}: validity 2020-01 / 2099, via {@code openssl ca
 *     -startdate/-enddate} (OpenSSL 3.0's {@code x509 -req} cannot back-date).</li>
 * <li>{@code wrong-host}: issued for {@code wrong.host.example}.</li>
 * <li>{@code self-signed}: its own issuer.</li>
 * <li>{@code untrusted-root}: a leaf under a root nobody trusts, served with that root.</li>
 * </ul>
 * Each {@code <name>-chain.pem} is what nginx serves; keys are {@code <name>.key}.
 */
final class BadSslPki {
    static final String DIR = "badssl";
    private static BadSslPki instance;
    final Path dir;

    private BadSslPki(Path dir) {
        this.dir = dir;
    }

    static BadSslPki get(TestPki pki) throws IOException, InterruptedException {
        if (instance == null) {
            BadSslPki b = new BadSslPki(Files.createDirectories(pki.dir.resolve(DIR)));
            b.make(pki);
            instance = b;
        }
        return instance;
    }

    Path chain(String name) {
        return dir.resolve(name + "-chain.pem");
    }

    Path key(String name) {
        return dir.resolve(name + ".key");
    }

    private void make(TestPki pki) throws IOException, InterruptedException {
        String d = DIR + "/";
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        // A minimal `openssl ca` setup: any subject, extensions from -extfile, no text dump in the output.
        Files.writeString(dir.resolve("ca.cnf"), String.join("\n", "[ca]", "default_ca = ca_default",
                "[ca_default]", "database = " + d + "index.txt", "new_certs_dir = " + d + "newcerts",
                "serial = " + d + "serial", "default_md = sha256", "policy = any", "unique_subject = no",
                "[any]", "commonName = supplied", ""));
        Files.writeString(dir.resolve("int.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\n"
                + "keyUsage=critical,keyCertSign,cRLSign\n");

        String ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
        // Intermediate CA under the trusted EC root, and a root nobody trusts.
        pki.openssl("req " + ec + " -keyout " + d + "int-ca.key -out " + d + "int-ca.csr -subj /CN=Layer45-Test-Int");
        pki.openssl("x509 -req -in " + d + "int-ca.csr -CA ca-ec.pem -CAkey ca-ec.key -CAcreateserial -days 30 -out "
                + d + "int-ca.pem -extfile " + d + "int.ext");
        pki.openssl("req -x509 " + ec + " -keyout " + d + "evil-ca.key -out " + d + "evil-ca.pem -days 30"
                + " -subj /CN=Layer45-Untrusted-Root -addext basicConstraints=critical,CA:TRUE");

        leaf(pki, "good", "good.localhost", "-CA " + d + "int-ca.pem -CAkey " + d + "int-ca.key", d + "int-ca.pem");
        leaf(pki, "incomplete-chain", "incomplete-chain.localhost", "-CA " + d + "int-ca.pem -CAkey " + d
                + "int-ca.key", null);
        leaf(pki, "wrong-host", "wrong.host.example", "-CA ca-ec.pem -CAkey ca-ec.key", null);
        leaf(pki, "untrusted-root", "untrusted-root.localhost", "-CA " + d + "evil-ca.pem -CAkey " + d + "evil-ca.key",
                d + "evil-ca.pem");
        caLeaf(pki, "expired", "20200101000000Z", "20200201000000Z");
        caLeaf(pki, "not-yet-valid", "20990101000000Z", "20991231000000Z");
        pki.openssl("req -x509 " + ec + " -keyout " + d + "self-signed.key -out " + d + "self-signed-chain.pem"
                + " -days 30 -subj /CN=self-signed.localhost -addext subjectAltName=DNS:self-signed.localhost");
    }

    private void writeLeafExt(String name, String dnsName) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:" + dnsName + "\n"
                + "extendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n");
    }

    /** A leaf signed with {@code x509 -req}; the served chain is the leaf plus {@code extraPem} if given. */
    private void leaf(TestPki pki, String name, String dnsName, String caArgs, String extraPem)
            throws IOException, InterruptedException {
        String d = DIR + "/";
        writeLeafExt(name, dnsName);
        pki.openssl("req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d + name + ".key -out " + d
                + name + ".csr -subj /CN=" + dnsName);
        pki.openssl("x509 -req -in " + d + name + ".csr " + caArgs + " -CAcreateserial -days 30 -out " + d + name
                + ".pem -extfile " + d + name + ".ext");
        String chain = Files.readString(dir.resolve(name + ".pem"))
                + (extraPem == null ? "" : Files.readString(pki.dir.resolve(extraPem)));
        Files.writeString(chain(name), chain);
    }

    /** A leaf under the EC root with a fixed validity window, from {@code openssl ca}. */
    private void caLeaf(TestPki pki, String name, String start, String end) throws IOException, InterruptedException {
        String d = DIR + "/";
        String dnsName = name + ".localhost";
        writeLeafExt(name, dnsName);
        pki.openssl("req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d + name + ".key -out " + d
                + name + ".csr -subj /CN=" + dnsName);
        pki.openssl("ca -batch -notext -config " + d + "ca.cnf -cert ca-ec.pem -keyfile ca-ec.key -in " + d + name
                + ".csr -out " + d + name + "-chain.pem -startdate " + start + " -enddate " + end + " -extfile " + d
                + name + ".ext");
    }
}
