package dev.herald.consumercheck;

import dev.herald.engine.Herald;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles against Herald as it is, with nothing but its own imports: a
 * reader copies a snippet, and a snippet without its imports, or with an API that has changed, fails the build.
 *
 * <p>A snippet's {@code import} lines head a class of its own; the rest is the body of a method that may throw,
 * given the one thing the README's prose hands from snippet to snippet: {@code config}, a {@link HeraldConfig},
 * unless the snippet declares it.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern DECLARES_CONFIG = Pattern.compile("\\bHeraldConfig\\s+config\\s*=");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```\\s*$");

    @TempDir
    Path classes;

    record Snippet(int line, String code) {}

    static List<Snippet> snippets(String markdown) {
        List<Snippet> found = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            int line = (int) markdown.substring(0, m.start()).lines().count() + 1;
            found.add(new Snippet(line, m.group(1)));
        }
        return found;
    }

    static String asClass(String className, String code) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.lines().toList()) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String given = DECLARES_CONFIG.matcher(body).find() ? "" : "dev.herald.engine.HeraldConfig config";
        return imports + "\nclass " + className + " {\n"
                + "    @SuppressWarnings(\"unused\")\n"
                + "    static void snippet(" + given + ") throws Exception {\n"
                + body + "    }\n}\n";
    }

    /**
     * Compiles the classes, given by name, in one task (the class path is read once) and gives each one's errors,
     * empty when it compiled.
     */
    private Map<String, List<String>> compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((name, source) -> files.add(new SimpleJavaFileObject(
                URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), "-proc:none", "-Xlint:none");
        compiler.getTask(new StringWriter(), null, diagnostics, options, null, files).call();
        Map<String, List<String>> errors = new TreeMap<>();
        sources.keySet().forEach(name -> errors.put(name, new ArrayList<>()));
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                String name = d.getSource().getName().replaceAll(".*/|\\.java$", "");
                errors.get(name).add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    @Test
    void everyJavaSnippetOfTheReadmeCompilesWithItsOwnImports() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README));
        assertThat(snippets).as("java blocks in " + README.toAbsolutePath()).isNotEmpty();
        Map<String, String> sources = new LinkedHashMap<>();
        for (Snippet s : snippets) {
            String className = "ReadmeSnippetAtLine" + s.line();
            sources.put(className, asClass(className, s.code()));
        }

        Map<String, List<String>> errors = compile(sources);

        errors.forEach((name, problems) -> assertThat(problems)
                .as("README.md snippet %s:%n%s", name, sources.get(name)).isEmpty());
    }

    @Test
    void theGatewaysExternalEntryNamesAHostItsClientAccepts() throws IOException {
        // The gateway's config loader refuses an IP-literal MCP URL (its SSRF protection), loopback included.
        Matcher m = Pattern.compile("proto: STREAMABLEHTTP\\s*\\n\\s*url: \"([^\"]+)\"")
                .matcher(Files.readString(README));
        List<String> hosts = new ArrayList<>();
        while (m.find()) {
            hosts.add(URI.create(m.group(1)).getHost());
        }
        assertThat(hosts).isNotEmpty().allSatisfy(host -> assertThat(host)
                .doesNotMatch("[0-9.]+|\\[.*\\]").isEqualTo("localhost"));
    }

    @Test
    void aSnippetWithoutItsImportsFails() {
        String code = """
                HeraldConfig built = HeraldConfig.builder().endpoints(List.of()).build();
                """;
        Map<String, List<String>> errors = compile(Map.of(
                "NoImports", asClass("NoImports", code),
                "WithImports", asClass("WithImports",
                        "import dev.herald.engine.HeraldConfig;\nimport java.util.List;\n" + code)));

        assertThat(errors.get("NoImports")).anySatisfy(e -> assertThat(e).contains("HeraldConfig"))
                .anySatisfy(e -> assertThat(e).contains("List"));
        assertThat(errors.get("WithImports")).isEmpty();
    }
}
