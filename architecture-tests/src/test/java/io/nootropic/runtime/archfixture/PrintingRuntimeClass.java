package io.nootropic.runtime.archfixture;

/// Fixture breaking "only examples print" and the layering (runtime using context).
public final class PrintingRuntimeClass {
  /// Prints and reaches into context.
  public static void run() {
    System.out.println("libraries must not print");
    System.out.println(io.nootropic.context.ContextException.class.getName());
  }
}
