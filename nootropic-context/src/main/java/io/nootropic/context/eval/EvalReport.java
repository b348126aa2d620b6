package io.nootropic.context.eval;

import java.util.List;

/// The outcome of a docstring-to-code evaluation.
///
/// @param repository   the evaluated folder
/// @param javaFiles    Java files parsed
/// @param candidates   documented methods with a usable, unique summary sentence
/// @param queries      queries run (a deterministic sample of the candidates)
/// @param chunks       chunks in the evaluation index
/// @param k            cut-off of the metrics
/// @param embedding    embedding model used for dense and hybrid, or `none`
/// @param results      one entry per retriever
/// @param indexMillis  time to build the evaluation index
public record EvalReport(String repository, int javaFiles, int candidates, int queries, int chunks, int k,
    String embedding, List<ModeResult> results, long indexMillis) {

  /// Copies the list.
  public EvalReport {
    results = List.copyOf(results);
  }

  /// The result of one retriever.
  ///
  /// @param mode        `bm25`, `dense` or `hybrid`
  /// @param mrr         mean reciprocal rank of the answer within the top k (0 when absent)
  /// @param recall      fraction of queries whose answer is in the top k
  /// @param meanMillis  mean query latency
  public record ModeResult(String mode, double mrr, double recall, double meanMillis) { }

  /// The result of one mode, if it was run.
  public ModeResult result(String mode) {
    return results.stream().filter(r -> r.mode().equals(mode)).findFirst().orElse(null);
  }
}
