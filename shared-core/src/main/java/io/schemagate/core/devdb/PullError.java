package io.schemagate.core.devdb;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Why the engine could not pull an image, in its own words. Testcontainers reports a failed pull as "Failed to pull
 * image", and with Podman its progress reader stumbles over the error line (no status) before reading it; so when
 * the failure carries no answer of the engine, one more pull is asked for, only to read its error.
 */
final class PullError {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private PullError() {
    }

    /** The engine's reason for not pulling {@code image} (as Testcontainers substitutes it), or empty if it now could. */
    static Optional<String> of(DockerClient client, String image, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DockerException) {
                return Optional.of(EngineMessage.of(cause));
            }
        }
        DockerImageName name = ImageNameSubstitutor.instance().apply(DockerImageName.parse(image));
        AtomicReference<String> error = new AtomicReference<>();
        ResultCallback.Adapter<PullResponseItem> progress = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                    error.compareAndSet(null, item.getErrorDetail().getMessage());
                }
            }
        };
        try {
            client.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec(progress)
                    .awaitCompletion(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            error.compareAndSet(null, EngineMessage.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                progress.close();
            } catch (java.io.IOException ignored) {
                // the stream is over either way
            }
        }
        return Optional.ofNullable(error.get()).map(OneLine::of);
    }
}
