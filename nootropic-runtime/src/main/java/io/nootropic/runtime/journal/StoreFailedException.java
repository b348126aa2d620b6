package io.nootropic.runtime.journal;

/// A write or a flush to stable storage failed, so the store refuses every further write: it never
/// retries a failed `fsync` and reports success. Reopen the store to recover what was committed.
public class StoreFailedException extends StoreException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public StoreFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
