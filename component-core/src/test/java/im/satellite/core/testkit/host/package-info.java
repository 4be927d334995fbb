/**
 * Real XMPP servers for integration tests (STYLE 7.8.5): {@link
 * im.satellite.core.testkit.host.ProsodyServer} and {@link
 * im.satellite.core.testkit.host.EjabberdServer} run the machine's Debian packages on 127.0.0.1,
 * on free ports and in a temporary directory, with the XEP-0114 external components a {@link
 * im.satellite.core.testkit.host.HostServerSpec} declares (plus, for benchmarks, the servers'
 * own XEP-0045 MUC and XEP-0065 proxy); {@link im.satellite.core.testkit.host.HostServerExtension}
 * runs one per test class and {@link im.satellite.core.testkit.host.TestClients} logs Smack
 * clients into it. Configuration templates live in {@code conf/test/} at the project root. This
 * package depends on no main class of component-core, so every module can reuse it from the
 * test-jar.
 */
package im.satellite.core.testkit.host;
