/// Entry points of the Nootropic runtime.
package io.nootropic.runtime;
