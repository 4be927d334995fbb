/**
 * The Satellite runtime: what a service implements ({@link im.satellite.core.ComponentService},
 * {@link im.satellite.core.ServiceFactory}), what it is given ({@link im.satellite.core.ServiceContext}), and
 * {@link im.satellite.core.ComponentRunner}, which wires configuration, storage and XEP-0114 links together.
 */
package im.satellite.core;
