package io.nootropic.runtime.archfixture;

import jdk.incubator.vector.FloatVector;

/// Fixture breaking the Vector API confinement.
public final class VectorOutsideInference {
  /// Uses the Vector API.
  public static int lanes() {
    return FloatVector.SPECIES_PREFERRED.length();
  }
}
