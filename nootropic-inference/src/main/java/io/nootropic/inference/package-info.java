/// Entry points of the local inference engine.
package io.nootropic.inference;
