package io.nootropic.runtime.journal;

/// The store was used after [TaskStore#close()].
public class StoreClosedException extends StoreException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public StoreClosedException(String message) {
    super(message);
  }
}
