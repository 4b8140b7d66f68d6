package dev.herald.gateway.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.herald.gateway.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Parses YAML into plain maps (in file order), lists, strings, numbers, booleans and nulls.
 *
 * <p>Built on Jackson's YAML parser, token by token rather than through its tree, for what a config file needs:
 * a duplicate key is an error (the gateway's PyYAML silently keeps the last one); anchors, aliases and {@code <<}
 * merge keys resolve as in PyYAML (Jackson alone would give the alias's name as a string); and only
 * {@code true}/{@code false} (in any case YAML 1.2 allows) are booleans, so that {@code enabled: yes} is refused
 * rather than read as true. A parse error names the line and column, and never quotes the file's text, which may
 * hold a secret.
 *
 * <p>A config file is small, so a document that is not is refused before it costs anything: at most
 * {@value #MAX_CODE_POINTS} characters, {@value #MAX_DEPTH} levels of nesting and {@value #MAX_ALIASES} aliases;
 * and since a handful of aliases can stand for billions of values (the "billion laughs"), or for one long string
 * many times over, at most {@value #MAX_VALUES} values and {@value #MAX_CHARACTERS} characters of text once every
 * alias is expanded, which bounds the work of every later step.
 */
public final class YamlTree {
    static final int MAX_CODE_POINTS = 1 << 20;
    static final int MAX_DEPTH = 100;
    static final int MAX_ALIASES = 1000;
    static final long MAX_VALUES = 1_000_000;
    static final long MAX_CHARACTERS = 8L << 20;

    private static final Factory FACTORY = new Factory();
    private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final String MERGE_KEY = "<<";

    private final AnchoringParser parser;
    private final String source;
    private final Map<String, Object> anchors = new HashMap<>();
    private final Map<String, Expansion> anchorSizes = new HashMap<>();
    private long nodes;
    private long characters;
    private int aliases;

    /** What one value costs once expanded: the values in it and the characters of its keys and strings. */
    private record Expansion(long nodes, long characters) {}

    private YamlTree(AnchoringParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /**
     * Parses one YAML document.
     *
     * @param source the file's name, for error messages
     * @return the document's root: a map, a list, a scalar, or null for an empty document
     * @throws ConfigException naming the file, line and column of the first syntax error
     */
    public static Object parse(String text, String source) throws ConfigException {
        try (AnchoringParser parser = FACTORY.createParser(new StringReader(text))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlTree tree = new YamlTree(parser, source);
            Object root = tree.value(first);
            if (parser.nextToken() != null) {
                throw tree.error(parser.currentTokenLocation(), "more than one YAML document; expected one");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": cannot read (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private Object value(JsonToken token) throws IOException, ConfigException {
        String anchor = parser.anchor();
        long nodesBefore = nodes;
        long charactersBefore = characters;
        Object value = switch (token) {
            case START_OBJECT -> map();
            case START_ARRAY -> list();
            case VALUE_STRING -> parser.isCurrentAlias() ? alias(parser.getText()) : text(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            // YAML 1.1's yes, no, on and off reach here as booleans; keep them as the text they were.
            case VALUE_TRUE, VALUE_FALSE -> BOOLEAN.matcher(parser.getText()).matches()
                    ? Boolean.valueOf(token == JsonToken.VALUE_TRUE) : parser.getText();
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> throw error(parser.currentTokenLocation(),
                    "a !!binary value is not supported; write the text itself");
            default -> throw error(parser.currentTokenLocation(), "unsupported YAML value (" + token + ")");
        };
        nodes++;
        checkExpansion();
        if (anchor != null) {
            anchors.put(anchor, value);
            anchorSizes.put(anchor, new Expansion(nodes - nodesBefore, characters - charactersBefore));
        }
        return value;
    }

    private String text(String s) {
        characters += s.length();
        return s;
    }

    private void checkExpansion() throws ConfigException {
        if (nodes > MAX_VALUES) {
            throw error(parser.currentTokenLocation(), "too large: more than " + MAX_VALUES + " values once aliases"
                    + " are expanded");
        }
        if (characters > MAX_CHARACTERS) {
            throw error(parser.currentTokenLocation(), "too large: more than " + MAX_CHARACTERS + " characters of"
                    + " text once aliases are expanded");
        }
    }

    private Map<String, Object> map() throws IOException, ConfigException {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> merges = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = text(parser.currentName());
            JsonLocation at = parser.currentTokenLocation();
            Object v = value(parser.nextToken());
            if (MERGE_KEY.equals(key)) {
                merges.add(v);
            } else if (map.containsKey(key)) {
                throw error(at, "duplicate key '" + Values.printable(key) + "'");
            } else {
                map.put(key, v);
            }
        }
        expect(t, JsonToken.END_OBJECT);
        for (Object merge : merges) {
            merge(map, merge);
        }
        return map;
    }

    private void merge(Map<String, Object> into, Object merge) throws ConfigException {
        // Keys written in the map win over merged ones, and earlier merges over later ones, as in PyYAML.
        if (merge instanceof Map<?, ?> m) {
            m.forEach((k, v) -> into.putIfAbsent(String.valueOf(k), v));
        } else if (merge instanceof List<?> list && list.stream().allMatch(i -> i instanceof Map<?, ?>)) {
            for (Object item : list) {
                merge(into, item);
            }
        } else {
            throw error(parser.currentTokenLocation(), "a '<<' merge key takes a map or a list of maps");
        }
    }

    private List<Object> list() throws IOException, ConfigException {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            list.add(value(t));
        }
        expect(t, JsonToken.END_ARRAY);
        return list;
    }

    private Object alias(String name) throws ConfigException {
        if (!anchors.containsKey(name)) {
            throw error(parser.currentTokenLocation(), "alias '*" + Values.printable(name)
                    + "' refers to no anchor defined before it");
        }
        if (++aliases > MAX_ALIASES) {
            throw error(parser.currentTokenLocation(), "too many aliases: more than " + MAX_ALIASES);
        }
        Expansion size = anchorSizes.get(name);
        nodes += size.nodes() - 1;
        characters += size.characters();
        return anchors.get(name);
    }

    private void expect(JsonToken actual, JsonToken expected) throws ConfigException {
        if (actual != expected) {
            throw error(parser.currentTokenLocation(), "unexpected end of the document");
        }
    }

    private ConfigException error(JsonLocation at, String message) {
        return new ConfigException(List.of(source + ": line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ": " + message));
    }

    private static ConfigException syntaxError(JsonProcessingException e, String source) {
        String where;
        String what;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            where = position(marked.getProblemMark());
            what = marked.getProblem() == null ? "invalid YAML" : marked.getProblem();
            if (marked.getContext() != null && marked.getContextMark() != null) {
                what += " (" + marked.getContext() + " at " + position(marked.getContextMark()) + ")";
            }
        } else {
            JsonLocation at = e.getLocation();
            where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            String original = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
            what = original.lines().findFirst().orElse("invalid YAML");
        }
        return new ConfigException(List.of(source + ": " + (where.isEmpty() ? "" : where + ": ")
                + "invalid YAML: " + Values.escape(what, 300)));
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /**
     * Jackson's YAML parser with the limits above, and the anchor of every value: Jackson reports anchors of maps
     * and lists only, so {@code url: &u ...} and a later {@code *u} would not resolve.
     */
    private static final class AnchoringParser extends YAMLParser {
        AnchoringParser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options,
                ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        /** The anchor on the current value, or null; an alias has none of its own. */
        String anchor() {
            return _lastEvent instanceof NodeEvent node && !(node instanceof AliasEvent) ? node.getAnchor() : null;
        }
    }

    private static final class Factory extends YAMLFactory {
        Factory() {
            // From a default factory rather than builder(), whose parser features differ (empty values as "").
            super(limited(new YAMLFactory().rebuild()));
        }

        private static YAMLFactoryBuilder limited(YAMLFactoryBuilder builder) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_CODE_POINTS);
            options.setNestingDepthLimit(MAX_DEPTH);
            // Enforced by the composer, which Jackson's streaming parser does not use: alias() counts them too.
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowRecursiveKeys(false);
            return builder.loaderOptions(options)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        }

        @Override
        public AnchoringParser createParser(Reader reader) throws IOException {
            return (AnchoringParser) super.createParser(reader);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new AnchoringParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    reader);
        }
    }
}
