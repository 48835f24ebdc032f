/**
 * Monitoring: {@code /metrics} in the Prometheus text format (Micrometer's Prometheus registry),
 * read from the store at each scrape ({@link emu.station.store.StatsRepository}) and from the
 * station's broadcast events, behind the login or the {@code [auth] metrics_token} bearer token.
 * Names and example alerts: docs/metrics.md. May import {@code store}, {@code http},
 * {@code daemon}, {@code auth} and {@code config}; nothing imports it but the CLI's module list.
 */
package emu.station.metrics;
