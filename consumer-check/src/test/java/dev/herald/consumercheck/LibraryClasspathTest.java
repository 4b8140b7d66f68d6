package dev.herald.consumercheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a library user's application sees with every Herald module but the gateway adapter on its classpath:
 * Herald itself, and nothing of the {@code herald} command (its HTTP server, the MCP SDK, picocli) and no logging
 * backend, which is the application's choice. The build's enforcer rule checks the dependency tree; this checks
 * the classpath the tests actually run with, class by class, so that a jar that shades one of them in is caught
 * too.
 */
class LibraryClasspathTest {

    @Test
    void herald_s_library_classes_are_there() {
        assertThat(List.of("dev.herald.engine.Herald", "dev.herald.core.dispatch.Dispatcher",
                "dev.herald.transport.http.HttpTransportModule", "dev.herald.store.jdbc.JdbcStoreModule",
                "dev.herald.auth.SigningModule", "dev.herald.templates.FreemarkerTemplatesModule"))
                .allSatisfy(name -> assertThat(loadable(name)).as(name).isTrue());
    }

    @Test
    void nothing_of_the_command_and_no_logging_backend_is_loadable() {
        List<String> forbidden = List.of(
                "org.eclipse.jetty.server.Server",              // the external-plugin server
                "jakarta.servlet.http.HttpServlet",
                "io.modelcontextprotocol.server.McpServer",     // the MCP SDK
                "picocli.CommandLine",                          // the command line
                "dev.herald.gateway.cli.HeraldCli",
                "ch.qos.logback.classic.Logger",                // logging backends
                "org.apache.logging.log4j.core.Logger",
                "org.slf4j.simple.SimpleLogger",
                "org.slf4j.jul.JDK14LoggerAdapter");
        assertThat(forbidden).allSatisfy(name -> assertThat(loadable(name)).as(name).isFalse());
    }

    @Test
    void no_jar_of_the_command_is_on_the_class_path() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> new File(entry).getName()).toList();
        assertThat(jars).isNotEmpty().noneMatch(jar -> jar.startsWith("jetty-") || jar.startsWith("mcp-")
                || jar.startsWith("picocli-") || jar.startsWith("logback-") || jar.startsWith("log4j-core")
                || jar.startsWith("herald-gateway-adapter"));
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, LibraryClasspathTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
