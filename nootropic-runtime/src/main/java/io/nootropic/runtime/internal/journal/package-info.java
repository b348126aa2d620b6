/// On-disk format of the embedded journal: not public API, may change.
package io.nootropic.runtime.internal.journal;
