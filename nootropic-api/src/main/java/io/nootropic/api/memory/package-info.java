/// Long-term memory of past work (episodes) that agents consult before acting.
package io.nootropic.api.memory;
