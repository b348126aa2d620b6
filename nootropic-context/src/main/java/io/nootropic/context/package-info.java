/// Entry points of code retrieval and context packing.
package io.nootropic.context;
