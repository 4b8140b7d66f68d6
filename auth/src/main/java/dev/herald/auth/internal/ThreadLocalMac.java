package dev.herald.auth.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One keyed {@link Mac} per thread. {@code Mac.getInstance} plus {@code init} costs more than hashing a small body,
 * so each thread clones a prototype keyed once at start-up and reuses it; {@code doFinal} leaves it reset.
 */
public final class ThreadLocalMac {
    private final Mac prototype;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> perThread;

    /**
     * Keys a MAC; the caller has checked that {@code key} is not empty.
     *
     * @param jcaAlgorithm for example {@code HmacSHA256}
     */
    public ThreadLocalMac(String jcaAlgorithm, byte[] key) {
        this.key = new SecretKeySpec(key, jcaAlgorithm);
        this.prototype = newMac(this.key);
        this.perThread = ThreadLocal.withInitial(this::copy);
    }

    /** This thread's MAC, reset and keyed; use it and finish with {@code doFinal} before yielding it. */
    public Mac get() {
        return perThread.get();
    }

    /** The MAC of {@code data} in one call. */
    public byte[] mac(byte[] data) {
        return get().doFinal(data);
    }

    private Mac copy() {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            // A provider without clone support costs one init per thread, not per request.
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute " + key.getAlgorithm(), e);
        }
    }

    @Override
    public String toString() {
        return "ThreadLocalMac[" + key.getAlgorithm() + "]";
    }
}
