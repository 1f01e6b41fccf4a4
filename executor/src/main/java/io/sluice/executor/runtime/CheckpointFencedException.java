package io.sluice.executor.runtime;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/**
 * A checkpoint could not be recorded because another process has since claimed the pipeline (see
 * {@link CheckpointStore#claim}). The pipeline that gets it stops: it must not write on.
 */
public final class CheckpointFencedException extends SluiceException {
    public CheckpointFencedException(String message) {
        super(ErrorCode.OBJECT_IN_USE, message);
    }
}
