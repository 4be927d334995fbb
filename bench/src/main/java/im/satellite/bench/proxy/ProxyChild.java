package im.satellite.bench.proxy;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.proxy.FileProxyServiceFactory;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Satellite file proxy in a process of its own (started by {@link SatelliteProxyProcess}), so that its heap
 * is its own and capped with {@code -Xmx}. It runs the configuration file given as its argument, says
 * {@code online} on stdout, samples heap used (MemoryMXBean) and Netty's pooled direct memory every 10 ms,
 * and answers one-line commands on stdin: {@code reset} (peaks back to the current value), {@code peak}
 * ({@code peak <heap bytes> <direct bytes>}). It stops at {@code quit} or at the end of stdin.
 */
public final class ProxyChild {
    private ProxyChild() {
    }

    /** Entry point of the child process. */
    public static void main(String[] args) throws Exception {
        // stdout is this process's control channel to the benchmark, not a log.
        PrintStream control = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String yaml = Files.readString(Path.of(args[0]));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakDirect = new AtomicLong();
        try (ComponentRunner runner = ComponentRunner.start(
                new ConfigLoader(List.of(new FileProxyServiceFactory())).parse(yaml, args[0]))) {
            runner.awaitOnline(Duration.ofSeconds(30));
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    peakDirect.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(),
                            Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            control.println("online");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("reset")) {
                    peakHeap.set(memory.getHeapMemoryUsage().getUsed());
                    peakDirect.set(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
                    control.println("ok");
                } else if (line.equals("peak")) {
                    control.println("peak " + peakHeap.get() + " " + peakDirect.get());
                }
            }
            sampler.interrupt();
        }
    }
}
