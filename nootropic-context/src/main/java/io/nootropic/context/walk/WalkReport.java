package io.nootropic.context.walk;

import java.util.List;

/// What a walk saw.
///
/// @param accepted  text files handed to the consumer
/// @param ignored   files and folders left out by ignore rules
/// @param problems  files skipped or read imperfectly (at most [RepositoryWalker#MAX_PROBLEMS] kept)
/// @param problemCount all problems, including those not kept
public record WalkReport(int accepted, int ignored, List<WalkProblem> problems, int problemCount) {

  /// Copies the list.
  public WalkReport {
    problems = List.copyOf(problems);
  }

  /// The number of problems of one kind among those kept.
  public long count(WalkProblem.Kind kind) {
    return problems.stream().filter(p -> p.kind() == kind).count();
  }
}
