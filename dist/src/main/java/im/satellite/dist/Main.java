package im.satellite.dist;

import im.satellite.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code satellite} command: {@code run}, {@code check-config} and {@code probe}. Exit codes: 0 success, 1 runtime
 * failure, 2 invalid configuration or usage.
 */
@Command(name = "satellite", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = {"Satellite: XMPP external components (XEP-0114) for the server you already run: multi-user "
            + "chat (muc), an IRC gateway (irc) and a file-transfer proxy (proxy), each on its own subdomain of "
            + "Prosody, ejabberd or any server that accepts external components.",
            "",
            "Start with: satellite run --config conf/satellite.yml"},
        subcommands = {RunCommand.class, CheckConfigCommand.class, ProbeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version the build put into component-core. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Satellite " + Version.current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
