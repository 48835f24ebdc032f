package emu.calibration.pairs;

import java.util.List;

/**
 * A pairs CSV that breaks the contract, with every problem found (not just the first), each
 * naming the file and line. An {@link IllegalArgumentException}: bad input, exit code 2.
 */
public final class PairsFormatException extends IllegalArgumentException {

    private static final int SHOWN = 50;
    private final List<String> problems;

    public PairsFormatException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, e.g. {@code "line 7: film_g = 1.2 is outside 0..1"}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        StringBuilder b = new StringBuilder(source).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append(" (pairs CSV contract: DESIGN.md, \"Pairs CSV\")");
        problems.stream().limit(SHOWN).forEach(p -> b.append(System.lineSeparator()).append("  ").append(p));
        if (problems.size() > SHOWN) {
            b.append(System.lineSeparator()).append("  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        return b.toString();
    }
}
