package io.nootropic.inference.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.api.Test;

/// The fused decode kernels must stay separate compilation units for C2.
///
/// C2 inlines a hot method whose bytecode is at most `FreqInlineSize` (325 bytes). Inlined into a
/// caller that holds more Vector API code, a kernel pushes the compilation past C2's node budget for
/// inlining; some vector operations are then left as calls on boxed vectors and the kernel runs 3-4x
/// slower (measured on Q4_K). Kernels over the limit are always compiled on their own, so a change
/// that shrinks one below it fails here rather than silently in a benchmark.
class KernelCompilationTest {

  private static final int FREQ_INLINE_SIZE = 325;

  private static int bytecodeSize(Class<?> type, String method) throws IOException {
    String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      ClassModel model = ClassFile.of().parse(in.readAllBytes());
      for (MethodModel m : model.methods()) {
        if (m.methodName().equalsString(method)) {
          return m.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength).orElseThrow();
        }
      }
    }
    throw new AssertionError(type.getName() + " has no method " + method);
  }

  @Test
  void fusedKernelsAreTooBigForC2ToInline() throws IOException {
    assertThat(bytecodeSize(Q4_0Tensor.Simd.class, "dot512")).as("Q4_0 dot512").isGreaterThan(FREQ_INLINE_SIZE);
    assertThat(bytecodeSize(Q4_KTensor.Simd.class, "dot")).as("Q4_K dot").isGreaterThan(FREQ_INLINE_SIZE);
    assertThat(bytecodeSize(Q6_KTensor.Simd.class, "dot")).as("Q6_K dot").isGreaterThan(FREQ_INLINE_SIZE);
    assertThat(bytecodeSize(Q5_0Tensor.class, "dot512")).as("Q5_0 dot512").isGreaterThan(FREQ_INLINE_SIZE);
    assertThat(bytecodeSize(Q5_KTensor.class, "dot512")).as("Q5_K dot512").isGreaterThan(FREQ_INLINE_SIZE);
  }
}
