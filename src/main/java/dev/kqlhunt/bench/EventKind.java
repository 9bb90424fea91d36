package dev.kqlhunt.bench;

/**
 * The kinds of {@code Event} rows the generator writes, with their share and whether the Silk
 * Typhoon UM service error rule returns them.
 *
 * <p>Benign kinds make up the bulk of an archive. Trap kinds, which are rule matches and
 * look-alikes that must not match, share the fraction of rows set by {@code --trap-share}.
 */
enum EventKind {
    // Benign Exchange events in the Application log.
    EXCHANGE_ADACCESS_TOPOLOGY(false, 30),
    EXCHANGE_TRANSPORT_WARNING(false, 8),
    EXCHANGE_WATSON_APP_POOL(false, 3),
    EXCHANGE_REPL_HEALTHY(false, 12),
    EXCHANGE_CMDLET_ERROR(false, 2),
    // Benign events of other Application and System sources.
    APPLICATION_ERROR(false, 4),
    SOFTWARE_PROTECTION(false, 10),
    SERVICE_CONTROL_MANAGER(false, 18),
    SERVICE_CONTROL_MANAGER_GERMAN(false, 3),
    APPLICATION_ERROR_JAPANESE(false, 1),
    KERNEL_TIME_CHANGE(false, 5),
    DISK_RETRY_WARNING(false, 4),

    // Rule matches: one kind per branch of the rule's description filter.
    WATSON_UM_GADGET(true, 10),
    UM_WORKER_UNHANDLED(true, 10),
    UM_SERVICE_START_FAILURE(true, 10),
    UM_SOURCE_NAMED_IN_TEXT(true, 10),

    // Look-alikes that the rule must not return.
    WATSON_UM_OUT_OF_MEMORY(false, 6),
    UM_WORKER_OUT_OF_MEMORY(false, 4),
    UM_CALL_ROUTER(false, 6),
    UM_WARNING_LEVEL(false, 5),
    UM_LEADING_SPACE(false, 5),
    UM_SYSTEM_LOG(false, 4),
    UM_OTHER_SOURCE(false, 4),
    UM_LEVEL_LOOKALIKE(false, 4),
    UM_EVENT_LOG_LOOKALIKE(false, 4),
    WATSON_UM_NO_GADGET(false, 5);

    /** Whether the rule returns rows of this kind. */
    final boolean matches;
    /** Relative share among the benign kinds, or among the trap kinds. */
    final int weight;

    EventKind(boolean matches, int weight) {
        this.matches = matches;
        this.weight = weight;
    }

    boolean isTrap() {
        return ordinal() >= WATSON_UM_GADGET.ordinal();
    }
}
