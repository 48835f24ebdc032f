package emu.station.api;

import emu.station.http.Body;

/** {@code {"bad": true|false, "reason": "..."}}: bad is required, so a typo cannot unmark silently. */
record BadMark(boolean bad, String reason) {
    static BadMark of(Body b) {
        return new BadMark(b.bool("bad", true), b.text("reason", false));
    }
}
