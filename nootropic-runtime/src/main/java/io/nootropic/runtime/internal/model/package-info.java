/// Internals of model routing: statistics windows and the streaming watchdog. Not public API, may change.
package io.nootropic.runtime.internal.model;
