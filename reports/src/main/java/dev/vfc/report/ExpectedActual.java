package dev.vfc.report;

import java.util.Optional;

/**
 * The two halves of a detail written as {@code expected X, got Y} (the shape every FAIL takes,
 * see {@code Verdict.fail(expected, actual)}), so the report can set them side by side instead
 * of making the reader find the comma.
 */
public record ExpectedActual(String expected, String actual) {

    private static final String EXPECTED = "expected ";
    private static final String GOT = ", got ";

    /** The halves of {@code detail}, or empty when it does not have that shape. */
    public static Optional<ExpectedActual> of(String detail) {
        if (detail == null || !detail.startsWith(EXPECTED)) {
            return Optional.empty();
        }
        int got = detail.indexOf(GOT, EXPECTED.length());
        if (got < 0) {
            return Optional.empty();
        }
        return Optional.of(new ExpectedActual(detail.substring(EXPECTED.length(), got).strip(),
                detail.substring(got + GOT.length()).strip()));
    }
}
