package io.nootropic.inference.internal.kernel;

import java.lang.System.Logger.Level;

/// Decides once, at startup, whether the kernels use the Vector API and with which vector width.
///
/// The system property `nootropic.vectorBitSize` forces a width (`128`, `256`, `512`) or the scalar
/// kernels (`0`). Without it the preferred species of the machine is used when the
/// `jdk.incubator.vector` module is present and the width is at least 256 bits; otherwise the scalar
/// kernels run. The reason for the choice is logged once (System.Logger, logger name of this class).
public final class VectorizationProvider {

  /// Name of the system property that forces a vector width in bits (0 = scalar kernels).
  public static final String PROPERTY = "nootropic.vectorBitSize";

  /// Vector width in bits the kernels use; 0 means scalar kernels.
  public static final int BIT_SIZE;
  /// Whether the Vector API kernels are used.
  public static final boolean ENABLED;
  /// Human-readable reason for the choice (also logged).
  public static final String REASON;

  static {
    int bits;
    String reason;
    String forced = System.getProperty(PROPERTY);
    boolean modulePresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    int preferred = modulePresent ? VectorProbe.preferredBitSize() : 0;
    if (!modulePresent) {
      bits = 0;
      reason = "scalar kernels: module jdk.incubator.vector is not resolved (add --add-modules jdk.incubator.vector)";
    } else if (forced != null && !forced.isBlank()) {
      int requested;
      try {
        requested = Integer.parseInt(forced.trim());
      } catch (NumberFormatException e) {
        requested = -1;
      }
      if (requested == 0) {
        bits = 0;
        reason = "scalar kernels: " + PROPERTY + "=0";
      } else if ((requested == 256 || requested == 512) && requested <= preferred) {
        bits = requested;
        reason = "Vector API, " + bits + "-bit species (" + PROPERTY + "=" + requested + ")";
      } else {
        bits = preferred >= 256 ? preferred : 0;
        reason = (bits == 0 ? "scalar kernels" : "Vector API, " + bits + "-bit species")
            + ": ignored " + PROPERTY + "=" + forced + " (supported: 0, 256, 512 up to the machine's "
            + preferred + ")";
      }
    } else if (preferred >= 256) {
      bits = preferred;
      reason = "Vector API, " + bits + "-bit preferred species";
    } else {
      bits = 0;
      reason = "scalar kernels: preferred vector species is only " + preferred + " bits";
    }
    BIT_SIZE = bits;
    ENABLED = bits > 0;
    REASON = reason;
    System.getLogger(VectorizationProvider.class.getName()).log(
        ENABLED ? Level.DEBUG : Level.INFO, "nootropic kernels: {0}", REASON);
  }

  private VectorizationProvider() { }

  /// Touches the Vector API only when its module is known to be present.
  private static final class VectorProbe {
    static int preferredBitSize() {
      return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
  }
}
