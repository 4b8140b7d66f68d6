package dev.herald.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Herald's house rules over every module, herald-store-jdbc included: this module sees them all, so it checks the
 * whole.
 */
class LayeringTest {
    private static final JavaClasses HERALD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the store contract and fixtures come from herald-store-jdbc's test-jar: tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.herald");

    private static final String CORE = "dev.herald.core..";
    private static final String AUTH = "dev.herald.auth..";
    private static final String TEMPLATES = "dev.herald.templates..";
    private static final String TRANSPORT = "dev.herald.transport..";
    private static final String STORE = "dev.herald.store..";
    private static final String ENGINE = "dev.herald.engine..";

    @Test
    void theCoreKnowsNoFrameworkAndNoAdapter() {
        noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat().resideInAnyPackage(
                "com.google.inject..", "jakarta.inject..", "io.netty..", "reactor..",
                "com.fasterxml.jackson.databind..", "freemarker..", "io.github.resilience4j..",
                AUTH, TEMPLATES, TRANSPORT, STORE, ENGINE, "dev.herald.gateway..")
                .check(HERALD);
    }

    @Test
    void adaptersDoNotDependOnOneAnother() {
        adapterSeesOnlyCore(AUTH, TEMPLATES, TRANSPORT, STORE).check(HERALD);
        adapterSeesOnlyCore(TEMPLATES, AUTH, TRANSPORT, STORE).check(HERALD);
        adapterSeesOnlyCore(TRANSPORT, AUTH, TEMPLATES, STORE).check(HERALD);
        adapterSeesOnlyCore(STORE, AUTH, TEMPLATES, TRANSPORT).check(HERALD);
    }

    private static ArchRule adapterSeesOnlyCore(String adapter, String... others) {
        String[] forbidden = Arrays.copyOf(others, others.length + 2);
        forbidden[others.length] = ENGINE;
        forbidden[others.length + 1] = "dev.herald.gateway..";
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because("only the composition root sees every adapter");
    }

    @Test
    void theEngineKnowsNothingOfTheGatewayItsServerOrItsCommand() {
        noClasses().that().resideInAPackage(ENGINE).should().dependOnClassesThat().resideInAnyPackage(
                "dev.herald.gateway..", "io.modelcontextprotocol..", "org.eclipse.jetty..", "jakarta.servlet..",
                "picocli..", "ch.qos.logback..")
                .because("a library user takes herald-engine without the ContextForge side")
                .check(HERALD);
    }

    @Test
    void theJdbcStoreSeesOnlyTheCoreItsDatabaseLibrariesAndGuice() {
        classes().that().resideInAPackage(STORE).should().onlyDependOnClassesThat().resideInAnyPackage(
                STORE, CORE, "java..", "javax.sql..", "org.slf4j..", "org.flywaydb..", "com.zaxxer.hikari..",
                "org.sqlite..", "org.postgresql..", "com.google.inject..", "jakarta.inject..",
                // EventJson: an event's metadata and violations are stored as JSON text
                "com.fasterxml.jackson..")
                .because("herald-store-jdbc depends on herald-core and its JDBC libraries, never on the gateway")
                .check(HERALD);
    }

    @Test
    void guiceAppearsOnlyInModulesAndInjectConstructors() {
        noClasses().that().haveSimpleNameNotEndingWith("Module")
                .and().haveNameNotMatching(".*Module\\$\\d+") // a module's anonymous listener
                .and().resideOutsideOfPackage("dev.herald.gateway..")
                // Herald.start is the one bootstrap: it creates the injector
                .and().doNotHaveFullyQualifiedName("dev.herald.engine.Herald")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("domain and adapter classes are plain; Guice lives in *Module classes")
                .check(HERALD);
        constructors().that().areAnnotatedWith("jakarta.inject.Inject")
                .should().beDeclaredInClassesThat().resideOutsideOfPackage(CORE)
                .allowEmptyShould(true)
                .check(HERALD);
    }
}
