/**
 * The runnable distribution: the {@code satellite} command line ({@code run}, {@code check-config}, {@code probe}),
 * logging set-up and the explicit list of services.
 */
package im.satellite.dist;
