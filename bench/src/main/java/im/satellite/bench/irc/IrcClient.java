package im.satellite.bench.irc;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plain IRC client of the benchmark on a blocking socket: it registers, joins, answers PING, and hands the text of
 * every PRIVMSG it receives to a consumer on its own reader thread. Lines are written into a buffer and sent on
 * {@link #flush()}, so a sender can batch as the XMPP side does. Numerics the benchmark waits for (001, the end of
 * NAMES of a channel) complete futures; NAMES replies are collected per channel.
 */
final class IrcClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;
    private final String nick;
    private final Thread reader;
    private final Map<String, CompletableFuture<List<String>>> waits = new ConcurrentHashMap<>();
    private final Map<String, List<String>> names = new ConcurrentHashMap<>();
    private final CompletableFuture<List<String>> registered;
    private volatile Consumer<String> onText;
    private volatile boolean closed;

    /** Connects and sends NICK/USER; {@link #awaitRegistered} waits for 001. */
    IrcClient(int port, String nick, Consumer<String> onText) throws IOException {
        this.nick = nick;
        this.onText = onText;
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 64 * 1024);
        registered = expect("001");
        reader = new Thread(this::read, "irc-" + nick);
        reader.setDaemon(true);
        reader.start();
        send("NICK " + nick);
        send("USER " + nick + " 0 * :Satellite benchmark");
        flush();
    }

    String nick() {
        return nick;
    }

    /** Routes the text of received PRIVMSGs to {@code c} from now on. */
    void onText(Consumer<String> c) {
        this.onText = c;
    }

    void awaitRegistered(Duration timeout) throws Exception {
        registered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends JOIN for each channel without waiting; {@link #awaitJoined} waits for their member lists. */
    List<CompletableFuture<List<String>>> join(List<String> channels) throws IOException {
        List<CompletableFuture<List<String>>> done = new ArrayList<>();
        for (String c : channels) {
            done.add(expect("366 " + c));
            send("JOIN " + c);
        }
        flush();
        return done;
    }

    /** The nicks NAMES lists on a channel now. */
    List<String> names(String channel, Duration timeout) throws Exception {
        CompletableFuture<List<String>> f = expect("366 " + channel);
        send("NAMES " + channel);
        flush();
        return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Buffers one line (CR LF added). */
    void send(String line) throws IOException {
        byte[] b = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(b);
        }
    }

    void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    private CompletableFuture<List<String>> expect(String key) {
        return waits.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new CompletableFuture<>());
    }

    private void read() {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                handle(line);
            }
            failAll(new IOException(nick + ": the server closed the connection"));
        } catch (IOException e) {
            failAll(e);
        }
    }

    private void handle(String line) throws IOException {
        int start = 0;
        if (line.startsWith(":")) {
            start = line.indexOf(' ') + 1;
            if (start == 0) {
                return;
            }
        }
        int end = line.indexOf(' ', start);
        String command = end < 0 ? line.substring(start) : line.substring(start, end);
        switch (command) {
            case "PRIVMSG" -> {
                int text = line.indexOf(" :", end);
                Consumer<String> c = onText;
                if (text > 0 && c != null) {
                    c.accept(line.substring(text + 2));
                }
            }
            case "PING" -> {
                send("PONG " + line.substring(end + 1));
                flush();
            }
            case "001" -> complete("001", List.of());
            case "353" -> {
                // :server 353 me = #chan :nick1 @nick2
                String[] p = line.substring(end + 1).split(" ", 4);
                if (p.length == 4) {
                    List<String> l = names.computeIfAbsent(p[2].toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                    for (String n : p[3].substring(p[3].startsWith(":") ? 1 : 0).split(" ")) {
                        if (!n.isEmpty()) {
                            l.add(n.replaceAll("^[~&@%+]+", ""));
                        }
                    }
                }
            }
            case "366" -> {
                String[] p = line.substring(end + 1).split(" ", 3);
                if (p.length >= 2) {
                    String ch = p[1].toLowerCase(Locale.ROOT);
                    List<String> l = names.remove(ch);
                    complete("366 " + ch, l == null ? List.of() : l);
                }
            }
            case "433", "432", "471", "473", "474", "475", "403", "405" ->
                    failAll(new IOException(nick + ": refused by the server: " + line));
            case "ERROR" -> failAll(new IOException(nick + ": " + line));
            default -> { }
        }
    }

    private void complete(String key, List<String> value) {
        CompletableFuture<List<String>> f = waits.remove(key.toLowerCase(Locale.ROOT));
        if (f != null) {
            f.complete(value);
        }
    }

    private void failAll(Exception e) {
        if (!closed) {
            waits.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** QUIT and close. */
    @Override
    public void close() {
        closed = true;
        try {
            send("QUIT :done");
            flush();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do.
        }
    }
}
