/**
 * Configuration: {@code satellite.yml} read with Jackson YAML into validated records. Every problem is reported at
 * once, naming its key; secrets may come from environment variables.
 */
package im.satellite.core.config;
