package dev.herald.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core talks to the world only through its ports: no framework may appear in it. */
class CorePurityTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.herald.core");

    @Test
    void coreDependsOnNoFramework() {
        noClasses().that().resideInAPackage("dev.herald.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.google.inject..", "jakarta.inject..", "javax.inject..",
                        "io.netty..", "reactor..",
                        "com.fasterxml.jackson.databind..",
                        "freemarker..",
                        "io.github.resilience4j..")
                .because("the core is the pure domain; adapters bring the frameworks")
                .check(CORE);
    }

    @Test
    void coreCarriesNoInjectionAnnotations() {
        noClasses().that().resideInAPackage("dev.herald.core..")
                .should().beAnnotatedWith("com.google.inject.Inject")
                .orShould().beAnnotatedWith("jakarta.inject.Singleton")
                .because("the core is built with plain constructors and builders")
                .check(CORE);
    }

    @Test
    void theApiDoesNotLeanOnInternals() {
        noClasses().that().resideInAPackage("dev.herald.core.event").or().resideInAPackage("dev.herald.core.retry")
                .or().resideInAPackage("dev.herald.core.transport").or().resideInAPackage("dev.herald.core.signing")
                .or().resideInAPackage("dev.herald.core.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.herald.core.dispatch..")
                .because("the dispatcher builds on the domain, not the other way round")
                .check(CORE);
    }

    @Test
    void theCorePackagesFormNoCycle() {
        // A cycle (the store port once borrowed the dispatcher's attempt record) means neither package can be
        // understood, tested or moved without the other.
        slices().matching("dev.herald.core.(*)..").should().beFreeOfCycles()
                .because("each core package builds on those below it, never on one above it")
                .check(CORE);
    }

    @Test
    void theDispatcherNeedsOnlyTheOutbox() {
        noClasses().that().resideInAPackage("dev.herald.core.dispatch..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.herald.core.store.DeliveryStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.core.store.DeliveryAdmin")
                .because("a dispatcher appends, leases and ends deliveries; listing and replaying are operators' work")
                .check(CORE);
    }
}
