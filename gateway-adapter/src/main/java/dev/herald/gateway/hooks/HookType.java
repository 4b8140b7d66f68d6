package dev.herald.gateway.hooks;

import java.util.Arrays;
import java.util.Optional;

/** The gateway's six hooks that the webhook plugin implements. */
public enum HookType {
    PROMPT_PRE_FETCH("prompt_pre_fetch"),
    PROMPT_POST_FETCH("prompt_post_fetch"),
    TOOL_PRE_INVOKE("tool_pre_invoke"),
    TOOL_POST_INVOKE("tool_post_invoke"),
    RESOURCE_PRE_FETCH("resource_pre_fetch"),
    RESOURCE_POST_FETCH("resource_post_fetch");

    private final String wireName;

    HookType(String wireName) {
        this.wireName = wireName;
    }

    /** The name the gateway uses. */
    public String wireName() {
        return wireName;
    }

    /** The hook of that wire name. */
    public static Optional<HookType> of(String wireName) {
        return Arrays.stream(values()).filter(h -> h.wireName.equals(wireName)).findFirst();
    }
}
