package dev.kqlhunt.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the TCP sockets this JVM listens on, from Linux's {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}, keeping the entries whose inode is one of this process's open file
 * descriptors.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final Path PROC = Path.of("/proc");

    /** A listening socket: the local address in /proc's hexadecimal form, and the port. */
    record Listener(String hexAddress, int port) {

        /** Returns whether the address is 127.0.0.1, ::1 or 127.0.0.1 mapped into IPv6. */
        boolean isLoopback() {
            return hexAddress.equals("0100007F")
                    || hexAddress.equals("00000000000000000000000001000000")
                    || hexAddress.equals("0000000000000000FFFF00000100007F");
        }
    }

    private ListeningSockets() {}

    static boolean isSupported() {
        return Files.isReadable(PROC.resolve("net").resolve("tcp"))
                && Files.isDirectory(PROC.resolve("self").resolve("fd"));
    }

    /** Returns the sockets this process listens on now. */
    static Set<Listener> ofThisProcess() throws IOException {
        Set<String> inodes = socketInodes();
        Set<Listener> listeners = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = PROC.resolve("net").resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }

    /** Returns the inode numbers of this process's open sockets. */
    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve("self").resolve("fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        }
        return inodes;
    }
}
