/**
 * The workflows' HTTP JSON API, one class per resource: {@code DevicesApi}, {@code SetsApi},
 * {@code ShootsApi}, {@code RollsApi} (rolls and film shoots), {@code ScansApi} (scan import and
 * pairing), {@code JobsApi}, {@code ModelsApi}; the set and roll {@code Views}; the {@code Slate}
 * page. A resource's request rules beyond parsing sit in one class beside it ({@code SetPlanCheck}:
 * a plan the bench cannot shoot); {@code SetOptions} is what the set form may offer. {@link emu.station.api.WorkflowApi} is the daemon module that registers them behind the
 * login's guard. Routes are listed in docs/api.md.
 *
 * <p>A handler parses and validates (with {@code emu.station.http.Json}/{@code Body}/{@code Params}),
 * calls one workflow and answers; it throws {@code emu.station.errors} exceptions and never maps
 * them itself ({@code http.ApiErrors} does). May import {@code http}, {@code errors},
 * {@code daemon}, the workflows and {@code store}; nothing imports it but the daemon's wiring.
 */
package emu.station.api;
