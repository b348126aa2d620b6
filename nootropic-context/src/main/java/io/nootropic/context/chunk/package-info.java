/// Code-aware chunking: splitting source files at declarations, with size-based windows as fallback.
package io.nootropic.context.chunk;
