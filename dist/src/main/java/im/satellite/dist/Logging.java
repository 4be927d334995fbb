package im.satellite.dist;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Adjusts logging from the command line: the root level, and stanza XML on the wire at DEBUG. */
final class Logging {
    private Logging() {
    }

    static void configure(String level, boolean wire) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        if (level != null) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
            ctx.getLogger("im.satellite").setLevel(Level.toLevel(level, Level.INFO));
        }
        if (wire) {
            ctx.getLogger("im.satellite.wire").setLevel(Level.DEBUG);
        }
    }

    /** Flushes and stops logging; the last thing the shutdown hook does. */
    static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.stop();
        }
    }
}
