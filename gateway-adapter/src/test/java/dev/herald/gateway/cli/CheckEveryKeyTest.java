package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.config.internal.KnownKeys;
import dev.herald.gateway.config.internal.YamlTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every key the loader knows ({@link KnownKeys}), given each hostile value a user or an attacker would write, run
 * through the real {@code herald check}: a wrong type, null, empty, out of range, an unset environment variable.
 * Each must give exit 0 with a valid config or exit 1 with every problem at its path, and never an exception, a
 * follow-on error or a secret.
 *
 * <p>Slow (some twenty seconds): a few hundred checks, each compiling and sample-rendering every template.
 * {@code OneCauseOneMessageTest} keeps the original failures in the quick loop.
 */
@Tag("slow")
class CheckEveryKeyTest {
    private static final Path BASES = Path.of("src/test/resources/config");
    private static final List<String> BASE_FILES = List.of("every-key.yaml", "every-key-postgres.yaml");
    private static final String UNSET = "HERALD_GENERATIVE_UNSET";
    private static final List<String> SECRETS = List.of("generative-bearer-token-1", "generative-api-key-2",
            "generative-hmac-secret-3", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo",
            "generative-db-password-4");
    private static final Pattern ERROR_LINE = Pattern.compile("  (\\S+): \\S.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private enum Hostile { WRONG_TYPE, NULL, EMPTY, NEGATIVE, TOO_LARGE, UNSET_VARIABLE }

    /** One key of one base file, where it was found. */
    private record Site(Map<String, Object> base, List<Object> path, String display) {}

    @Test
    void everyKeyRefusesHostileValuesWithItsPathAndNothingElse() throws Exception {
        List<Map<String, Object>> bases = new ArrayList<>();
        for (String f : BASE_FILES) {
            bases.add(castMap(YamlTree.parse(Files.readString(BASES.resolve(f)), f)));
        }
        for (Map<String, Object> base : bases) {
            Result valid = check(base, "Herald");
            assertThat(valid.code()).as(valid.err()).isZero();
        }
        // Plain strings rather than soft assertions: a few hundred runs, each with several checks.
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (List<String> key : KnownKeys.paths()) {
            Optional<Site> site = find(bases, key);
            if (site.isEmpty()) {
                failures.add("no base file sets " + key + "; add it to " + BASE_FILES);
                continue;
            }
            for (Hostile h : Hostile.values()) {
                Optional<Object> value = hostile(h, get(site.get().base(), site.get().path()));
                if (value.isPresent()) {
                    runs++;
                    verify(failures, site.get(), h, value.get());
                }
            }
        }
        assertThat(runs).isGreaterThan(KnownKeys.paths().size() * 4);
        assertThat(failures).isEmpty();
    }

    private void verify(List<String> failures, Site site, Hostile h, Object value) throws Exception {
        Map<String, Object> doc = with(site.base(), site.path(), value);
        // The entry is picked by name, so that a hostile kind is checked as a kind; a hostile name is picked by kind.
        boolean isName = site.path().size() == 3 && "name".equals(site.path().get(2));
        Result r = check(doc, isName ? null : "Herald");
        String what = site.display() + " = " + h + " " + JSON.writeValueAsString(value == NullValue.NULL ? null
                : value) + "\n" + r.err() + r.out();
        String all = r.err() + r.out();
        if (r.code() != 0 && r.code() != 1) {
            failures.add("exit " + r.code() + ": " + what);
        }
        for (String leak : List.of("Exception", "\tat ")) {
            if (all.contains(leak)) {
                failures.add("Java internals (" + leak.strip() + "): " + what);
            }
        }
        for (String secret : SECRETS) {
            if (all.contains(secret)) {
                failures.add("a secret is shown: " + what);
            }
        }
        if (r.code() == 0) {
            if (!r.out().contains("check: the config is valid")) {
                failures.add("exit 0 without saying the config is valid: " + what);
            }
            if (h == Hostile.WRONG_TYPE || h == Hostile.TOO_LARGE || h == Hostile.UNSET_VARIABLE) {
                failures.add("accepted: " + what);
            }
            return;
        }
        List<String> lines = r.err().lines().skip(1).toList();
        if (lines.isEmpty()) {
            failures.add("exit 1 without an error: " + what);
        }
        // Null and empty mean "not set", which may rightly break what depends on the key (a template a webhook
        // names); every other hostile value is wrong in itself, and only it may be reported.
        boolean invalidInItself = h != Hostile.NULL && h != Hostile.EMPTY;
        for (String line : lines) {
            var m = ERROR_LINE.matcher(line);
            if (!m.matches()) {
                failures.add("not 'path: problem': " + line + " in " + what);
            } else if (invalidInItself && !isAtOrUnder(m.group(1), site.display())) {
                failures.add("a follow-on error at " + m.group(1) + ": " + what);
            }
        }
        String unset = "  " + site.display() + ": environment variable '" + UNSET + "' is not set";
        if (h == Hostile.UNSET_VARIABLE && !lines.equals(List.of(unset))) {
            failures.add("not exactly one error for an unset variable: " + what);
        }
    }

    private static boolean isAtOrUnder(String path, String key) {
        return path.equals(key) || path.startsWith(key + ".") || path.startsWith(key + "[");
    }

    private static Optional<Object> hostile(Hostile h, Object original) {
        boolean number = original instanceof Number;
        boolean container = original instanceof Map<?, ?> || original instanceof List<?>;
        return switch (h) {
            case WRONG_TYPE -> Optional.of(container ? "wrong" : Map.of("wrong", 1));
            case NULL -> Optional.of(NullValue.NULL);
            case EMPTY -> Optional.of(original instanceof Map<?, ?> ? Map.of()
                    : original instanceof List<?> ? List.of() : "");
            case NEGATIVE -> number ? Optional.of(-1) : Optional.of("  ");
            case TOO_LARGE -> number ? Optional.of(1_000_000_000_000L) : Optional.empty();
            case UNSET_VARIABLE -> Optional.of("{{ env." + UNSET + " }}");
        };
    }

    /** Stands for null in the copy, which a map of Jackson's can hold but Map.of cannot. */
    private enum NullValue { NULL }

    private Result check(Map<String, Object> doc, String plugin) throws Exception {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        // JSON is YAML: written by Jackson, no hostile value can change the document's shape.
        Files.writeString(file, JSON.writeValueAsString(doc));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--config", file.toString()));
        if (plugin != null) {
            args.addAll(List.of("--plugin", plugin));
        }
        int code = new CommandLine(new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {}

    /** The first place, in the first base that has it, where the key is set. */
    private static Optional<Site> find(List<Map<String, Object>> bases, List<String> key) {
        for (Map<String, Object> base : bases) {
            List<Object> entryPath = List.of("plugins", 0);
            Optional<List<Object>> at = find(get(base, entryPath), key, 0, new ArrayList<>(entryPath));
            if (at.isPresent()) {
                return Optional.of(new Site(base, at.get(), display(at.get())));
            }
        }
        return Optional.empty();
    }

    private static Optional<List<Object>> find(Object node, List<String> key, int i, List<Object> path) {
        if (i == key.size()) {
            return Optional.of(path);
        }
        String segment = key.get(i);
        if (segment.equals("[]")) {
            if (node instanceof List<?> l) {
                for (int n = 0; n < l.size(); n++) {
                    List<Object> p = new ArrayList<>(path);
                    p.add(n);
                    Optional<List<Object>> found = find(l.get(n), key, i + 1, p);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        if (node instanceof Map<?, ?> m && m.containsKey(segment)) {
            List<Object> p = new ArrayList<>(path);
            p.add(segment);
            return find(m.get(segment), key, i + 1, p);
        }
        return Optional.empty();
    }

    private static String display(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer n) {
                sb.append('[').append(n).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(segment);
            }
        }
        return sb.toString();
    }

    private static Object get(Object node, List<Object> path) {
        for (Object segment : path) {
            node = segment instanceof Integer n ? ((List<?>) node).get(n) : ((Map<?, ?>) node).get(segment);
        }
        return node;
    }

    /** A deep copy of {@code node} with the value at {@code path} replaced. */
    private static Map<String, Object> with(Map<String, Object> node, List<Object> path, Object value) {
        return castMap(replace(node, path, 0, value));
    }

    private static Object replace(Object node, List<Object> path, int i, Object value) {
        if (i == path.size()) {
            return value == NullValue.NULL ? null : value;
        }
        if (path.get(i) instanceof Integer n) {
            List<Object> copy = new ArrayList<>((List<?>) node);
            copy.set(n, replace(copy.get(n), path, i + 1, value));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>(castMap(node));
        copy.put((String) path.get(i), replace(copy.get(path.get(i)), path, i + 1, value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
