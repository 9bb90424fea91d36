package dev.kqlhunt.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws an {@link EventKind} per row: a trap kind with the trap share, else a benign one. */
final class KindPicker {

    private final double trapShare;
    private final EventKind[] benign;
    private final int[] benignCumulative;
    private final EventKind[] traps;
    private final int[] trapCumulative;

    KindPicker(double trapShare) {
        this.trapShare = trapShare;
        this.benign = Arrays.stream(EventKind.values()).filter(k -> !k.isTrap())
                .toArray(EventKind[]::new);
        this.traps = Arrays.stream(EventKind.values()).filter(EventKind::isTrap)
                .toArray(EventKind[]::new);
        this.benignCumulative = cumulative(benign);
        this.trapCumulative = cumulative(traps);
    }

    EventKind pick(SplittableRandom random) {
        if (trapShare > 0 && random.nextDouble() < trapShare) {
            return pick(random, traps, trapCumulative);
        }
        return pick(random, benign, benignCumulative);
    }

    private static EventKind pick(SplittableRandom random, EventKind[] kinds, int[] cumulative) {
        int draw = random.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (draw >= cumulative[i]) {
            i++;
        }
        return kinds[i];
    }

    private static int[] cumulative(EventKind[] kinds) {
        int[] sums = new int[kinds.length];
        int sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += kinds[i].weight;
            sums[i] = sum;
        }
        return sums;
    }
}
