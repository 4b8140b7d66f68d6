package dev.herald.templates.internal;

import dev.herald.core.event.Event;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import freemarker.core.ParseException;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.util.Objects;

/**
 * One compiled template. Thread-safe: FreeMarker templates are immutable once parsed, and each rendering has
 * its own data model and writer.
 */
public final class FreemarkerCompiledTemplate implements CompiledTemplate {
    private final String key;
    private final Template template;
    private final SeedTemplate seed;
    private final ModelSettings settings;
    private final int maxOutputBytes;
    private final long maxRenderNanos;
    private final boolean watched;

    /**
     * @param seed the seed template it was translated from, or null for a native FreeMarker template
     * @param watched whether renderings are watched for the render-time cap
     */
    public FreemarkerCompiledTemplate(String key, Template template, SeedTemplate seed, boolean watched,
            ModelSettings settings, int maxOutputBytes, long maxRenderNanos) {
        this.key = key;
        this.template = template;
        this.seed = seed;
        this.settings = settings;
        this.maxOutputBytes = maxOutputBytes;
        this.maxRenderNanos = maxRenderNanos;
        this.watched = watched;
    }

    @Override
    public String key() {
        return key;
    }

    /** The seed template this was translated from; null for a native one. */
    public SeedTemplate seed() {
        return seed;
    }

    ModelSettings settings() {
        return settings;
    }

    int maxOutputBytes() {
        return maxOutputBytes;
    }

    @Override
    public byte[] render(Event event) {
        Objects.requireNonNull(event, "event");
        Utf8Output out = Utf8Output.acquire(maxOutputBytes);
        try {
            renderTo(event, out);
            return out.toByteArray();
        } catch (RenderFailure f) {
            throw new TemplateRenderException(f.getMessage(), f.getCause());
        } catch (IOException e) {
            throw new TemplateRenderException("template '" + key + "': " + e.getMessage(), e);
        } finally {
            out.release();
        }
    }

    /** Renders the event into the writer; on failure the writer holds what was written so far. */
    public void renderTo(Event event, Utf8Output out) throws RenderFailure {
        EventModel model = new EventModel(event, settings);
        if (seed != null) {
            writeSeed(model, out);
            return;
        }
        if (!watched) {
            Throwable failure = process(model, out);
            if (failure != null) {
                throw failureOf(failure, out, false);
            }
            return;
        }
        // The watchdog interrupts this thread; an interrupt the caller had already set must neither abort the
        // rendering at once nor be lost, so it is set aside and put back.
        boolean callerInterrupted = Thread.interrupted();
        RenderWatchdog.Guard guard = RenderWatchdog.arm(maxRenderNanos);
        Throwable failure = process(model, out);
        boolean timedOut = guard.disarm();
        if (callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failureOf(failure, out, timedOut);
        }
    }

    /**
     * A seed template has no logic: literal text and placeholders. Its FreeMarker translation is compiled and
     * checked at start-up, but at run time its segments are written directly with the very helpers the
     * translation calls ({@link SeedTemplate.Position#write}), which gives the same bytes at a fraction of the
     * cost: rendering was most of a single endpoint's delivery cost in the benchmarks.
     */
    private void writeSeed(EventModel model, Utf8Output out) throws RenderFailure {
        try {
            seed.writeTo(model, out);
        } catch (IOException | RuntimeException e) {
            throw failureOf(e, out, false);
        }
    }

    private Throwable process(EventModel model, Utf8Output out) {
        try {
            template.process(model, out);
            return null;
        } catch (TemplateException | IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Out of memory: a step the caps cannot stop (a string doubled in a loop) failed to allocate. What it
            // allocated was this rendering's own and is garbage now; failing this delivery is all it takes.
            return e;
        }
    }

    private RenderFailure failureOf(Throwable failure, Utf8Output out, boolean timedOut) {
        if (out.overflowed()) {
            return new RenderFailure(key, 0, 0, "output exceeds " + out.limit() + " bytes", null);
        }
        if (timedOut) {
            return new RenderFailure(key, 0, 0,
                    "rendering took longer than " + maxRenderNanos / 1_000_000 + " ms", null);
        }
        if (failure instanceof StackOverflowError) {
            return new RenderFailure(key, 0, 0, "recursion too deep", null);
        }
        if (failure instanceof OutOfMemoryError) {
            return new RenderFailure(key, 0, 0, "ran out of memory", null);
        }
        if (failure instanceof TemplateException te) {
            // Positions in a translated seed template are positions in the translation, which nobody wrote.
            boolean ownPosition = seed == null && te.getLineNumber() != null
                    && key.equals(te.getTemplateSourceName());
            String where = te.getTemplateSourceName() != null && !key.equals(te.getTemplateSourceName())
                    ? "in included template '" + te.getTemplateSourceName() + "' at line " + te.getLineNumber()
                            + ", column " + te.getColumnNumber() + ": "
                    : "";
            return new RenderFailure(key, ownPosition ? te.getLineNumber() : 0,
                    ownPosition ? te.getColumnNumber() : 0, where + FreemarkerMessages.of(te), te);
        }
        if (failure instanceof ParseException pe) {
            return new RenderFailure(key, 0, 0, "included template '" + pe.getTemplateName() + "' at line "
                    + pe.getLineNumber() + ", column " + pe.getColumnNumber() + ": "
                    + FreemarkerMessages.ofParse(pe), pe);
        }
        String message = failure.getMessage();
        // FreeMarker's exception for an interrupted rendering is package-private: known by name only.
        if (failure.getClass().getName().endsWith("ThreadInterruptedException")) {
            message = "rendering interrupted";
        }
        return new RenderFailure(key, 0, 0, message == null ? failure.getClass().getSimpleName() : message,
                failure);
    }
}
