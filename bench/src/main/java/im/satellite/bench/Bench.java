package im.satellite.bench;

import im.satellite.bench.irc.IrcCommand;
import im.satellite.bench.link.LinkCommand;
import im.satellite.bench.muc.MucCommand;
import im.satellite.bench.proxy.ProxyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bench} command line: each subcommand starts what it needs on loopback, measures, prints a table
 * and exits. Run it as {@code bench/run <command>} after {@code mvn -pl bench -am package}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Satellite benchmarks: each figure next to the peer's or the limit's, measured in the same run.",
        subcommands = {ProxyCommand.class, LinkCommand.class, MucCommand.class, IrcCommand.class})
public final class Bench implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
