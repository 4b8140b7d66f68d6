package dev.herald.templates.internal;

import freemarker.cache.StrongCacheStorage;
import freemarker.cache.TemplateLoader;
import freemarker.cache.TemplateNameFormat;
import freemarker.core.JSONCFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.UndefinedOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The one FreeMarker configuration of a renderer, locked down because template text comes from config files
 * that are less guarded than code: no class instantiation ({@code ?new}), no {@code ?api}, no object but JSON
 * values in the data model, no template but the registered ones, numbers and booleans in JSON's notation, no
 * auto-escaping (JSON escaping is the helpers' job), no number of more than a thousand digits, and errors thrown,
 * never logged or printed into output. {@link NativeTemplateRules} refuses what the render caps cannot stop.
 */
public final class HardenedConfiguration {
    private HardenedConfiguration() {}

    /** A configuration that loads templates only from the given loader. */
    public static Configuration create(TemplateLoader loader) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);

        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setObjectWrapper(JsonModels.WRAPPER);

        cfg.setTemplateLoader(loader);
        cfg.setLocalizedLookup(false);
        cfg.setTemplateNameFormat(TemplateNameFormat.DEFAULT_2_4_0);
        // Every template is compiled once at start-up and must stay the instance that got its interrupt checks.
        cfg.setCacheStorage(new StrongCacheStorage());
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);

        // A key such as "x.ftlh" must not switch on HTML escaping behind the author's back.
        cfg.setRecognizeStandardFileExtensions(false);
        cfg.setOutputFormat(UndefinedOutputFormat.INSTANCE);
        cfg.setAutoEscapingPolicy(Configuration.DISABLE_AUTO_ESCAPING_POLICY);
        // Only ${...} and <#...>: "#{" and "[#" are literal JSON-ish text, which seed templates rely on.
        cfg.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
        cfg.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX);
        // Columns in error messages as editors count them.
        cfg.setTabSize(1);

        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        // An error an <#attempt> block recovers from is the template's business, not an error in Herald's log.
        cfg.setAttemptExceptionReporter((exception, env) -> { });
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setShowErrorTips(false);

        cfg.setLocale(Locale.ROOT);
        TimeZone utc = TimeZone.getTimeZone("UTC");
        cfg.setTimeZone(utc);
        cfg.setSQLDateAndTimeTimeZone(utc);
        cfg.setArithmeticEngine(BoundedArithmetic.INSTANCE);
        cfg.setNumberFormat("c");
        cfg.setBooleanFormat("c");
        cfg.setCFormat(JSONCFormat.INSTANCE);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        return cfg;
    }
}
