package dev.herald.store.jdbc.internal;

/** Free text as the stores keep it: without NUL, which PostgreSQL's text refuses, and capped where asked. */
final class StoredText {
    private StoredText() {}

    /** The text with each NUL replaced by U+FFFD; null stays null. */
    static String of(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** The first {@code max} characters of the text, never half of a surrogate pair; NULs replaced. */
    static String capped(String text, int max) {
        if (text == null || text.length() <= max) {
            return of(text);
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return of(text.substring(0, end));
    }
}
