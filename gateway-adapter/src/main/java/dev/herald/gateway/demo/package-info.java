/** {@code herald demo}: Herald's main job on its embedded default, against an in-process receiver. */
package dev.herald.gateway.demo;
