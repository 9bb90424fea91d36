package dev.kqlhunt.hardening;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink mini-cluster the hunt tests run on: one TaskManager with two slots. */
final class MiniClusters {

    private MiniClusters() {}

    static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
