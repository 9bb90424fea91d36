package dev.kqlhunt.hardening;

import java.util.Random;

/**
 * Settings of the randomised tests. CI runs a fixed seed and a bounded number of cases; a longer
 * run by hand sets system properties, for example:
 *
 * <pre>
 * mvn test -Dtest='*Fuzz*' -Dkqlhunt.fuzz.seed=$RANDOM -Dkqlhunt.fuzz.lines=1000000 \
 *     -Dkqlhunt.fuzz.literals=20000
 * </pre>
 *
 * A failure message names the seed, so the same cases can be run again.
 */
final class Fuzz {

    /** Seed of every random choice. */
    static final long SEED = Long.getLong("kqlhunt.fuzz.seed", 20_211_203L);

    /** Mutated lines given to the Event parser. */
    static final int LINES = Integer.getInteger("kqlhunt.fuzz.lines", 5_000);

    /** Random literals compiled into a rule; a bounded share of them also runs on Flink. */
    static final int LITERALS = Integer.getInteger("kqlhunt.fuzz.literals", 2_000);

    private Fuzz() {}

    static Random random() {
        return new Random(SEED);
    }
}
