package dev.herald.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code herald-bom} aligns every module a user can depend on: a module added to the build without its line in the
 * BOM, or a BOM whose version drifts from the build's, fails here.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("herald-bom/pom.xml"));
        List<String> published = new ArrayList<>();
        for (String module : texts(child(parent.getDocumentElement(), "modules"), "module")) {
            Element pom = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
            String artifact = text(pom, "artifactId");
            if (!artifact.equals("herald-bom") && !artifact.equals("herald-benchmarks") && !notDeployed(pom)) {
                published.add(artifact);
            }
        }
        Element managed = child(child(bom.getDocumentElement(), "dependencyManagement"), "dependencies");
        List<String> inBom = new ArrayList<>();
        NodeList deps = managed.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            assertThat(text(dep, "groupId")).isEqualTo("dev.herald");
            assertThat(text(dep, "version")).isEqualTo("${project.version}");
            inBom.add(text(dep, "artifactId"));
        }

        assertThat(published).isNotEmpty();
        assertThat(inBom).containsAll(published);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength())
                .as("the BOM must not inherit the parent's third-party versions").isZero();
    }

    /** A module that skips deployment (the consumer check) is not published, so the BOM need not name it. */
    private static boolean notDeployed(Element pom) {
        NodeList skip = pom.getElementsByTagName("maven.deploy.skip");
        return skip.getLength() > 0 && skip.item(0).getTextContent().strip().equals("true");
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        try (var in = Files.newInputStream(pom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e.getTextContent().strip());
            }
        }
        return out;
    }
}
