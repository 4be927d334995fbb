package im.satellite.bench.irc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux's count of connections dropped because a listening socket's accept queue was full
 * ({@code TcpExt: ListenOverflows} in {@code /proc/net/netstat}), machine-wide. ngircd listens with a backlog of
 * 10: a burst of connects overflows it, the kernel drops the SYNs and the clients retry after a second, so the
 * join times are read next to this counter.
 */
final class ListenOverflows {
    private ListenOverflows() {
    }

    /** The counter now, or -1 where it cannot be read. */
    static long now() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split(" ");
                    String[] values = lines.get(i + 1).split(" ");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("ListenOverflows")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figure.
        }
        return -1;
    }
}
