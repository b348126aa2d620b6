/// Helpers of the context module, not exported.
package io.nootropic.context.internal;
