/// Internals of the context module: declaration finders, the segmenter, the Lucene index and
/// analyzer. Not public API, may change.
package io.nootropic.context.internal;
