/// Retrieval evaluation: docstring-to-code search on any Java repository, scored by MRR@k and
/// Recall@k for BM25, dense and hybrid retrieval.
package io.nootropic.context.eval;
