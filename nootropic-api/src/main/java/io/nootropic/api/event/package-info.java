/// Typed events agents and the runtime publish, and the sink they publish to.
package io.nootropic.api.event;
