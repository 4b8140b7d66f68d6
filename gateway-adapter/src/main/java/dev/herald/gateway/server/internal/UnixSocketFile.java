package dev.herald.gateway.server.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The socket file of a Unix domain socket server: made ready before binding, restricted to its owner after. */
public final class UnixSocketFile {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSocketFile() {
    }

    /**
     * Why the path cannot be served on, if it cannot: it is something other than a socket, or a server listens
     * on it. Changes nothing; a stale socket is no problem.
     */
    public static Optional<String> problem(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!isSocket(path)) {
            return Optional.of("cannot serve on unix:" + path + ": it exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return Optional.of("cannot serve on unix:" + path + ": another server is listening on it");
        } catch (IOException nobodyListens) {
            return Optional.empty();
        }
    }

    /**
     * Removes a stale socket file (one nobody listens on) so that it can be bound again.
     *
     * @throws IllegalStateException when a server listens on it, or the path is something other than a socket
     */
    public static void prepare(Path path) {
        Optional<String> problem = problem(path);
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve on unix:" + path + ": the stale socket file cannot be"
                    + " removed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Lets only the owner connect. The file is created by the bind with the process's umask, which normally
     * withholds write (connect) permission from others, so the moment before this runs opens nothing.
     */
    public static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot restrict unix:" + path + " to its owner ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
