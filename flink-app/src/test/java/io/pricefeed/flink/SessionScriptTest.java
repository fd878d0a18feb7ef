package io.pricefeed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The generated scripts the ITCases run ({@code PricefeedJobITCase}, {@code MalformedInputITCase},
 * {@code LocalJobITCase}) are the very ticks they were written against: the digests below were
 * taken before the quote walk moved to test-fixtures' {@code QuoteWalk} (issue #18), so a change
 * there that would change those tests' input fails here, in milliseconds. And the features the
 * ITCases rely on are in the script.
 */
class SessionScriptTest {
    @Test
    void theItCasesScriptsAreTickForTickThoseTheyWereWrittenAgainst() throws Exception {
        assertThat(digest(SessionScript.generate(20261123L, 50, LocalTime.of(15, 0), LocalTime.of(15, 30))))
                .isEqualTo("9e4f0733bbe1f87897289e9e393f08b9f1fb2d10aaba7a568f09344a224d7116 9038");
        assertThat(digest(SessionScript.generate(20261010L, 10, LocalTime.of(15, 0), LocalTime.of(15, 30))))
                .isEqualTo("470fc95a58fe43b80c1dd4e6f4f838f145c9c52c3b19f7fbf9623092ef0c1ee3 1780");
        assertThat(digest(SessionScript.generate(7L, 5, LocalTime.of(15, 0), LocalTime.of(15, 5))))
                .isEqualTo("433a97cadd128e3df62abf3ef7a5a1bc8e876885787d2615081ced52b14c694b 149");
    }

    @Test
    void aQuitterAMoverABurstAndDuplicates() {
        SessionScript script = SessionScript.generate(20261123L, 50, LocalTime.of(15, 0), LocalTime.of(15, 30));

        assertThat(script.quitter).isEqualTo("NSE:SYM00-EQ");
        assertThat(script.ticks).filteredOn(t -> t.getSymbol().equals(script.quitter))
                .isNotEmpty().allSatisfy(t -> assertThat(t.getTs()).isLessThan(script.silentFrom));
        Tick moverFirst = script.ticks.stream().filter(t -> t.getSymbol().equals("NSE:SYM01-EQ")).findFirst().orElseThrow();
        assertThat(moverFirst.getLtp() / moverFirst.getPrevClose()).as("past the 7.5%% band").isGreaterThan(1.075);
        long burstFrom = script.from + 25 * 60_000;
        assertThat(script.ticks).filteredOn(t -> t.getSymbol().equals("NSE:SYM02-EQ")
                && t.getTs() >= burstFrom && t.getTs() < burstFrom + 60_000).isNotEmpty();
        assertThat(script.ticks).hasSizeGreaterThan((int) script.ticks.stream().distinct().count());
        assertThat(script.ticks).isSortedAccordingTo((a, b) -> Long.compare(a.getTs(), b.getTs()));
    }

    /** SHA-256 of the ticks on the wire, one line each, and their number. */
    private static String digest(SessionScript script) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Tick tick : script.ticks) {
            sha.update(WireCodec.encode(tick));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest()) + " " + script.ticks.size();
    }
}
