/**
 * Satellite's XEP-0045 Multi-User Chat component: {@link im.satellite.muc.MucServiceFactory} (config key
 * {@code muc}), {@link im.satellite.muc.MucService} with its whole routing surface, and its settings.
 */
package im.satellite.muc;
