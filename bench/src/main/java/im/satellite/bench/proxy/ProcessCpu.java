package im.satellite.bench.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time (user + system, all threads) of the processes that serve a contender, from Linux's
 * {@code /proc/<pid>/stat} at 100 ticks per second, so the table can show CPU seconds per GiB relayed next to
 * the throughput. The proxies' processes are found by a string on their command line (the host server's
 * temporary directory), since ejabberd's VM is no child of this JVM.
 */
public final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** The processes whose command line mentions {@code needle}, e.g. a server's work directory. */
    public static List<Long> pidsMentioning(String needle) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(needle)).orElse(false))
                    .map(ProcessHandle::pid).toList();
        }
    }

    /** The summed CPU seconds of the processes; those that ended count as 0. */
    public static double seconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After "pid (comm) ", f[0] is field 3 (state): utime is field 14, stime field 15.
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            } catch (IOException | RuntimeException e) {
                // The process is gone, or this is not Linux: no figure.
            }
        }
        return total;
    }
}
