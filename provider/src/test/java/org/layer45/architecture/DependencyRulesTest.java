package org.layer45.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §2: dependencies point one way, {@code jsse → connection → handshake →
 * {message, record, keyschedule, crypto, error, iana}}, and nothing below {@code jsse} touches
 * sockets, channels, javax.net.ssl or threads. Checked on the compiled main classes.
 */
class DependencyRulesTest {
    private static final String ROOT = "org.layer45";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void coreNeverTouchesIoOrJsse() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(pkg("jsse"), pkg("provider"), ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.net.ssl..", "java.net..",
                        "java.nio.channels..")
                .because("DESIGN.md §3: the core is sans-I/O; only the jsse adapter does I/O");
        rule.check(classes);
    }

    @Test
    void coreStartsNoThreads() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(pkg("jsse"), pkg("provider"))
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.CompletableFuture.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Timer.class)
                .because("DESIGN.md §2: connection and below never start threads");
        rule.check(classes);
    }

    @Test
    void connectionDoesNotDependOnJsse() {
        noClasses().that().resideInAnyPackage(pkg("connection"), pkg("handshake"), pkg("message"),
                pkg("record"), pkg("keyschedule"), pkg("crypto"), pkg("error"), pkg("iana"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("jsse"), pkg("provider"))
                .check(classes);
    }

    @Test
    void handshakeDoesNotDependOnConnection() {
        noClasses().that().resideInAnyPackage(pkg("handshake"), pkg("message"), pkg("record"),
                pkg("keyschedule"), pkg("crypto"), pkg("error"), pkg("iana"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("connection"))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void leafPackagesDoNotDependOnHandshake() {
        noClasses().that().resideInAnyPackage(pkg("message"), pkg("record"), pkg("keyschedule"), pkg("crypto"),
                pkg("error"), pkg("iana"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("handshake"))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void errorAndIanaAreLeaves() {
        noClasses().that().resideInAnyPackage(pkg("error"), pkg("iana"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("message"), pkg("record"),
                        pkg("keyschedule"), pkg("crypto"), pkg("handshake"), pkg("connection"), pkg("jsse"))
                .check(classes);
    }

    @Test
    void onlyTheDefaultBackendNamesBackendImplementations() {
        noClasses().that().resideOutsideOfPackages(pkg("crypto.jca"), pkg("crypto.bc"))
                .and().doNotHaveFullyQualifiedName(ROOT + ".crypto.DefaultCryptoBackend")
                .should().dependOnClassesThat().resideInAnyPackage(pkg("crypto.jca"), pkg("crypto.bc"))
                .because("DESIGN.md §2: backends are reached only through the crypto SPI")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheBcBackendNamesBouncyCastle() {
        noClasses().that().resideOutsideOfPackage(pkg("crypto.bc"))
                .and().doNotHaveFullyQualifiedName(ROOT + ".crypto.DefaultCryptoBackend")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
