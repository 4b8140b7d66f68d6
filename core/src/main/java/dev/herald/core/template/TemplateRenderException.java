package dev.herald.core.template;

/** An event that a template could not render. */
public class TemplateRenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateRenderException(String message) {
        super(message);
    }

    public TemplateRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
