package im.satellite.persistence.testkit;

import im.satellite.persistence.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster for integration tests, made from Debian's {@code postgresql} package: {@code initdb}
 * into a temporary directory, then {@code pg_ctl start} on a free loopback port, with the unix socket in the same
 * directory, so it never touches the system cluster (which need not exist or run). {@link #createDatabase} makes a
 * fresh database owned by a password-authenticated role, reached over TCP at {@code 127.0.0.1} with a
 * {@code jdbc:postgresql:} URL, as an admin would configure {@code database.url}. {@link #close()} stops the server
 * and deletes the directory; a JVM shutdown hook does the same if the tests never get there.
 *
 * <p><b>Who runs it.</b> PostgreSQL refuses to run as root. When the tests run as root (as CI does), the directory
 * is handed to the {@code postgres} system user (created by the Debian package) and every PostgreSQL command runs
 * through {@code runuser -u postgres --}. Any other user runs the commands as itself and owns the cluster.
 *
 * <p><b>Where the binaries are.</b> The highest version under {@code /usr/lib/postgresql/<version>/bin}, or the
 * directory named by the system property {@value #BIN_PROPERTY}. When there is none, {@link #start()} fails and says
 * to install {@code postgresql} ({@code bin/run-tests} does).
 *
 * <p>The cluster trades durability for speed ({@code fsync=off}): it is thrown away after the tests.
 */
public final class PostgresServer implements AutoCloseable {

    /** System property naming the directory of {@code initdb} and {@code pg_ctl}, instead of the Debian default. */
    public static final String BIN_PROPERTY = "satellite.pg.bin";

    /** The login role made for the tests; it owns every database from {@link #createDatabase}. */
    public static final String ROLE = "satellite";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;
    private static final int START_ATTEMPTS = 3;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path base;
    private final Path data;
    private final List<String> runAs;
    private final String superPassword;
    private final String rolePassword;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private int port;

    private PostgresServer(Path bin, Path base, List<String> runAs) {
        this.bin = bin;
        this.base = base;
        this.data = base.resolve("data");
        this.runAs = runAs;
        this.superPassword = randomPassword();
        this.rolePassword = randomPassword();
        this.shutdownHook = new Thread(this::stopAndDelete, "postgres-test-shutdown");
    }

    /**
     * Creates and starts a cluster, and makes the {@value #ROLE} role with its password.
     *
     * @throws IllegalStateException if PostgreSQL is not installed or does not start; the message quotes its log
     */
    public static PostgresServer start() {
        Path bin = binaries();
        Path base;
        try {
            base = Files.createTempDirectory("satellite-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the PostgreSQL cluster", e);
        }
        PostgresServer server = new PostgresServer(bin, base, runningAsRoot(base)
                ? List.of("runuser", "-u", SYSTEM_USER, "--") : List.of());
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initialise();
            server.startOnFreePort();
            server.admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + server.rolePassword + "'");
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The loopback TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The {@value #ROLE} role's password. */
    public String password() {
        return rolePassword;
    }

    /**
     * Creates an empty database owned by {@value #ROLE} and returns how to connect to it: the URL
     * {@code jdbc:postgresql://127.0.0.1:<port>/<name>}, the role and its password. Each call makes a new database,
     * named {@code prefix} plus a counter, so test classes sharing a cluster do not see each other's tables.
     *
     * @param prefix a lower-case identifier, e.g. {@code muc_store}
     */
    public DatabaseConfig createDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database names must match " + DATABASE_NAME.pattern() + ": " + name);
        }
        admin("CREATE DATABASE " + name + " OWNER " + ROLE + " ENCODING 'UTF8'");
        return new DatabaseConfig(url(name), ROLE, rolePassword, DatabaseConfig.DEFAULT_MAX_POOL_SIZE);
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Stops the server (fast shutdown: open sessions are cut) and deletes its directory; closing twice is harmless. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            log.debug("JVM already shutting down; the hook stops the server");
        }
    }

    private void initialise() {
        Path passwordFile = base.resolve("superuser.pw");
        try {
            Files.writeString(passwordFile, superPassword + "\n", StandardCharsets.UTF_8);
            if (!runAs.isEmpty()) {
                handOver(base, passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + base + " for initdb", e);
        }
        // Password authentication over TCP, as in production; trust on the private socket directory only.
        run("initdb", tool("initdb"), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync");
    }

    private void startOnFreePort() {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = freePort();
            String options = "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1"
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            try {
                run("pg_ctl start", tool("pg_ctl"), "-D", data.toString(), "-l", base.resolve("server.log").toString(),
                        "-o", options, "-w", "-t", "30", "start");
                log.info("PostgreSQL test cluster in {} listening on 127.0.0.1:{}", base, port);
                return;
            } catch (IllegalStateException e) {
                // Another process may have taken the port between freePort() and the bind.
                last = e;
                log.warn("PostgreSQL did not start on port {} (attempt {}): {}", port, attempt, e.getMessage());
            }
        }
        throw last;
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, superPassword);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL admin statement failed: " + e.getMessage(), e);
        }
    }

    private void stopAndDelete() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run("pg_ctl stop", tool("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
            } catch (IllegalStateException e) {
                log.warn("Stopping the PostgreSQL test cluster failed: {}", e.getMessage());
            }
        }
        deleteTree(base);
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    /** Runs a PostgreSQL command as the cluster's user and waits; fails with the command's output and log. */
    private void run(String what, String... command) {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(List.of(command));
        Path output = base.resolve("command.out");
        try {
            // Output goes to a file: pg_ctl start leaves the postmaster holding whatever stdout it was given.
            Process process = new ProcessBuilder(full).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s"
                        + diagnostics(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + diagnostics(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private String diagnostics(Path output) {
        return ": " + tail(output) + tail(base.resolve("server.log"));
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() <= 2000 ? "\n" + text : "\n…" + text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "\n(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Path binaries() {
        String configured = System.getProperty(BIN_PROPERTY);
        Optional<Path> found;
        if (configured != null) {
            found = Optional.of(Path.of(configured)).filter(PostgresServer::hasTools);
        } else if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                found = versions.map(v -> v.resolve("bin")).filter(PostgresServer::hasTools)
                        .max(Comparator.comparing(PostgresServer::majorVersion));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
            }
        } else {
            found = Optional.empty();
        }
        return found.orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no initdb and pg_ctl in "
                + (configured != null ? configured : DEBIAN_ROOT + "/*/bin")
                + "; install the 'postgresql' package (bin/run-tests does) or set -D" + BIN_PROPERTY));
    }

    private static boolean hasTools(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    private static int majorVersion(Path bin) {
        String version = bin.getParent().getFileName().toString();
        return version.matches("\\d+") ? Integer.parseInt(version) : -1;
    }

    private static boolean runningAsRoot(Path ownDirectory) {
        try {
            return Objects.equals(Files.getAttribute(ownDirectory, "unix:uid"), 0);
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Gives the cluster directory to the {@code postgres} system user, as which every command then runs. */
    private static void handOver(Path dir, Path passwordFile) throws IOException {
        UserPrincipal user;
        try {
            user = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        } catch (IOException e) {
            throw new IllegalStateException("Running as root, but there is no '" + SYSTEM_USER
                    + "' system user to run PostgreSQL as (the Debian package creates it)", e);
        }
        Files.setOwner(dir, user);
        Files.setOwner(passwordFile, user);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete the PostgreSQL test cluster directory {}: {}", root, e.toString());
        }
    }
}
