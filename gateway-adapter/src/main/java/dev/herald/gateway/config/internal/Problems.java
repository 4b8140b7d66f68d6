package dev.herald.gateway.config.internal;

import dev.herald.gateway.config.LoadedPluginConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The errors found so far, each {@code path: message}, in the order found.
 *
 * <p>It also remembers two kinds of paths. A path whose environment reference failed is silenced, so that the
 * empty text put in its place does not raise a second, misleading error. A path whose value came from the
 * environment is marked, so that messages describe that value without quoting it: an environment variable may
 * hold a secret even where the key does not look like one. And the config's secrets are known, so that a secret
 * also written where no secret belongs (pasted into the wrong key) is masked in every message.
 */
public final class Problems {
    private static final int MIN_MASKED = 8;

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Every failure, reported or silenced: a step that failed only silently has still failed. */
    private int failures;
    private final Set<String> silenced = new HashSet<>();
    private final Set<String> fromEnvironment = new HashSet<>();
    private final Set<String> secrets = new HashSet<>();

    /** Records an error at a path, unless that path's environment reference already failed. */
    public void add(String path, String message) {
        failures++;
        if (!isSilenced(path)) {
            errors.add(path + ": " + message);
        }
    }

    /**
     * Records a warning at a path: something that works but is almost surely a mistake. Warnings travel with the
     * loaded config, for {@code check} and {@code serve} to print.
     */
    public void warn(String path, String message) {
        warnings.add(path + ": " + message);
    }

    /**
     * Records the error of a validator whose messages start with a key relative to {@code basePath}
     * ({@code timeout: must be ...} under {@code webhooks[0]} becomes {@code webhooks[0].timeout: must be ...}).
     */
    public void addRelative(String basePath, String message) {
        String text = message == null ? "invalid" : message;
        int colon = text.indexOf(": ");
        if (colon > 0 && text.lastIndexOf(' ', colon - 1) < 0) {
            add(ConfigPath.child(basePath, text.substring(0, colon)), text.substring(colon + 2));
        } else {
            add(basePath, text);
        }
    }

    void silence(String path) {
        silenced.add(path);
    }

    void markFromEnvironment(String path) {
        fromEnvironment.add(path);
    }

    /**
     * Masks the value wherever a message would quote it, whole or cut short. Values under eight characters are
     * left alone: masking them would mask ordinary words of the messages, and no real secret is that short.
     */
    public void maskEverywhere(String secret) {
        if (secret != null && secret.length() >= MIN_MASKED) {
            secrets.add(secret);
        }
    }

    /** Whether the value at this path was read from the environment, and must therefore not be quoted. */
    boolean isFromEnvironment(String path) {
        return fromEnvironment.contains(path);
    }

    private boolean isSilenced(String path) {
        for (String s : silenced) {
            if (path.equals(s) || path.startsWith(s + ".") || path.startsWith(s + "[")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many failures so far, silenced ones included; comparing two counts tells whether a step found anything.
     * A silenced failure counts: a value whose environment reference failed is no value, and what depends on it
     * must neither be built from it nor raise a second error about it.
     */
    public int count() {
        return failures;
    }

    public boolean isEmpty() {
        return failures == 0;
    }

    /** The errors, in the order found, with every known secret masked. */
    public List<String> errors() {
        return masked(errors);
    }

    /** The warnings, in the order found, with every known secret masked. */
    public List<String> warnings() {
        return masked(warnings);
    }

    private List<String> masked(List<String> lines) {
        List<String> masked = new ArrayList<>(lines.size());
        for (String error : lines) {
            String m = error;
            for (String secret : secrets) {
                m = m.replace(secret, LoadedPluginConfig.REDACTED)
                        .replace(Values.printable(secret), LoadedPluginConfig.REDACTED);
            }
            masked.add(m);
        }
        return List.copyOf(masked);
    }
}
