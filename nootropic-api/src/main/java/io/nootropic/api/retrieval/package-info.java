/// Retrieval SPIs: embedding models and code retrievers, reached by agents through ServiceLoader.
package io.nootropic.api.retrieval;
