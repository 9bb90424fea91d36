package dev.kqlhunt.bench;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for tasks of a thread pool and rethrows their I/O errors as such. */
final class Tasks {

    private Tasks() {}

    static <T> T join(Future<T> task) throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("a worker task failed", e.getCause());
        }
    }
}
