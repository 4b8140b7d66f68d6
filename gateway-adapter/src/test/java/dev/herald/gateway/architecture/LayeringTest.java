package dev.herald.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Herald's house rules over every module: this module sees them all, so it checks the whole. */
class LayeringTest {
    private static final JavaClasses HERALD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.herald");

    private static final String CORE = "dev.herald.core..";
    private static final String AUTH = "dev.herald.auth..";
    private static final String TEMPLATES = "dev.herald.templates..";
    private static final String TRANSPORT = "dev.herald.transport..";

    @Test
    void theCoreKnowsNoFrameworkAndNoAdapter() {
        noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat().resideInAnyPackage(
                "com.google.inject..", "jakarta.inject..", "io.netty..", "reactor..",
                "com.fasterxml.jackson.databind..", "freemarker..", "io.github.resilience4j..",
                AUTH, TEMPLATES, TRANSPORT, "dev.herald.gateway..")
                .check(HERALD);
    }

    @Test
    void adaptersDoNotDependOnOneAnother() {
        adapterSeesOnlyCore(AUTH, TEMPLATES, TRANSPORT).check(HERALD);
        adapterSeesOnlyCore(TEMPLATES, AUTH, TRANSPORT).check(HERALD);
        adapterSeesOnlyCore(TRANSPORT, AUTH, TEMPLATES).check(HERALD);
    }

    private static ArchRule adapterSeesOnlyCore(String adapter, String other1, String other2) {
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat()
                .resideInAnyPackage(other1, other2, "dev.herald.gateway..")
                .because("only the composition root sees every adapter");
    }

    @Test
    void guiceAppearsOnlyInModulesAndInjectConstructors() {
        noClasses().that().haveSimpleNameNotEndingWith("Module")
                .and().resideOutsideOfPackage("dev.herald.gateway..")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("domain and adapter classes are plain; Guice lives in *Module classes")
                .check(HERALD);
        constructors().that().areAnnotatedWith("jakarta.inject.Inject")
                .should().beDeclaredInClassesThat().resideOutsideOfPackage(CORE)
                .allowEmptyShould(true)
                .check(HERALD);
    }
}
