/**
 * Helpers the station's tests share across packages, so a set-up lives once: {@link
 * emu.station.testing.ApiClient}, the JSON client the API tests drive a real station with. Test
 * code only; may import anything of the station's main code and the test libraries, and is
 * imported by tests alone.
 */
package emu.station.testing;
