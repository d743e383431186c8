package dev.vfc.fuzzer;

import dev.vfc.fuzz.FuzzedRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * One input that killed, hung or breached a daemon, saved and minimised.
 *
 * @param number      its number in the campaign, from 1
 * @param violation   the rule it broke and the hardening-axis verdict, as the replay of the minimised
 *                    requests saw it (as the campaign saw it when they were not minimised)
 * @param sent        how many requests the daemon had got since its start, the failing one last
 * @param transcript  the file of all of them
 * @param reproduced  whether replaying them on a fresh daemon broke the same rule again
 * @param minimised   the fewest requests found that still break it (all of them when not reproduced)
 * @param minimisedTranscript the file of those
 * @param tries       how many replays minimising took
 * @param millis      how long minimising took
 */
public record Finding(int number, Violation violation, int sent, Path transcript, boolean reproduced,
        List<FuzzedRequest> minimised, Path minimisedTranscript, int tries, long millis) {

    public Finding {
        minimised = List.copyOf(minimised);
    }
}
