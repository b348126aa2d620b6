package io.nootropic.runtime.routing;

import io.nootropic.api.model.ModelDescriptor;
import java.util.Objects;

/// Names one model of one provider, written `provider/model`.
///
/// @param provider the provider name
/// @param model    the model id within the provider
public record ModelRef(String provider, String model) {

  /// Checks the fields.
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
  }

  /// The reference of a descriptor.
  public static ModelRef of(ModelDescriptor descriptor) {
    return new ModelRef(descriptor.provider(), descriptor.id());
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
