/// The agent contract: typed requests and responses, and the context handle an agent receives.
package io.nootropic.api.agent;
